// More `expect` checks, for scripts and lessons alike: what the previous command showed, which
// frame of the probe chain is selected, which driver drives a port, what a port's fast path
// calls. Each judges a RESULT or the live EAL, never the text that was typed.
import type { Body, CommandContext, CommandResult } from './types.js';
import { fail, ok } from './types.js';
import { formatResult } from '../format/index.js';
import { makeStyle } from '../format/style.js';
import { shownProbe } from '../trace/state.js';

type Out = Body;

export const LIVE_EXPECT_USAGE = 'shown REGEX | frame FUNC | driver PORT DRIVER | burst PORT rx|tx FUNC';
export const LIVE_EXPECT_DETAILS = `expect shown REGEX   what it printed (plain text) has a line matching REGEX
expect frame FUNC    the selected frame of the probe chain (bt, frame, up, down) is in FUNC
expect driver PORT DRIVER   the port is driven by DRIVER
expect burst PORT rx|tx FUNC   the port's fast path (rte_eth_fp_ops) calls FUNC`;
export const LIVE_EXPECT_KINDS = ['shown', 'frame', 'driver', 'burst'];

/** The extra checks; null when `what` is none of them. */
export async function liveExpect(ctx: CommandContext, argv: string[], rest: string, prev: CommandResult | undefined): Promise<Out | null> {
  const assertion = rest.trim();
  const pass = (detail: string): Out => ok('expect', { assertion, detail });
  const no = (message: string): Out => fail('expect-failed', `expectation failed: ${assertion}: ${message}`, undefined, { assertion }, [], 'expect');
  switch (argv[0]) {
    case 'shown': {
      const src = assertion.replace(/^shown\s+/, '');
      let re: RegExp;
      try { re = new RegExp(src); } catch (e) { return fail('usage', `bad regular expression: ${(e as Error).message}`); }
      if (!prev) return no('no command before it');
      const lines = formatResult(prev, makeStyle({ color: false, width: 200 })).split('\n');
      const hit = lines.find((l) => re.test(l));
      return hit !== undefined ? pass(hit.trim()) : no(`'${prev.cmd}' showed no line matching /${src}/`);
    }
    case 'frame': {
      if (!argv[1]) return fail('usage', 'usage: expect frame FUNC');
      const rec = shownProbe(ctx.session);
      if (!rec) return no('no probe yet');
      const frames = await ctx.session.chainOf(rec);
      const n = ctx.session.trace.frame;
      const fn = frames[n]?.fn ?? null;
      return fn === argv[1] ? pass(`frame #${n} ${fn}`) : no(`the selected frame is #${n} ${fn ?? '??'}`);
    }
    case 'driver': {
      if (!argv[1] || !argv[2]) return fail('usage', 'usage: expect driver PORT DRIVER');
      const p = await ctx.session.findPort(argv[1]);
      if (!p) return no(`no port ${argv[1]}`);
      return p.driver === argv[2] ? pass(`port ${p.port} ${p.driver}`) : no(`port ${p.port} is driven by ${p.driver}`);
    }
    case 'burst': {
      if (!argv[1] || !/^(rx|tx)$/.test(argv[2] ?? '') || !argv[3]) return fail('usage', 'usage: expect burst PORT rx|tx FUNC');
      const p = await ctx.session.findPort(argv[1]);
      if (!p) return no(`no port ${argv[1]}`);
      const r = await ctx.session.call('ops', { port: p.port });
      const fn = r?.fpBurst[argv[2] === 'rx' ? 'rx_pkt_burst' : 'tx_pkt_burst']?.fn ?? null;
      return fn === argv[3] ? pass(`rte_eth_fp_ops[${p.port}].${argv[2]}_pkt_burst = ${fn}`) : no(`rte_eth_fp_ops[${p.port}].${argv[2]}_pkt_burst is ${fn ?? 'NULL'}`);
    }
    default: return null;
  }
}
