// A real terminal for the UI: tmux on a socket this test owns, a temp HOME/cwd/history file,
// and screen conditions polled from capture-pane with a deadline (never fixed sleeps).
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { projectRoot } from '../../src/util/paths.js';

let made = 0;

export class Tmux {
  // A socket per instance: kill-server returns before the old server is gone, and a new server
  // on the same name then met it dying ("server exited unexpectedly", seen in CI).
  readonly socket = `vdsh-ui-test-${process.pid}-${made++}`;
  private sessions: string[] = [];

  tmux(...args: string[]): string {
    return execFileSync('tmux', ['-L', this.socket, '-f', '/dev/null', ...args], { encoding: 'utf8' });
  }

  /** Starts vdev-shell in a new tmux session of the given size; returns the session name. */
  start(name: string, dir: string, opts: { columns?: number; rows?: number; env?: Record<string, string>; args?: string[] } = {}): string {
    const env = { HOME: dir, VDEV_SHELL_HISTORY: path.join(dir, 'history'), TERM: 'xterm-256color', ...opts.env };
    const cmd = ['env', ...Object.entries(env).map(([k, v]) => `${k}=${v}`), process.execPath, path.join(projectRoot, 'dist', 'cli.js'), ...(opts.args ?? [])];
    this.tmux('new-session', '-d', '-s', name, '-x', String(opts.columns ?? 100), '-y', String(opts.rows ?? 40), '-c', dir, ...cmd);
    this.tmux('set-option', '-t', name, 'remain-on-exit', 'on');
    this.sessions.push(name);
    return name;
  }

  screen(name: string): string {
    return this.tmux('capture-pane', '-p', '-t', name);
  }

  /** Types text literally (no key-name interpretation). */
  type(name: string, text: string): void { this.tmux('send-keys', '-t', name, '-l', text); }
  /** Presses keys by tmux name: Enter, Tab, C-r, PageDown ... */
  keys(name: string, ...keys: string[]): void { this.tmux('send-keys', '-t', name, ...keys); }

  dead(name: string): boolean { return this.tmux('list-panes', '-t', name, '-F', '#{pane_dead}').trim() === '1'; }
  panePid(name: string): number { return Number(this.tmux('list-panes', '-t', name, '-F', '#{pane_pid}').trim()); }

  async waitFor(name: string, pred: (screen: string) => boolean, what: string, ms = 30_000): Promise<string> {
    const deadline = Date.now() + ms;
    for (;;) {
      const s = this.screen(name);
      if (pred(s)) return s;
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}; screen:\n${s}`);
      await new Promise((r) => setTimeout(r, 25));
    }
  }

  killServer(): void {
    try { this.tmux('kill-server'); } catch { /* no server left */ }
    // A killed server leaves its socket file: it is this test's, so it goes too.
    fs.rmSync(path.join(process.env.TMUX_TMPDIR ?? '/tmp', `tmux-${process.getuid?.() ?? 0}`, this.socket), { force: true });
    this.sessions = [];
  }
}

/** The prompt row of a screen (the last one; echoed commands above also start with the prompt). */
export const promptRow = (s: string): string => s.split('\n').map((l) => l.trimEnd()).findLast((l) => /^\(vdev\)( |$)/.test(l) || l.startsWith('(reverse-i-search)')) ?? '';
export const statusPid = (s: string): number | null => { const m = /EAL running pid (\d+)/.exec(s); return m ? Number(m[1]) : null; };
