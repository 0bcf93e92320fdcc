// Inferior-side handlers of the packets area.
import type { Handlers } from './handlers.js';
import type { PacketOps } from '../session/protocol-packets.js';

export const packetHandlers: Handlers<keyof PacketOps> = {};
