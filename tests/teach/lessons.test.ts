// Lessons on the real EAL, driven the way a learner drives them: a scripted learner completes
// every lesson in --plain (typing each step's answer), a wrong try gets the hint and no progress,
// progress survives a restart of the shell, --json carries the verdicts, every source reference
// resolves on the selected build, and a malformed lesson file is refused with its file and line.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { tmpDir } from '../helpers/tmp.js';
import { loadLessons, parseLesson } from '../../src/teach/lessons.js';
import { TeachFileError } from '../../src/teach/file.js';
import { Session } from '../../src/session/session.js';
import { resolveRef } from '../../src/teach/source-ref.js';
import { matchCommand } from '../../src/commands/registry.js';

const lessons = loadLessons();

/** What a learner who knows the answers types: `lesson N`, then each step's answer. */
const answers = (n: number): string[] => [`lesson ${n}`, ...lessons[n - 1].steps.map((s) => s.answer!)];

describe('lesson files', () => {
  it('has at least 7 lessons, the first the seed story; every step has an answer the shell knows', () => {
    expect(lessons.length).toBeGreaterThanOrEqual(7);
    expect(lessons[0].id).toBe('seed');
    for (const l of lessons) {
      for (const s of l.steps) {
        expect(s.answer, `${l.id}: ${s.title}`).toBeTruthy();
        expect(matchCommand(s.answer!).spec, `${l.id}: ${s.answer}`).toBeDefined();
      }
    }
  });

  const bad = (text: string): string => {
    try { parseLesson('/x/teach/lessons/99-bad.lesson', text); } catch (e) { if (e instanceof TeachFileError) return e.message; throw e; }
    return 'parsed';
  };
  const step = 'title T\nstep S\ntext\n  do it\nhint\n  like this\n';
  it('a malformed lesson names the file and the line, and what to write', () => {
    expect(bad(step + 'expect ok\n')).toBe('parsed');
    expect(bad(step + 'exepct ok\n')).toBe('/x/teach/lessons/99-bad.lesson:7: unknown keyword "exepct" in a step (did you mean "expect"?)');
    expect(bad(step + 'expect okay\n')).toMatch(/99-bad\.lesson:7: "expect okay": expect takes burst, driver, fail, file, frame, log, mac, ok, ports, shown/);
    expect(bad(step + 'expect log (\n')).toMatch(/99-bad\.lesson:7: "expect log \(": bad regular expression/);
    expect(bad(step + 'expect mac 0 zz:00\n')).toMatch(/99-bad\.lesson:7: "expect mac 0 zz:00": "zz:00" is not a MAC address/);
    expect(bad(step + 'expect ok\nsetup prube net_null0\n')).toMatch(/99-bad\.lesson:8: "setup prube net_null0": no such command/);
    expect(bad(step + 'expect ok\nexplain kvarg\n')).toMatch(/99-bad\.lesson:8: no topic "kvarg" to explain/);
    expect(bad('title T\nstep S\ntext\n  do it\nexpect ok\n')).toMatch(/99-bad\.lesson:2: step "S" has no hint/);
    expect(bad('title T\nstep S\ntext\n  do\nhint h\n')).toMatch(/99-bad\.lesson:2: step "S" has no expect line/);
    expect(bad('title T\nexpect ok\n')).toMatch(/99-bad\.lesson:2: "expect" outside a step/);
    expect(bad('intro\n  hello\n')).toMatch(/99-bad\.lesson:1: the lesson has no title/);
  });

  it('the shell refuses a broken lesson directory with the file and line', () => {
    const d = tmpDir('vdsh-lessons-');
    fs.writeFileSync(path.join(d, '01-x.lesson'), step + 'expect mac 0\n');
    const r = runCli(['--json', '-batch', '-ex', 'lesson list'], { env: { VDEV_SHELL_LESSONS: d, VDEV_SHELL_LESSON_STATE: path.join(d, 's.json') } });
    expect(r.json[0].ok).toBe(false);
    expect(r.json[0].error!.code).toBe('bad-lesson-file');
    expect(r.json[0].error!.message).toBe(`${path.join(d, '01-x.lesson')}:7: "expect mac 0": missing MAC (usage: expect mac PORT MAC)`);
  });
});

