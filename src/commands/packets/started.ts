// Shared by the packet commands: start a port on the shell's mempool when a command needs it
// started, and turn a failed start into a message that says what to change.
import type { Body, CommandContext } from '../types.js';
import { fail } from '../types.js';
import type { LogLine, RawPort } from '../../protocol/ops.js';
import type { PortStartReply } from '../../protocol/ops-packets.js';

type Failed = Body;

export function startFailure(port: RawPort, r: PortStartReply, pool: { size: number; dataRoom?: number }): Failed {
  const where = `port ${port.port} (${port.name})`;
  const base = `${r.stage} failed on ${where}: ${r.errnoText || `ret ${r.ret}`}`;
  const hint = r.stage === 'mempool'
    ? `the shell's mbuf pool (${pool.size} mbufs of ${pool.dataRoom ?? 2176} B, about ${Math.round((pool.size * 2304) / 1048576)} MB) did not fit in the EAL's memory; start the EAL with more: run --no-huge -m 256 --no-pci --no-shconf -l 0 --no-telemetry`
    : r.stage === 'rx-queue-setup' && r.errno === 12
      ? 'the mbuf pool ran out while filling the rx ring; stop other ports (port stop PORT) or restart with more memory'
      : 'the DPDK lines above say what the driver refused';
  return fail('port-start-failed', base, hint, { port: port.port, name: port.name, ...r }, r.log, 'port-start');
}

/** Starts the port if it is stopped. Returns the lines DPDK logged and whether it was started here. */
export async function ensureStarted(ctx: CommandContext, port: RawPort): Promise<{ autoStarted: boolean; log: LogLine[] } | Failed> {
  if (port.started) return { autoStarted: false, log: [] };
  const r = await ctx.session.call('portStart', { port: port.port });
  if (!r) return fail('no-such-port', `port ${port.port} is gone`, "see 'show port summary'");
  if (r.ret < 0) return startFailure(port, r, await ctx.session.call('pktPool', {}));
  return { autoStarted: true, log: r.log };
}

export const isFailed = (x: unknown): x is Failed => typeof x === 'object' && x !== null && (x as Failed).ok === false;

/**
 * net_pcap without rx_pcap/rx_iface installs eth_null_rx (drivers/net/pcap/pcap_ethdev.c), which
 * never returns a packet; net_null's function of the same name generates packets, hence the file.
 */
export function rxLess(burst: { fn: string | null; file: string | null } | null | undefined): boolean {
  return !!burst && burst.fn === 'eth_null_rx' && !!burst.file && burst.file.startsWith('drivers/net/pcap/');
}
