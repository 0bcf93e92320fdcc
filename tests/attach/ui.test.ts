// The full-screen UI while attached (a real terminal through tmux): vdev-shell -p PID starts
// attached and its status line names the application; when the application ends, the UI says
// so and the status line is back on the shell's own EAL.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { removeStaleRuntimeDirs, reserveHugepages, Testpmd, testPrefix, type Hugepages } from '../helpers/primary.js';
import { Tmux } from '../ui/tmux-helpers.js';
import { tmpDir } from '../helpers/tmp.js';

let huge: Hugepages;
const tmux = new Tmux();
beforeAll(() => { removeStaleRuntimeDirs(); huge = reserveHugepages(64); });
afterAll(() => { tmux.killServer(); huge?.release(); });

describe('UI attached', () => {
  it('-p PID: the status line names the application; its end is told and the status returns to the EAL', async () => {
    const tp = await Testpmd.start({ prefix: testPrefix('ui'), hugeDir: huge.dir, vdevs: ['net_null0'] });
    try {
      const s = tmux.start('att', tmpDir('vdsh-ui-attach-'), { columns: 140, args: ['-p', String(tp.pid)] });
      await tmux.waitFor(s, (x) => x.includes(`attached to dpdk-testpmd pid ${tp.pid}`) && x.includes('Attached to dpdk-testpmd'), 'the attach result and the status line');
      tmux.type(s, 'show port summary all');
      tmux.keys(s, 'Enter');
      await tmux.waitFor(s, (x) => /0\s+net_null0\s+net_null/.test(x), 'the application\'s port');
      await tp.stop();
      const after = await tmux.waitFor(s, (x) => x.includes('ended while attached') && x.includes('EAL running pid'), 'the notice and the status back on the own EAL');
      expect(after).not.toContain(`attached to dpdk-testpmd pid ${tp.pid} (prefix`);
      tmux.type(s, 'quit');
      tmux.keys(s, 'Enter');
      await tmux.waitFor(s, () => tmux.dead(s), 'the shell to exit');
    } finally {
      await tp.stop();
    }
  });
});