describe('every source reference of every lesson', () => {
  let session: Session;
  beforeAll(async () => { session = new Session(); await session.ready(); });
  afterAll(async () => { await session.close(); });
  it('resolves on the selected DPDK build', async () => {
    let n = 0;
    for (const l of lessons) for (const s of l.steps) for (const r of s.sources) {
      const x = await resolveRef(session, r);
      expect(typeof x === 'string' ? x : 'ok', `${l.id}: ${s.title}: ${r.ref}`).toBe('ok');
      if (typeof x !== 'string' && r.at) expect(x.lines.find((y) => y.n === x.line)!.text).toMatch(r.at);
      n++;
    }
    expect(n).toBeGreaterThan(0);
  });
});

describe('a scripted learner in --plain', () => {
  it('completes every lesson, step by step, and the progress file says so', () => {
    const dir = tmpDir('vdsh-learner-');
    const state = path.join(dir, 'state.json');
    const input = lessons.flatMap((_, i) => answers(i + 1)).concat('lesson list', '').join('\n');
    const r = runCli(['--plain', '--timeout', '30000'], { input, cwd: dir, env: { VDEV_SHELL_LESSON_STATE: state } });
    const out = r.stdout;
    lessons.forEach((l, i) => {
      expect(out, l.id).toContain(`Lesson ${i + 1} · step 1 of ${l.steps.length}: ${l.steps[0].title}`);
      for (let k = 1; k <= l.steps.length; k++) expect(out, `${l.id} step ${k}`).toContain(`✓ step ${k} of ${l.steps.length} done.`);
    });
    expect(out.match(/Lesson complete\./g)).toHaveLength(lessons.length);
    expect(out).not.toContain('✗ not yet');
    const saved = JSON.parse(fs.readFileSync(state, 'utf8'));
    for (const l of lessons) expect(saved.lessons[l.id].done, l.id).toBe(true);
    expect(saved.current).toBeNull();
    // The seed lesson left what the notes describe: report.pcap in the working directory.
    expect(fs.existsSync(path.join(dir, 'report.pcap'))).toBe(true);
    expect(out).toMatch(/✓ +1 +seed +The seed story.*done/);
  });

  it('a wrong try gets the hint and no progress; the right one then passes', () => {
    const dir = tmpDir('vdsh-learner-');
    const state = path.join(dir, 'state.json');
    const r = runCli(['--plain'], { input: ['lesson 1', 'probe virtio_user0', 'lesson hint', 'lesson hint', 'probe virtio_user0,tx_pcap=report.pcap', ''].join('\n'), cwd: dir, env: { VDEV_SHELL_LESSON_STATE: state } });
    const out = r.stdout;
    const wrong = out.indexOf('✗ not yet (step 1 of 7)');
    expect(wrong).toBeGreaterThan(0);
    expect(out.slice(wrong)).toMatch(/^✗ not yet \(step 1 of 7\): the step expects "fail key-wrong-driver"; 'probe virtio_user0' failed with \S+, not key-wrong-driver\n  hint: probe takes devargs/m);
    // The first `lesson hint` gives the hint, the second the command itself.
    expect(out).toContain('hint (step 1): probe takes devargs');
    expect(out).toContain('the command: probe rte_eal_hotplug_add("vdev", "virtio_user0", "tx_pcap=report.pcap")');
    expect(out.indexOf('✓ step 1 of 7 done.')).toBeGreaterThan(wrong);
    expect(JSON.parse(fs.readFileSync(state, 'utf8')).lessons.seed.step).toBe(1);
  });

  it('the wrong try alone leaves the saved progress where it was', () => {
    const dir = tmpDir('vdsh-learner-');
    const state = path.join(dir, 'state.json');
    runCli(['--plain'], { input: 'lesson 2\ninfo eal\n', cwd: dir, env: { VDEV_SHELL_LESSON_STATE: state } });
    expect(JSON.parse(fs.readFileSync(state, 'utf8'))).toEqual({ current: { lesson: 'names', step: 0 }, lessons: { names: { step: 0, done: false } } });
  });
});

