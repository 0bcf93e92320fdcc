// expect mac | ports | file | frame | driver | burst: assertions on the live EAL, the probe chain
// and the host, never on the words that were typed.
import fs from 'node:fs';
import { assertion } from './assert.js';
import { formatMac, parseMac } from '../../mac/explain.js';
import { shownProbe } from '../../trace/state.js';

export const expectMac = assertion('mac', "the port's MAC address is MAC", [{ name: 'PORT', kind: 'port' }, { name: 'MAC', kind: 'mac' }], (_ctx, args, { pass, no }) => {
  const port = args.port('PORT');
  const have = port.mac ? parseMac(port.mac) : null;
  return have && formatMac(have) === formatMac(args.mac('MAC')) ? pass(port.mac!) : no(`port ${port.port} has ${port.mac}`);
});

export const expectFile = assertion('file', 'FILE exists (relative to the script)', [{ name: 'FILE', kind: 'file' }], (_ctx, args, { pass, no }) => {
  const p = args.file('FILE');
  return fs.existsSync(p) ? pass(`${p} (${fs.statSync(p).size} bytes)`) : no(`${p} does not exist`);
});

export const expectPorts = assertion('ports', 'N ports are attached', [{ name: 'N', kind: 'number' }], async (ctx, args, { pass, no }) => {
  const n = args.number('N');
  const have = (await ctx.session.ports()).length;
  return have === n ? pass(`${have} ports`) : no(`${have} ports are attached`);
});

export const expectFrame = assertion('frame', 'the selected frame of the probe chain (bt, frame, up, down) is in FUNC', [{ name: 'FUNC', kind: 'function' }], async (ctx, args, { pass, no }) => {
  const want = args.word('FUNC');
  const rec = shownProbe(ctx.session);
  if (!rec) return no('no probe yet');
  const frames = await ctx.session.chainOf(rec);
  const n = ctx.session.trace.frame;
  const fn = frames[n]?.fn ?? null;
  return fn === want ? pass(`frame #${n} ${fn}`) : no(`the selected frame is #${n} ${fn ?? '??'}`);
});

export const expectDriver = assertion('driver', 'the port is driven by DRIVER', [{ name: 'PORT', kind: 'port' }, { name: 'DRIVER', kind: 'driver' }], (_ctx, args, { pass, no }) => {
  const p = args.port('PORT');
  return p.driver === args.word('DRIVER') ? pass(`port ${p.port} ${p.driver}`) : no(`port ${p.port} is driven by ${p.driver}`);
});

export const expectBurst = assertion('burst', "the port's fast path (rte_eth_fp_ops) calls FUNC",
  [{ name: 'PORT', kind: 'port' }, { name: 'DIR', kind: 'word', oneOf: ['rx', 'tx'], summary: 'the rx or the tx burst function' }, { name: 'FUNC', kind: 'function' }], async (ctx, args, { pass, no }) => {
    const p = args.port('PORT');
    const dir = args.word('DIR');
    const r = await ctx.session.call('ops', { port: p.port });
    const fn = r?.fpBurst[dir === 'rx' ? 'rx_pkt_burst' : 'tx_pkt_burst']?.fn ?? null;
    return fn === args.word('FUNC') ? pass(`rte_eth_fp_ops[${p.port}].${dir}_pkt_burst = ${fn}`) : no(`rte_eth_fp_ops[${p.port}].${dir}_pkt_burst is ${fn ?? 'NULL'}`);
  });
