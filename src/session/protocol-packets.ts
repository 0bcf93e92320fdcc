// Protocol ops of the packets area (port start/stop, tx, rx, fwd, capture).
// eslint-disable-next-line @typescript-eslint/no-empty-interface
export interface PacketOps {}
