// A fix is a list of commands printed one per line, each of which runs as printed; `fix N` runs
// proved fix N of the last diagnosis step by step (against the real EAL).
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { tmpDir } from '../helpers/tmp.js';
import { commandLineProblem, fixProblems, printedFixLines } from '../helpers/printed-commands.js';
import { diagnosisLines } from '../../src/format/areas/diagnose.js';
import { makeStyle } from '../../src/format/style.js';
import type { Diagnosis } from '../../src/diagnose/types.js';

describe('printed fixes', () => {
  it('each command of a fix is its own line and parses as that command; host steps are not commands', () => {
    const d: Diagnosis = {
      cause: 'name-in-use', summary: 's', explain: [], where: 'session', ms: 1,
      evidence: { log: [], ret: 0, driver: 'net_null', matched: null, facts: [] },
      fixes: [
        { commands: ['probe net_null10'], verified: true, why: 'w' },
        { commands: ['port detach 0', 'probe net_null9'], verified: true, why: 'w' },
        { commands: ['probe net_pcap0,tx_pcap=/x/y.pcap'], host: ['mkdir -p /x'], verified: false, why: 'w', note: 'n' },
      ],
    };
    const lines = printedFixLines(diagnosisLines(d, makeStyle({ color: false })).join('\n'));
    expect(lines).toEqual(['probe net_null10', 'port detach 0', 'probe net_null9', 'probe net_pcap0,tx_pcap=/x/y.pcap']);
    expect(lines.map(commandLineProblem)).toEqual(lines.map(() => null));
    expect(commandLineProblem('port detach 0; probe net_null9')).toMatch(/several commands/);
    expect(commandLineProblem('!mkdir -p /x')).toMatch(/not a command/);
  });
});

describe('fix N', () => {
  it('runs a proved two-step fix in order, each step shown; refuses what is not proved or not there', () => {
    const r = runCli(['-batch', '--json', '-ex', 'fix', '-ex', 'probe net_null9', '-ex', 'probe net_null9', '-ex', 'fix 2', '-ex', 'show port summary all', '-ex', 'fix 9']);
    const [none, , failed, detach, reprobe, fixed, ports, nine] = r.json;
    expect(none.error?.code).toBe('no-diagnosis');
    expect(failed.error?.code).toBe('name-in-use');
    const f2 = failed.data.diagnosis.fixes[1];
    expect(f2).toMatchObject({ commands: ['port detach 0', 'probe net_null9'], verified: true });
    expect(fixProblems([failed.data.diagnosis])).toEqual([]);
    // The steps ran as commands of their own, then the fix's summary.
    expect([detach.cmd, detach.ok, reprobe.cmd, reprobe.ok]).toEqual(['port detach 0', true, 'probe net_null9', true]);
    expect(fixed).toMatchObject({ cmd: 'fix 2', ok: true, data: { done: true, steps: [{ command: 'port detach 0', ok: true }, { command: 'probe net_null9', ok: true }] } });
    expect(JSON.stringify(ports.data)).toMatch(/net_null9/);
    expect(nine.error?.code).toBe('no-such-fix');
  }, 60_000);

  it('a capture to read that does not exist: fix 1 makes it and reads it, tx_pcap comes last and says so', () => {
    const dir = tmpDir('vdsh-fixcap-');
    const r = runCli(['-batch', '--json', '-ex', 'probe net_pcap3,rx_pcap=missing.pcap', '-ex', 'fix 1', '-ex', 'pcap missing.pcap'], { cwd: dir });
    const failed = r.json[0];
    const fixes = failed.data.diagnosis.fixes;
    expect(failed.error?.code).toBe('file-missing');
    expect(fixes[0]).toMatchObject({ verified: true });
    expect(fixes[0].commands.at(-1)).toBe('probe net_pcap3,rx_pcap=missing.pcap');
    expect(fixes.at(-1)).toMatchObject({ commands: ['probe net_pcap3,tx_pcap=missing.pcap'], changesIntent: expect.stringMatching(/instead of reading/) });
    const fixed = r.json.find((j) => j.cmd === 'fix 1')!;
    expect(fixed).toMatchObject({ ok: true, data: { done: true } });
    expect(r.json.at(-1)!.data).toMatchObject({ total: 8 });
  }, 60_000);

  it('text output: every printed fix line of a failed probe runs when pasted back', () => {
    const r = runCli(['-batch', '-ex', 'probe net_null9', '-ex', 'probe net_null9', '-ex', 'probe virtio_user0,tx_pcap=report.pcap']);
    const lines = printedFixLines(r.stdout);
    expect(lines.length).toBeGreaterThanOrEqual(4);
    expect(lines.map(commandLineProblem).filter(Boolean)).toEqual([]);
  }, 60_000);
});
