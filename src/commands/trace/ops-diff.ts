// ops diff PORT PORT: two ports' eth_dev_ops side by side (what does tap implement that pcap not?).
import type { CommandSpec } from '../types.js';
import { fail, ok } from '../types.js';

export const opsDiff: CommandSpec = {
  path: ['ops', 'diff'],
  section: 'Inspect',
  attached: { needsEal: true },
  summary: "two ports' eth_dev_ops and burst functions side by side",
  details: 'Rows are the slots either port sets, in struct order (--all: every slot). Marks: `<` only the\nfirst port sets it, `>` only the second, `!` both with different functions, `=` the same function.',
  args: [{ name: 'PORT', kind: 'port' }, { name: 'OTHER', kind: 'port' }],
  options: [{ name: '--all', summary: 'every slot, the ones neither port sets too' }],
  async run(ctx, { options, args }) {
    const ports = [args.port('PORT'), args.port('OTHER')];
    const [a, b] = await Promise.all(ports.map((p) => ctx.session.call('ops', { port: p.port })));
    if (!a || !b) return fail('no-such-port', `port ${!a ? ports[0].port : ports[1].port} went away`);
    const mark = (x: string | null, y: string | null): string => (x && y ? (x === y ? '=' : '!') : x ? '<' : y ? '>' : ' ');
    const rows = a.slots.map((s, i) => {
      const o = b.slots[i];
      return { slot: s.slot, a: s.fn, b: o.fn, aAt: s.file ? `${s.file}:${s.line}` : null, bAt: o.file ? `${o.file}:${o.line}` : null, mark: mark(s.fn, o.fn) };
    });
    const burst = Object.keys(a.devBurst).map((k) => {
      const x = a.devBurst[k as keyof typeof a.devBurst]?.fn ?? null;
      const y = b.devBurst[k as keyof typeof b.devBurst]?.fn ?? null;
      return { name: k, a: x, b: y, mark: mark(x, y) };
    });
    const count = (m: string): number => rows.filter((r) => r.mark === m).length;
    return ok('ops-diff', {
      ports: ports.map((p) => ({ port: p.port, name: p.name, driver: p.driver ?? null })), all: options['--all'] === true,
      rows, burst, summary: { onlyA: count('<'), onlyB: count('>'), different: count('!'), same: count('='), slots: rows.length },
    });
  },
};
