// The recovery settings live on the session (session.recovery, src/session/state.ts).
import type { Session } from '../session/session.js';
import type { RecoveryState } from '../session/state.js';

/** session.recovery, for callers that hold the Session as a parameter (scripts, tests). */
export const recoveryState = (session: Session): RecoveryState => session.recovery;
