// expect ...: assertions that make a .vsh script a test. They judge the previous command's
// result (ok, fail, log) or the state of the EAL (mac, ports) or the host (file).
import fs from 'node:fs';
import path from 'node:path';
import type { CommandResult, CommandSpec } from './types.js';
import { fail, ok } from './types.js';
import { formatMac, parseMac } from '../mac/explain.js';
import { LIVE_EXPECT_DETAILS, LIVE_EXPECT_USAGE, liveExpect } from './expect-live.js';

function previous(results: CommandResult[]): CommandResult | undefined {
  for (let i = results.length - 1; i >= 0; i--) if (results[i].kind !== 'expect') return results[i];
  return undefined;
}

export const expect: CommandSpec = {
  path: ['expect'],
  section: 'Scripts',
  notATry: true,
  untimed: true,
  // Written out: each assertion word takes its own arguments, which one declaration per command
  // cannot say while expect is one command.
  usage: `expect ok | fail [CODE] | mac PORT XX:XX:XX:XX:XX:XX | log REGEX | file PATH | ports N | ${LIVE_EXPECT_USAGE}`,
  summary: 'assert on the previous command, a MAC, a log line, a file or the port count',
  details: `expect ok            the previous command succeeded
expect fail [CODE]   it failed (with that error code); the failure then does not fail the script
expect log REGEX     one of its DPDK log lines (or its error message) matches
expect mac PORT MAC  the port's MAC is MAC
expect file PATH     PATH exists (relative to the script)
expect ports N       N ports are attached
${LIVE_EXPECT_DETAILS}`,
  async run(ctx, { argv, rest }) {
    const what = argv[0];
    const prev = previous(ctx.results);
    const pass = (detail: string) => ok('expect', { assertion: rest.trim(), detail });
    const no = (message: string) => fail('expect-failed', `expectation failed: ${rest.trim()}: ${message}`, undefined, { assertion: rest.trim() }, [], 'expect');
    switch (what) {
      case 'ok':
        if (!prev) return no('no command before it');
        return prev.ok ? pass(prev.cmd) : no(`'${prev.cmd}' failed: ${prev.error?.message}`);
      case 'fail': {
        if (!prev) return no('no command before it');
        if (prev.ok) return no(`'${prev.cmd}' succeeded`);
        if (argv[1] && prev.error?.code !== argv[1]) return no(`'${prev.cmd}' failed with ${prev.error?.code}, not ${argv[1]}`);
        prev.expected = true;
        return pass(`${prev.cmd} -> ${prev.error?.code}`);
      }
      case 'log': {
        const src = rest.trim().replace(/^log\s+/, '');
        let re: RegExp;
        try { re = new RegExp(src); } catch (e) { return fail('usage', `bad regular expression: ${(e as Error).message}`); }
        if (!prev) return no('no command before it');
        const lines = [...prev.log.map((l) => l.text), ...(prev.error ? [prev.error.message] : [])];
        const hit = lines.find((l) => re.test(l));
        return hit ? pass(hit) : no(`no line of '${prev.cmd}' matches /${src}/ (${lines.length} lines)`);
      }
      case 'mac': {
        const port = argv[1] ? await ctx.session.findPort(argv[1]) : null;
        const want = argv[2] ? parseMac(argv[2]) : null;
        if (!want) return fail('usage', 'usage: expect mac PORT XX:XX:XX:XX:XX:XX');
        if (!port) return no(`no port ${argv[1]}`);
        const have = port.mac ? parseMac(port.mac) : null;
        return have && formatMac(have) === formatMac(want) ? pass(port.mac!) : no(`port ${port.port} has ${port.mac}`);
      }
      case 'file': {
        const p = argv[1] ? path.resolve(ctx.cwd, argv[1]) : '';
        if (!p) return fail('usage', 'usage: expect file PATH');
        return fs.existsSync(p) ? pass(`${p} (${fs.statSync(p).size} bytes)`) : no(`${p} does not exist`);
      }
      case 'ports': {
        const n = Number(argv[1]);
        if (!Number.isInteger(n)) return fail('usage', 'usage: expect ports N');
        const have = (await ctx.session.ports()).length;
        return have === n ? pass(`${have} ports`) : no(`${have} ports are attached`);
      }
      default:
        return (await liveExpect(ctx, argv, rest, prev)) ?? fail('usage', `unknown expectation "${what ?? ''}"`, `usage: ${this.usage}`);
    }
  },
};
