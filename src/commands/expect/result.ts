// expect ok | fail [CODE] | log REGEX | shown REGEX: assertions on the previous command's result.
import { assertion } from './assert.js';
import { formatResult } from '../../format/index.js';
import { makeStyle } from '../../format/style.js';

export const expectOk = assertion('ok', 'the previous command succeeded', [], (_ctx, _a, { prev, pass, no }) => {
  if (!prev) return no('no command before it');
  return prev.ok ? pass(prev.cmd) : no(`'${prev.cmd}' failed: ${prev.error?.message}`);
});

export const expectFail = assertion('fail', 'the previous command failed (with CODE); the failure then does not fail the script',
  [{ name: 'CODE', kind: 'word', optional: true, summary: 'the error code it failed with (as --json shows it)' }], (_ctx, args, { prev, pass, no }) => {
    const code = args.word('CODE');
    if (!prev) return no('no command before it');
    if (prev.ok) return no(`'${prev.cmd}' succeeded`);
    if (code !== undefined && prev.error?.code !== code) return no(`'${prev.cmd}' failed with ${prev.error?.code}, not ${code}`);
    prev.expected = true;
    return pass(`${prev.cmd} -> ${prev.error?.code}`);
  });

export const expectLog = assertion('log', "one of the previous command's DPDK log lines (or its error message) matches REGEX",
  [{ name: 'REGEX', kind: 'regex' }], (_ctx, args, { prev, pass, no }) => {
    const re = args.regex('REGEX');
    if (!prev) return no('no command before it');
    const lines = [...prev.log.map((l) => l.text), ...(prev.error ? [prev.error.message] : [])];
    const hit = lines.find((l) => re.test(l));
    return hit ? pass(hit) : no(`no line of '${prev.cmd}' matches /${re.source}/ (${lines.length} lines)`);
  });

export const expectShown = assertion('shown', 'what the previous command printed (plain text) has a line matching REGEX',
  [{ name: 'REGEX', kind: 'regex' }], (_ctx, args, { prev, pass, no }) => {
    const re = args.regex('REGEX');
    if (!prev) return no('no command before it');
    const lines = formatResult(prev, makeStyle({ color: false, width: 200 })).split('\n');
    const hit = lines.find((l) => re.test(l));
    return hit !== undefined ? pass(hit.trim()) : no(`'${prev.cmd}' showed no line matching /${re.source}/`);
  });
