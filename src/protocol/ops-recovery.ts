// Protocol ops of the recovery area (crash reports, hang sampling).
// eslint-disable-next-line @typescript-eslint/no-empty-interface
export interface RecoveryOps {}
