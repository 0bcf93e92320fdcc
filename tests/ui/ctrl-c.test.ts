// Ctrl-C in a real terminal (tmux) for the plain line front end: at the prompt readline reads
// it as a key; while -x scripts run (before readline) the terminal sends SIGINT to the whole
// foreground process group, the EAL's process included. Either way a command stuck in the EAL
// is cancelled (EAL restarted, session restored), the script stops before its next line, and
// the shell stays.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { INFERIOR_CMDLINE } from '../helpers/shell-proc.js';
import { tmpDir } from '../helpers/tmp.js';
import { Tmux, promptRow } from './tmux-helpers.js';

let tm: Tmux;
afterEach(() => { tm?.killServer(); });

/** A FIFO nobody writes: net_pcap's open() of it as rx_pcap blocks in the kernel. */
function fifoIn(dir: string): string {
  const f = path.join(dir, 'blocks.fifo');
  execFileSync('mkfifo', [f]);
  return f;
}

describe('Ctrl-C in a terminal (--plain)', () => {
  for (const how of ['at the prompt (source)', 'in a -x script (SIGINT to the process group)'] as const) {
    it(`${how}: cancels the stuck probe, stops the script, keeps the shell`, async () => {
      tm = new Tmux();
      const dir = tmpDir('vdevsh-ctrlc-');
      const script = path.join(dir, 's.vsh');
      fs.writeFileSync(script, `probe net_null0\nprobe --force net_pcap0,rx_pcap=${fifoIn(dir)}\nprobe net_null7\n`);
      const viaPrompt = how.startsWith('at the prompt');
      const t = tm.start('c', dir, { args: viaPrompt ? ['--plain', '-q'] : ['--plain', '-q', '-x', script], env: { NO_COLOR: '1' } });
      if (viaPrompt) {
        await tm.waitFor(t, (s) => promptRow(s) === '(vdev)', 'the prompt');
        tm.type(t, `source ${script}`);
        tm.keys(t, 'Enter');
      }
      await tm.waitFor(t, (s) => /Port 0 attached: net_null0/.test(s), 'the first probe');
      // The second probe is inside open() on the FIFO in the EAL process: wait until it is.
      const blocked = (): boolean => {
        try {
          for (const p of execFileSync('pgrep', ['-f', INFERIOR_CMDLINE], { encoding: 'utf8' }).trim().split('\n')) {
            if (/fifo|partner/.test(fs.readFileSync(`/proc/${p}/wchan`, 'utf8')) && fs.readFileSync(`/proc/${p}/environ`, 'utf8').includes(dir)) return true;
          }
        } catch { /* none yet */ }
        return false;
      };
      for (let i = 0; i < 1500 && !blocked(); i++) await new Promise((r) => setTimeout(r, 20)); // poll interval
      expect(blocked()).toBe(true);
      tm.keys(t, 'C-c');
      const s = await tm.waitFor(t, (x) => /interrupted \(Ctrl-C\) before line 3/.test(x), 'the script to stop');
      expect(s).toMatch(/interrupted/);
      expect(s).not.toMatch(/killed by SIGINT/); // the EAL did not die of the terminal's SIGINT itself
      if (!viaPrompt) await tm.waitFor(t, (x) => promptRow(x) === '(vdev)', 'the prompt after the scripts');
      tm.type(t, 'info probes');
      tm.keys(t, 'Enter');
      const after = await tm.waitFor(t, (x) => /#2 +fail/.test(x) || /net_pcap0,rx_pcap/.test(x.split('info probes')[1] ?? ''), 'info probes');
      expect(after.split('info probes').at(-1)).not.toMatch(/net_null7/);
      expect(tm.dead(t)).toBe(false);
      tm.type(t, 'show port summary all');
      tm.keys(t, 'Enter');
      await tm.waitFor(t, (x) => /net_null0/.test(x.split('show port summary all').at(-1) ?? ''), 'net_null0 restored');
    });
  }
});
