// Inferior-side handlers of the recovery area.
import type { Handlers } from './handlers.js';
import type { RecoveryOps } from '../protocol/ops-recovery.js';

export const recoveryHandlers: Handlers<keyof RecoveryOps> = {};
