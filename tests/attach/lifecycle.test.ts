// The application ends while the shell is attached (quit, or killed like a crash): the shell says
// so, stays, and is back on its own EAL with what it had attached there before.
import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { removeStaleRuntimeDirs, reserveHugepages, runtimeDir, Testpmd, testPrefix, type Hugepages } from '../helpers/primary.js';
import { ShellProc } from '../helpers/shell-proc.js';

let huge: Hugepages;
beforeAll(() => { removeStaleRuntimeDirs(); huge = reserveHugepages(64); });
afterAll(() => huge?.release());

describe('the application ends while attached', () => {
  for (const how of ['quit', 'SIGKILL'] as const) {
    it(`${how}: reported at once, the shell returns to its own EAL and its devices`, async () => {
      const prefix = testPrefix(`end-${how.toLowerCase()}`);
      const tp = await Testpmd.start({ prefix, hugeDir: huge.dir, vdevs: ['net_null0'] });
      const sh = new ShellProc();
      try {
        // A device in the shell's own EAL first: it must still be there after the application is gone.
        const own = await sh.send('probe net_null3');
        expect(own.ok, JSON.stringify(own.error)).toBe(true);
        const att = await sh.send(`attach ${tp.pid}`);
        expect(att.ok, JSON.stringify(att.error)).toBe(true);
        const secondary = att.data.secondaryPid as number;
        if (how === 'quit') await tp.stop();
        else { tp.child.kill('SIGKILL'); await tp.exited; }
        await sh.until(() => sh.stderr.includes('ended while attached'), 15_000, 'notice that the application ended');
        expect(sh.stderr).toContain(`pid ${tp.pid}`);
        const inf = await sh.send('info inferior');
        expect(inf.ok).toBe(true);
        expect(inf.data.target.kind).toBe('own');
        expect(inf.log.join('\n')).toContain('ended while attached');
        const ports = await sh.send('show port summary all');
        expect(ports.data.ports.map((p: any) => p.name)).toEqual(['net_null3']);
        // The secondary is gone too.
        const end = Date.now() + 10_000;
        while (fs.existsSync(`/proc/${secondary}`) && Date.now() < end) await new Promise((r) => setTimeout(r, 50));
        expect(fs.existsSync(`/proc/${secondary}`)).toBe(false);
        expect((await sh.send('detach')).error!.code).toBe('not-attached');
        expect((await sh.send('expect fail not-attached')).ok).toBe(true);
      } finally {
        await sh.quit();
        await tp.stop();
      }
      // The shell ended by quit with status 0 (the failed detach was expected).
      expect(sh.child.signalCode).toBeNull();
      expect(sh.child.exitCode).toBe(0);
      expect(fs.existsSync(runtimeDir(prefix))).toBe(false);
    });
  }

  it('the shell\'s own secondary dies: reported, back to the shell\'s own EAL, the application untouched', async () => {
    const prefix = testPrefix('secdeath');
    const tp = await Testpmd.start({ prefix, hugeDir: huge.dir, vdevs: ['net_null0'] });
    const sh = new ShellProc();
    try {
      expect((await sh.send('probe net_null3')).ok).toBe(true);
      const before = await tp.summary();
      const att = await sh.send(`attach ${tp.pid}`);
      expect(att.ok, JSON.stringify(att.error)).toBe(true);
      process.kill(att.data.secondaryPid, 'SIGKILL');
      const end = Date.now() + 10_000;
      while (fs.existsSync(`/proc/${att.data.secondaryPid}`) && Date.now() < end) await new Promise((r) => setTimeout(r, 20));
      const ports = await sh.send('show port summary all');
      expect(ports.log.join('\n')).toContain(`secondary process in pid ${tp.pid} had died (killed by SIGKILL); back to the shell's own EAL`);
      expect(ports.data.ports.map((p: any) => p.name)).toEqual(['net_null3']);
      expect((await sh.send('info inferior')).data.target.kind).toBe('own');
      expect(await tp.summary()).toEqual(before);
    } finally {
      await sh.quit();
      await tp.stop();
    }
  });
});
