// Inferior-side handlers of the recovery area.
import type { Handlers } from './handlers.js';
import type { RecoveryOps } from '../session/protocol-recovery.js';

export const recoveryHandlers: Handlers<keyof RecoveryOps> = {};
