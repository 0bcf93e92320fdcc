// How an inferior starts: what of the shell's environment it gets, and its init log, whose
// emitters come when asked rather than inside 'ready'.
import fs from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { Session } from '../../src/session/session.js';
import { Inferior, DEFAULT_EAL_ARGS } from '../../src/session/inferior.js';
import { runCli } from '../helpers/cli.js';

const environ = (pid: number): Map<string, string> =>
  new Map(fs.readFileSync(`/proc/${pid}/environ`, 'utf8').split('\0').filter(Boolean).map((kv) => [kv.slice(0, kv.indexOf('=')), kv.slice(kv.indexOf('=') + 1)]));

let session: Session | undefined;
afterEach(async () => { await session?.close(); session = undefined; });

describe('inferior start', () => {
  it('node dist/cli.js with a DPDK selection set-up never built: says what is missing and how to set it up, exits 2', () => {
    // minsize: a meson build type no set-up here makes (CI builds debug and debugoptimized).
    const r = runCli(['-batch', '/dev/null'], { env: { VDEV_SHELL_DPDK_BUILDTYPE: 'minsize' } });
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/^vdev-shell: DPDK [\d.]+ \(minsize build\) is not set up: .*vdev\.node is missing\n.*npm start/);
    expect(r.stderr).not.toMatch(/\n\s+at |Error:/); // no stack trace
  });

  it('drops NODE_EXTRA_CA_CERTS and NODE_OPTIONS from the inferior\'s environment, keeps the rest', async () => {
    const saved = { certs: process.env.NODE_EXTRA_CA_CERTS, options: process.env.NODE_OPTIONS };
    process.env.NODE_EXTRA_CA_CERTS = '/nonexistent/certs.pem';
    process.env.NODE_OPTIONS = '--no-warnings';
    process.env.VDEV_SHELL_TEST_MARK = 'kept';
    try {
      session = new Session();
    } finally {
      for (const [k, v] of [['NODE_EXTRA_CA_CERTS', saved.certs], ['NODE_OPTIONS', saved.options]] as const) {
        if (v === undefined) delete process.env[k]; else process.env[k] = v;
      }
      delete process.env.VDEV_SHELL_TEST_MARK;
    }
    await session.ready();
    const env = environ(session.inferior.pid!);
    expect(env.has('NODE_EXTRA_CA_CERTS')).toBe(false);
    expect(env.has('NODE_OPTIONS')).toBe(false);
    expect(env.get('VDEV_SHELL_TEST_MARK')).toBe('kept');
    expect(JSON.parse(env.get('VDEV_SHELL_EAL_ARGS')!)).toEqual(DEFAULT_EAL_ARGS);
  });

  it('a session adopts an inferior started before it (the command line starts the EAL first)', async () => {
    const first = new Inferior(DEFAULT_EAL_ARGS);
    session = new Session(DEFAULT_EAL_ARGS, first);
    expect(session.inferior).toBe(first);
    const rec = await session.probe('net_null0');
    expect(rec.ok).toBe(true);
    expect(session.lastGoodArgs).toEqual(DEFAULT_EAL_ARGS);
  });

  it('ready carries the init log as text; initLog() adds the DPDK function that logged each line', async () => {
    session = new Session();
    await session.ready();
    const ready = session.inferior.readyInfo!.log;
    expect(ready.length).toBeGreaterThan(0);
    expect(ready.every((l) => l.emitter === undefined)).toBe(true);
    const log = await session.inferior.initLog();
    expect(log.map((l) => l.text)).toEqual(ready.map((l) => l.text));
    // e.g. "EAL: Detected CPU lcores: 2" from rte_eal_cpu_init, lib/eal/common/eal_common_lcore.c
    const emitted = log.filter((l) => l.emitter?.file?.startsWith('lib/eal/'));
    expect(emitted.length).toBeGreaterThan(0);
    expect(emitted.every((l) => l.emitter!.fn && l.emitter!.line)).toBe(true);
  });

  it('a failed init keeps its emitters in ready (that inferior answers nothing after)', async () => {
    // an lcore the host does not have: rte_eal_init returns -1 on every DPDK (an unknown option
    // would not do: 25.11's argument parser exits the process instead)
    session = new Session(['--no-huge', '--no-pci', '-l', '99']);
    await expect(session.ready()).rejects.toThrow(/rte_eal_init failed/);
    const log = await session.inferior.initLog();
    expect(log).toBe(session.inferior.readyInfo!.log);
  });
});
