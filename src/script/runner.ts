// Runs commands from -ex, .vsh files and piped stdin against one Session, in order, and keeps
// the results (for expect and the exit status). Front ends (line mode, Ink UI) sit on this.
import fs from 'node:fs';
import path from 'node:path';
import type { CommandContext, CommandResult } from '../commands/types.js';
import { executeLine } from '../commands/execute.js';
import { commandTable, matchCommand } from '../commands/registry.js';
import { loadLessons } from '../teach/lessons.js';
import type { Session } from '../session/session.js';

export const MAX_SOURCE_DEPTH = 16;

export class Runner {
  readonly results: CommandResult[] = [];
  quitRequested = false;
  exitCode: number | undefined;
  private depth = 0;
  private cwd = process.cwd();
  /** Ctrl-C while a script runs: the scripts stop before their next line (reported once). */
  private interrupted: 'pending' | 'reported' | null = null;

  constructor(readonly session: Session, private onResult: (r: CommandResult) => void = () => undefined) {}

  /** The context lines run in: one per directory scripts run from (commands never change it). */
  private ctx?: CommandContext;
  private context(): CommandContext {
    if (this.ctx?.cwd === this.cwd) return this.ctx;
    this.ctx = {
      session: this.session,
      results: this.results,
      runScript: (file) => this.runFile(file),
      runLine: (line) => this.run(line),
      quit: (code) => { this.quitRequested = true; this.exitCode = code; },
      cwd: this.cwd,
      commands: { table: commandTable, match: matchCommand, execute: (line) => executeLine(this.context(), line), lessons: () => loadLessons() },
    };
    return this.ctx;
  }

  /** Stops the running script(s) before their next line; false when no script is running. */
  interrupt(): boolean {
    if (this.depth === 0) return false;
    this.interrupted ??= 'pending';
    return true;
  }

  async run(line: string): Promise<CommandResult | null> {
    const r = await executeLine(this.context(), line);
    if (r) this.onResult(r);
    return r;
  }

  /** Runs a .vsh file line by line; relative paths inside resolve against the file's directory. */
  async runFile(file: string): Promise<CommandResult[]> {
    if (this.depth >= MAX_SOURCE_DEPTH) throw new Error(`source nested deeper than ${MAX_SOURCE_DEPTH} (a script sourcing itself?)`);
    const lines = fs.readFileSync(file, 'utf8').split('\n');
    const start = this.results.length;
    const savedCwd = this.cwd;
    this.depth++;
    this.cwd = path.dirname(path.resolve(file));
    try {
      for (let i = 0; i < lines.length; i++) {
        const line = lines[i];
        if (this.interrupted) {
          // Said once, by the innermost script; the ones that sourced it stop silently.
          if (this.interrupted === 'pending') {
            this.interrupted = 'reported';
            const r: CommandResult = {
              cmd: `source ${file}`, ok: false, kind: 'error', data: { file, line: i + 1 },
              error: { code: 'interrupted', message: `${file}: interrupted (Ctrl-C) before line ${i + 1}`, hint: `the lines from ${i + 1} on did not run` }, log: [],
            };
            this.results.push(r);
            this.onResult(r);
          }
          break;
        }
        // run(line), without its own promise per line (a script of thousands of lines)
        const r = await executeLine(this.context(), line);
        if (r) this.onResult(r);
        if (this.quitRequested) break;
      }
    } finally {
      this.depth--;
      this.cwd = savedCwd;
      if (this.depth === 0) this.interrupted = null;
    }
    return this.results.slice(start);
  }

  /** Failed results that no `expect fail` accounted for. */
  unexpectedFailures(): CommandResult[] {
    return this.results.filter((r) => !r.ok && !r.expected);
  }
}
