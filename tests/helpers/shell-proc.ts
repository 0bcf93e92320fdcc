// A long-running vdev-shell in line mode (--json over pipes): send a command, get its JSON line.
// Used where a test acts between commands (kill the application, kill the shell).
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { projectRoot } from '../../src/util/paths.js';
import type { JsonLine } from './cli.js';

/**
 * What `pgrep -f` matches in an EAL process's command line, however it was started: the bundle's
 * starter (dist/inferior/start.cjs), the bundle, or tsc's module (src/util/paths.ts inferiorMainPath).
 */
export const INFERIOR_CMDLINE = 'dist/inferior/(start|main)\\.c?js';

export class ShellProc {
  readonly child: ChildProcess;
  stderr = '';
  private lines: JsonLine[] = [];
  private buf = '';
  private waiters: (() => void)[] = [];
  /** `entry: 'bin'` runs bin/vdev-shell, the launcher users run, instead of dist/cli.js. */
  constructor(args: string[] = [], cwd?: string, opts: { entry?: 'cli' | 'bin'; env?: NodeJS.ProcessEnv } = {}) {
    const env = { ...process.env, NO_COLOR: '1', ...opts.env };
    this.child = opts.entry === 'bin'
      ? spawn(path.join(projectRoot, 'bin', 'vdev-shell'), ['--json', ...args], { stdio: ['pipe', 'pipe', 'pipe'], cwd, env })
      : spawn(process.execPath, [path.join(projectRoot, 'dist', 'cli.js'), '--json', ...args], { stdio: ['pipe', 'pipe', 'pipe'], cwd, env });
    this.child.stdout!.on('data', (b: Buffer) => {
      this.buf += b.toString();
      let i: number;
      while ((i = this.buf.indexOf('\n')) >= 0) {
        const l = this.buf.slice(0, i);
        this.buf = this.buf.slice(i + 1);
        if (l.startsWith('{')) this.lines.push(JSON.parse(l) as JsonLine);
      }
      this.wake();
    });
    this.child.stderr!.on('data', (b: Buffer) => { this.stderr += b.toString(); this.wake(); });
    this.child.once('exit', () => this.wake());
  }

  private wake(): void { for (const w of this.waiters.splice(0)) w(); }
  async until(test: () => boolean, ms: number, what: string): Promise<void> {
    const end = Date.now() + ms;
    while (!test()) {
      const left = end - Date.now();
      if (left <= 0 || this.child.exitCode !== null || this.child.signalCode !== null) throw new Error(`vdev-shell: no ${what}; stderr:\n${this.stderr}`);
      await new Promise<void>((r) => { const t = setTimeout(r, left); this.waiters.push(() => { clearTimeout(t); r(); }); });
    }
  }

  /** Sends one command and returns its JSON result. */
  async send(line: string, ms = 30_000): Promise<JsonLine> {
    const n = this.lines.length;
    this.child.stdin!.write(line + '\n');
    await this.until(() => this.lines.length > n, ms, `result for '${line}'`);
    return this.lines[n];
  }

  async quit(): Promise<void> {
    if (this.child.exitCode !== null || this.child.signalCode !== null) return;
    this.child.stdin!.end('quit\n');
    await new Promise((r) => this.child.once('exit', r));
  }
}
