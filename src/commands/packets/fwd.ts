// fwd SRC DST [count N] [idle MS]: io forwarding in the native loop until the source has been
// quiet for `idle` ms (drained) or N packets went through.
import type { CommandSpec } from '../types.js';
import { fail, ok } from '../types.js';
import { ensureStarted, isFailed, rxLess } from './started.js';

export const MAX_FWD_COUNT = 1_000_000;

export const fwd: CommandSpec = {
  path: ['fwd'],
  section: 'Ports',
  attached: { intrusive: "it would take packets from the application's rx queues and send them on its tx queues, racing its own lcores", needsEal: true },
  summary: 'forward packets from one port to another (io mode) until the source is drained or N',
  details: `Defaults: count ${MAX_FWD_COUNT} (the most), idle 200 ms. Both ports are started if stopped.
Example (the seed's pdump pattern): probe net_pcap0,rx_pcap=in.pcap ; probe net_pcap_pdump_0,tx_pcap=report.pcap ; fwd 0 1`,
  args: [{ name: 'SRC', kind: 'port', summary: 'the port packets are taken from' }, { name: 'DST', kind: 'port', summary: 'the port they are sent on' }],
  keys: [
    { name: 'count', value: 'N', summary: 'stop after N packets', int: { min: 1, max: MAX_FWD_COUNT, def: MAX_FWD_COUNT, why: 'one command blocks the EAL while it forwards' } },
    { name: 'idle', value: 'MS', summary: 'stop when the source was quiet this long', int: { min: 1, max: 10_000, def: 200 } },
  ],
  async run(ctx, { args }) {
    const src = args.port('SRC');
    const dst = args.port('DST');
    const count = args.int('count');
    const idle = args.int('idle');
    const log = [];
    for (const p of src.port === dst.port ? [src] : [src, dst]) {
      const s = await ensureStarted(ctx, p);
      if (isFailed(s)) return s;
      log.push(...s.log);
    }
    const probe = await ctx.session.call('rx', { port: src.port, count: 0, timeoutMs: 0, snap: 0 });
    if (probe && rxLess(probe.burstFn)) {
      return fail('no-rx', `port ${src.port} (${src.name}) cannot receive: its rx_pkt_burst is eth_null_rx (${probe.burstFn!.file}:${probe.burstFn!.line})`,
        'forward FROM a port that receives, e.g. probe net_pcap1,rx_pcap=in.pcap', { src: src.port, burstFn: probe.burstFn ?? null }, log, 'fwd');
    }
    const r = await ctx.session.call('fwd', { src: src.port, dst: dst.port, count, idleMs: idle });
    if (!r) return fail('no-such-port', 'a port went away');
    log.push(...r.log);
    const data = {
      src: src.port, srcName: src.name, dst: dst.port, dstName: dst.name, rx: r.rx ?? 0, tx: r.tx ?? 0, dropped: r.dropped ?? 0,
      ns: r.ns ?? 0, reachedCount: (r.rx ?? 0) >= count, rxBurstFn: r.rxBurstFn ?? null, txBurstFn: r.txBurstFn ?? null,
    };
    if (r.ret < 0) return fail('fwd-failed', `fwd failed at ${r.stage}: ${r.errnoText}`, undefined, data, log, 'fwd');
    return ok('fwd', data, log);
  },
};
