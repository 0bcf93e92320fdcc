// Where joining cannot work, attach says why and what to do, before trying when /proc tells:
// --no-huge, --in-memory, --no-shconf, no such pid or prefix, not a DPDK process, another DPDK
// build. Where the application has a telemetry socket, the read-only view is offered and works.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { removeStaleRuntimeDirs, reserveHugepages, removeRuntime, Testpmd, testPrefix, type Hugepages } from '../helpers/primary.js';
import { runCli } from '../helpers/cli.js';
import { dpdkBuild, projectRoot } from '../../src/util/paths.js';

let huge: Hugepages;
beforeAll(() => { removeStaleRuntimeDirs(); huge = reserveHugepages(64); });
afterAll(() => huge?.release());

describe('attach refusals', () => {
  const cases: { option: string; eal: string[]; huge: boolean }[] = [
    { option: '--no-huge', eal: ['--no-huge', '-m', '256'], huge: false },
    { option: '--in-memory', eal: ['--in-memory'], huge: true },
    { option: '--no-shconf', eal: ['--no-shconf'], huge: true },
  ];
  for (const c of cases) {
    it(`an application started with ${c.option}: why, what to do, and the read-only view`, async () => {
      const prefix = testPrefix(c.option.slice(2));
      const tp = await Testpmd.start({ prefix, hugeDir: c.huge ? huge.dir : undefined, vdevs: ['net_null0'], eal: c.eal });
      try {
        const want = await tp.summary();
        const r = runCli(['-batch', '--json', '-ex', `attach ${tp.pid}`, '-ex', 'info inferior', '-ex', `attach --telemetry ${tp.pid}`, '-ex', 'show port summary all', '-ex', 'detach']);
        const [att, inf, tel, summary, det] = r.json;
        expect(att.ok).toBe(false);
        expect(att.error!.code).toBe('cannot-join');
        expect(att.error!.message).toContain(c.option);
        expect(att.error!.hint).toContain(`without ${c.option}`);
        // The shell stayed on its own EAL.
        expect(inf.data.target.kind).toBe('own');
        if (tel.ok) {
          expect(att.error!.hint).toContain(`attach --telemetry ${tp.pid}`);
          expect(summary.view).toMatch(/read-only/);
          expect(summary.data.ports.map((p: any) => [p.name, p.mac])).toEqual(want.map((p) => [p.name, p.mac]));
          expect(det.ok).toBe(true);
        } else {
          // No socket (the application keeps no runtime directory): said so, no view offered.
          expect(tel.error!.code).toBe('cannot-join');
          expect(att.error!.hint).toMatch(/no telemetry socket|--no-telemetry/);
        }
      } finally {
        await tp.stop();
        removeRuntime(prefix);
      }
    });
  }

  it('a testpmd with --no-telemetry and --no-huge: no view either, and that is said', async () => {
    const prefix = testPrefix('notel');
    const tp = await Testpmd.start({ prefix, vdevs: ['net_null0'], eal: ['--no-huge', '-m', '256'], telemetry: false });
    try {
      const r = runCli(['-batch', '--json', '-ex', `attach ${tp.pid}`, '-ex', `attach --telemetry ${tp.pid}`]);
      expect(r.json[0].error!.code).toBe('cannot-join');
      expect(r.json[0].error!.hint).toContain('--no-telemetry');
      expect(r.json[1].error!.code).toBe('cannot-join');
    } finally {
      await tp.stop();
    }
  });

  it('no such pid, no such prefix, not a DPDK process, the shell itself, bad usage', async () => {
    const sleeper = spawn('sleep', ['60'], { stdio: 'ignore' });
    try {
      const r = runCli(['-batch', '--json', '-ex', 'attach 999999999', '-ex', 'attach --file-prefix vdsh-nobody-here', '-ex', `attach ${sleeper.pid}`,
        '-ex', 'attach', '-ex', 'attach 12 --file-prefix x', '-ex', 'detach']);
      const codes = r.json.map((j) => j.error?.code);
      expect(codes).toEqual(['no-such-pid', 'no-such-prefix', 'not-dpdk', 'usage', 'usage', 'not-attached']);
      expect(r.json[2].error!.message).toContain('sleep');
      for (const j of r.json) expect(j.error!.hint, j.cmd).toBeTruthy();
    } finally {
      sleeper.kill('SIGKILL');
    }
  });

  // Another user (nobody) cannot see a root application's runtime files: said, with what to do.
  const setpriv = spawnSync('setpriv', ['--version']).status === 0;
  it.skipIf(!setpriv || process.getuid?.() !== 0)('no permission: a user who cannot read the application\'s files is told so', async () => {
    const prefix = testPrefix('perm');
    const tp = await Testpmd.start({ prefix, vdevs: ['net_null0'], eal: ['--no-huge', '-m', '256'] });
    try {
      const r = spawnSync('setpriv', ['--reuid=65534', '--regid=65534', '--clear-groups', 'env', 'HOME=/tmp', process.execPath,
        path.join(projectRoot, 'dist', 'cli.js'), '-batch', '--json', '-ex', `attach ${tp.pid}`], { encoding: 'utf8', cwd: '/tmp', timeout: 60_000 });
      const line = r.stdout.split('\n').find((l) => l.startsWith('{"cmd":"attach'));
      expect(line, r.stdout + r.stderr).toBeDefined();
      const j = JSON.parse(line!);
      expect(j.error.code).toBe('no-permission');
      expect(j.error.hint).toContain('user of the application');
    } finally {
      await tp.stop();
    }
  });

  // Another DPDK build in the shared cache (setup builds 25.11 for CI): its testpmd is refused
  // before anything joins it, both sides' DPDK are shown, and telemetry still gives the view.
  const mine = dpdkBuild().prefix;
  const cache = path.dirname(mine);
  const other = fs.existsSync(cache) ? fs.readdirSync(cache).map((d) => path.join(cache, d, 'bin', 'dpdk-testpmd'))
    .find((f) => fs.existsSync(f) && !f.startsWith(mine + path.sep)) : undefined;
  it.skipIf(!other)('a testpmd of another DPDK build: refused with both builds shown; telemetry works across versions', async () => {
    const prefix = testPrefix('other');
    const tp = await Testpmd.start({ prefix, hugeDir: huge.dir, vdevs: ['net_null0'], binary: other });
    try {
      const want = await tp.summary();
      const r = runCli(['-batch', '--json', '-ex', `attach ${tp.pid}`, '-ex', `attach --telemetry ${tp.pid}`, '-ex', 'show port summary all', '-ex', 'info eal']);
      const [att, tel, summary, eal] = r.json;
      expect(att.ok).toBe(false);
      expect(['other-version', 'other-build']).toContain(att.error!.code);
      expect(att.data.builds.app.pluginDir).toContain(path.dirname(path.dirname(other!)));
      expect(att.data.builds.shell.version).toBe(`DPDK ${dpdkBuild().version}`);
      // The ABI each EAL's driver directory names (pmds-<ABI>): different builds of different releases.
      expect(att.data.builds.shell.pluginDir).toContain(dpdkBuild().prefix);
      expect(att.data.builds.app.abi).toMatch(/^\d+\.\d+$/);
      expect(att.data.builds.app.abi).not.toBe(att.data.builds.shell.abi);
      expect(tel.ok, JSON.stringify(tel.error)).toBe(true);
      expect(summary.data.ports.map((p: any) => [p.name, p.mac])).toEqual(want.map((p) => [p.name, p.mac]));
      expect(eal.data.version).not.toBe(`DPDK ${dpdkBuild().version}`);
    } finally {
      await tp.stop();
    }
  });
});
