// rx PORT [count N] [timeout MS] [hex]: the native loop polls rte_eth_rx_burst until N packets or
// the timeout; one tcpdump-like line per packet, with a hex dump on request.
import type { CommandSpec } from '../types.js';
import { fail, ok } from '../types.js';
import { ensureStarted, isFailed, rxLess } from './started.js';
import { fromHex, summarize } from '../../packets/decode.js';

export const MAX_RX_COUNT = 10_000;
export const MAX_RX_TIMEOUT_MS = 60_000;

export const rx: CommandSpec = {
  path: ['rx'],
  section: 'Ports',
  attached: { intrusive: "it would take packets from the application's rx queues: they would never reach the application", needsEal: true },
  summary: 'receive up to N packets (rte_eth_rx_burst) and print one line each',
  details: 'A stopped port is started first. Example: rx 0 count 5 hex',
  args: [{ name: 'PORT', kind: 'port' }],
  keys: [
    { name: 'count', value: 'N', summary: 'packets to take at most', int: { min: 1, max: MAX_RX_COUNT, def: 10, why: 'each packet is a line of output' } },
    { name: 'timeout', value: 'MS', summary: 'how long to poll', int: { min: 0, max: MAX_RX_TIMEOUT_MS, def: 1000, why: 'the EAL answers nothing else while it waits' } },
    { name: 'hex', summary: 'a hex dump under each packet' },
  ],
  async run(ctx, { args }) {
    const port = args.port('PORT');
    const count = args.int('count');
    const timeout = args.int('timeout');
    const started = await ensureStarted(ctx, port);
    if (isFailed(started)) return started;
    // count 0 polls nothing: it only reports which rx burst function the port has.
    const probe = await ctx.session.call('rx', { port: port.port, count: 0, timeoutMs: 0, snap: 0 });
    if (probe && rxLess(probe.burstFn)) {
      return fail('no-rx', `port ${port.port} (${port.name}) cannot receive: its rx_pkt_burst is eth_null_rx (${probe.burstFn!.file}:${probe.burstFn!.line}), which never returns a packet`,
        'net_pcap receives only with rx_pcap=FILE or rx_iface=IF; attach one, e.g. probe net_pcap1,rx_pcap=in.pcap', { port: port.port, burstFn: probe.burstFn ?? null }, started.log, 'rx');
    }
    const r = await ctx.session.call('rx', { port: port.port, count, timeoutMs: timeout, snap: 2048 }, timeout + 30_000);
    if (!r) return fail('no-such-port', `port ${port.port} is gone`);
    const packets = (r.packets ?? []).map((p, i) => ({ n: i + 1, len: p.len, line: summarize(fromHex(p.hex), p.len), hex: p.hex, atNs: p.atNs }));
    const data = { port: port.port, name: port.name, autoStarted: started.autoStarted, requested: count, received: packets.length, timedOut: r.timedOut ?? false, polls: r.polls ?? 0, ns: r.ns ?? 0, burstFn: r.burstFn ?? null, hexDump: args.flag('hex'), packets };
    if (r.ret < 0) return fail('rx-failed', `rx on port ${port.port} failed at ${r.stage}: ${r.errnoText}`, undefined, data, [...started.log, ...r.log], 'rx');
    return ok('rx', data, [...started.log, ...r.log]);
  },
};
