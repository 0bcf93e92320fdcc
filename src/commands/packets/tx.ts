// tx PORT [count N] [size B] [dst MAC] [src MAC] [proto udp|raw] ...: frames built and sent by the
// native loop (rte_eth_tx_burst); reports sent, refused and the burst function that took them.
import type { CommandSpec } from '../types.js';
import { fail, usageOf, ok } from '../types.js';
import { TX_KEY_SPECS, txOptions } from '../../packets/tx-options.js';
import { ensureStarted, isFailed } from './started.js';
import { summarize, fromHex } from '../../packets/decode.js';

export const tx: CommandSpec = {
  path: ['tx'],
  section: 'Ports',
  attached: { intrusive: "it would send on the application's tx queues, which are not thread-safe against its own lcores, from an mbuf pool the shell would create in the application's memory", needsEal: true },
  summary: 'send N Ethernet frames (IPv4/UDP with correct checksums, or raw) through a port',
  details: `A stopped port is started first. Example: tx 0 count 10 size 128 dst 02:00:00:00:00:02`,
  args: [{ name: 'PORT', kind: 'port' }],
  keys: TX_KEY_SPECS,
  async run(ctx, { args }) {
    const parsed = txOptions(args.values);
    if (!parsed.ok) return fail('bad-argument', parsed.message, parsed.hint ?? `usage: ${usageOf(this)}`);
    const port = args.port('PORT');
    const started = await ensureStarted(ctx, port);
    if (isFailed(started)) return started;
    const r = await ctx.session.call('tx', { port: port.port, opts: parsed.opts });
    if (!r) return fail('no-such-port', `port ${port.port} is gone`);
    const log = [...started.log, ...r.log];
    const data = {
      port: port.port, name: port.name, autoStarted: started.autoStarted, requested: r.requested ?? parsed.opts.count,
      sent: r.sent ?? 0, refused: r.refused ?? 0, bursts: r.bursts ?? 0, burstSize: r.burstSize, ns: r.ns ?? 0,
      pps: r.ns ? Math.round(((r.sent ?? 0) * 1e9) / r.ns) : 0, frameLen: r.frameLen,
      frame: r.frameHex ? summarize(fromHex(r.frameHex)) : null, frameHex: r.frameHex,
      burstFn: r.burstFn ?? null, mempoolEmpty: r.nombuf ?? false,
    };
    if (r.ret < 0) return fail('tx-failed', `tx on port ${port.port} failed at ${r.stage}: ${r.errnoText}`, undefined, data, log, 'tx');
    if (r.nombuf) return fail('mempool-empty', `the shell's mbuf pool ran dry after ${data.sent + data.refused} of ${data.requested} packets`, "a port is holding mbufs (rx ring); 'show port info' shows the pool; stop ports you do not use", data, log, 'tx');
    return ok('tx', data, log);
  },
};