describe('progress across shells', () => {
  it('survives a restart: the next shell resumes at the saved step, rebuilding its state', () => {
    const dir = tmpDir('vdsh-learner-');
    const env = { VDEV_SHELL_LESSON_STATE: path.join(dir, 'state.json') };
    const seed = lessons[0];
    // First shell: steps 1 to 5 of the seed lesson, then quit.
    runCli(['--plain'], { input: [...answers(1).slice(0, 6), 'quit', ''].join('\n'), cwd: dir, env });
    expect(JSON.parse(fs.readFileSync(env.VDEV_SHELL_LESSON_STATE, 'utf8')).current).toEqual({ lesson: 'seed', step: 5 });
    // Second shell (a new EAL, no ports): lesson next resumes at step 6, whose setup re-attaches the port.
    const r = runCli(['--plain'], { input: ['lesson next', seed.steps[5].answer, seed.steps[6].answer, ''].join('\n'), cwd: dir, env });
    expect(r.stdout).toContain('(resuming at step 6: the lesson re-creates what the earlier steps built)');
    expect(r.stdout).toContain('  ✓ probe net_pcap_pdump_0,tx_pcap=report.pcap');
    expect(r.stdout).toContain('✓ step 6 of 7 done.');
    expect(r.stdout).toContain('Lesson complete.');
    expect(JSON.parse(fs.readFileSync(env.VDEV_SHELL_LESSON_STATE, 'utf8')).lessons.seed.done).toBe(true);
  });
});

describe('resuming inside one shell', () => {
  it('lesson next during a lesson shows the step again without rebuilding it; lesson N from the start rebuilds', () => {
    const dir = tmpDir('vdsh-learner-');
    const r = runCli(['--json'], { input: ['lesson 1', 'info inferior', 'lesson next', 'info inferior', 'lesson 2', 'info inferior', ''].join('\n'), cwd: dir, env: { VDEV_SHELL_LESSON_STATE: path.join(dir, 's.json') } });
    const pids = r.json.filter((j) => j.cmd === 'info inferior').map((j) => j.data.pid);
    expect(r.json[0].data.setup).toEqual([{ cmd: 'run', ok: true }]);
    expect(r.json[2].data.setup).toEqual([]);
    expect(pids[1]).toBe(pids[0]); // the EAL the learner works in was left alone
    expect(r.json[4].data.setup).toEqual([{ cmd: 'run', ok: true }]);
    expect(pids[2]).not.toBe(pids[1]); // a lesson's first step starts it on a fresh EAL
  });
});

describe('--json', () => {
  it('carries the step and each verdict, one object per command', () => {
    const dir = tmpDir('vdsh-learner-');
    const r = runCli(['--json'], { input: ['lesson 2', 'info eal', 'info drivers', ''].join('\n'), cwd: dir, env: { VDEV_SHELL_LESSON_STATE: path.join(dir, 's.json') } });
    expect(r.json.map((j) => j.cmd)).toEqual(['lesson 2', 'info eal', 'info drivers']);
    expect(r.json[0].data.view).toMatchObject({ lesson: { id: 'names', n: 2 }, step: 1, of: lessons[1].steps.length, title: lessons[1].steps[0].title });
    expect((r.json[1] as any).lesson).toMatchObject({ passed: false, lesson: 'names', step: 1, hint: lessons[1].steps[0].hint });
    expect((r.json[2] as any).lesson).toMatchObject({ passed: true, step: 1, next: { step: 2, title: lessons[1].steps[1].title } });
  });
});
