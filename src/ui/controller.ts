// The interactive shell's state machine, outside React so it can be driven and tested without a
// terminal: the input line and its key actions, history, completion, the hint, the queue of
// submitted lines run one by one through the Runner, the output entries, and the inferior's
// life (ready, death banner, prewarmed spare, quit that awaits session.close()).
import fs from 'node:fs';
import path from 'node:path';
import type { CommandResult } from '../commands/types.js';
import type { Session } from '../session/session.js';
import type { Inferior, Death } from '../session/inferior.js';
import type { DriverInfo } from '../session/drivers.js';
import { Runner } from '../script/runner.js';
import { cancelRunning } from '../recovery/guard.js';
import type { HangSample } from '../recovery/types.js';
import type { StartFailure } from '../session/start-vdevs.js';
import * as L from './line-edit.js';
import type { Action, KeyEvent } from './keys.js';
import { keysHelp } from './keys.js';
import { History, historyStep, type HistoryCursor } from './history.js';
import { applyCompletion, chainCompletion, complete, type CompletionData } from './completion.js';
import { HintScheduler, type Hint } from './hint.js';
import { FOLLOW, type OutputEntry, type Scroll } from './output.js';
import type { DeathInfo } from './status.js';
import { activeStep, type ActiveStep } from '../teach/tutor.js';

export interface SearchState { query: string; index: number; match: string | null; saved: L.Line }

export interface UiState {
  line: L.Line;
  search: SearchState | null;
  candidates: string[] | null;
  hint: Hint | null;
  entries: OutputEntry[];
  scroll: Scroll;
  busy: string | null;
  queued: string[];
  ports: number | null;
  last: { cmd: string; ok: boolean; code?: string } | null;
  death: DeathInfo | null;
  notice: string | null;
  quitting: boolean;
  done: boolean;
  /** Bumped when the inferior changes state, so views re-read it. */
  tick: number;
  /** The lesson step under way: its task stays on screen above the prompt. */
  lesson: ActiveStep | null;
}

export interface ControllerOptions {
  historyFile: string | null;
  quiet?: boolean;
  /** -ex commands and scripts to run first, in order. */
  initial?: string[];
  cwd?: string;
}

const MAX_ENTRIES = 400;
const UI_HELP = 'In this UI: Tab completes, Up/Down and Ctrl-R search history, PageUp/PageDown scroll, Ctrl-C clears the line or cancels a running command, Ctrl-D on an empty line quits (press it twice when ports are attached; quitting detaches them and removes tap interfaces). F1 lists every key.';

export class UiController {
  state: UiState;
  readonly history: History;
  readonly runner: Runner;
  private listeners = new Set<() => void>();
  private histCursor: HistoryCursor;
  private killRing = '';
  private eofArmed = false;
  private nextId = 1;
  private hints: HintScheduler;
  private watched?: Inferior;
  private drivers: DriverInfo[] = [];
  private portList: { port: number; name: string }[] = [];
  private finishedResolve!: (code: number) => void;
  /** Resolves with the exit code once quit has closed the session. */
  readonly finished: Promise<number>;
  /** Set by the view, which knows the pane size: where PageUp/PageDown lead from the current scroll. */
  pager: { page(dir: -1 | 1): Scroll } | null = null;

  constructor(readonly session: Session, readonly opts: ControllerOptions) {
    this.history = new History(opts.historyFile);
    this.histCursor = { index: this.history.entries.length, draft: '' };
    this.runner = new Runner(session, (r) => this.onResult(r));
    this.hints = new HintScheduler(session, (h) => this.set({ hint: h }));
    this.finished = new Promise((r) => { this.finishedResolve = r; });
    const intro: OutputEntry[] = opts.quiet ? [] : [{ id: this.nextId++, kind: 'note', tone: 'dim', lines: [
      "vdev-shell: DPDK hot-plug debugger. 'help' lists commands, F1 lists keys, 'quit' or Ctrl-D leaves.",
    ] }];
    this.state = {
      line: L.EMPTY, search: null, candidates: null, hint: null, entries: intro, scroll: FOLLOW, busy: null, queued: [],
      ports: null, last: null, death: null, notice: null, quitting: false, done: false, tick: 0, lesson: null,
    };
  }

  // ---- store -------------------------------------------------------------------------------
  subscribe = (fn: () => void): (() => void) => { this.listeners.add(fn); return () => this.listeners.delete(fn); };
  getState = (): UiState => this.state;
  private set(p: Partial<UiState>): void {
    this.state = { ...this.state, ...p };
    for (const fn of this.listeners) fn();
  }

  /** Starts watching the inferior and runs -ex/script items. Does not wait for the EAL. */
  start(): void {
    this.watch();
    // A command still running after a while: say where the EAL waits, and that Ctrl-C cancels it.
    this.session.on('slow', this.onSlow);
    this.session.on('start-failures', this.onStartFailures);
    this.session.on('target-lost', this.onTargetLost);
    for (const item of this.opts.initial ?? []) this.enqueue(item, false);
  }

  private watch(): void {
    const inf = this.session.inferior;
    if (inf === this.watched) return;
    this.watched = inf;
    inf.once('death', (d: Death) => this.onDeath(inf, d));
    if (!inf.alive && inf.death) { this.onDeath(inf, inf.death); return; }
    inf.ready.then(() => {
      if (inf !== this.session.inferior) return;
      this.set({ death: null, tick: this.state.tick + 1 });
      this.session.prewarm(); // a spare EAL so restart and crash recovery need not wait >100 ms
      void this.refreshCaches();
    }, () => this.set({ tick: this.state.tick + 1 }));
  }

  private onSlow = (e: { cmd: string; ms: number; sample: HangSample | null }): void => {
    if (this.state.busy === null) return;
    const f = e.sample?.dpdkFrame;
    const where = f ? `: waiting${e.sample?.waitingIn ? ` in ${e.sample.waitingIn}()` : ''} from ${f.fn} (${f.file}:${f.line})` : '';
    this.set({ notice: `'${e.cmd}' still running after ${(e.ms / 1000).toFixed(1)} s${where}; Ctrl-C cancels it` });
  };

  /** The attached application ended between commands: the session is back on its own EAL. */
  private onTargetLost = (e: { message: string }): void => {
    this.session.notices.splice(0); // told here, not again with the next result
    this.note([`vdev-shell: ${e.message}`], 'red');
    this.watch();
    void this.refreshCaches();
  };

  private onStartFailures = (f: StartFailure[]): void => {
    const list = f.map((x) => `--vdev ${x.devargs}`).join(', ');
    this.set({ notice: `${list}: not attached at EAL start-up; 'info eal' shows DPDK's lines, 'diagnose ${f[0].devargs}' says why` });
  };

  private onDeath(inf: Inferior, d: Death): void {
    if (inf !== this.session.inferior || this.state.quitting) return;
    const how = d.signal ? `killed by ${d.signal}` : `exit code ${d.code}`;
    const initFailed = inf.state === 'init-failed' || !inf.readyInfo || inf.readyInfo.ret < 0;
    this.portList = [];
    this.set({ death: { pid: inf.pid, how, during: d.during, lastLog: d.lastLog.slice(-5), initFailed }, ports: null, tick: this.state.tick + 1 });
    // Why the EAL would not start is in DPDK's own lines: show them (a kill has nothing to add).
    if (initFailed && d.lastLog.length) this.note(initLines(d.lastLog).map((l) => `│ ${l}`), 'dim');
  }

  /** Resolves once drivers and ports are loaded for completion (tests wait on it). */
  async completionReady(): Promise<void> {
    await this.session.ready();
    await this.refreshCaches();
  }

  private async refreshCaches(): Promise<void> {
    if (this.session.inferior.state !== 'running') { this.portList = []; this.set({ ports: null }); return; }
    try {
      const [ports, drivers] = await Promise.all([this.session.ports(), this.session.drivers()]);
      this.portList = ports.map((p) => ({ port: p.port, name: p.name }));
      this.drivers = drivers;
      this.set({ ports: ports.length });
    } catch { /* the inferior died meanwhile: the death handler says so */ }
  }

  // ---- running commands --------------------------------------------------------------------
  private historyWarned = false;

  private enqueue(line: string, record = true): void {
    if (record) this.history.add(line);
    if (this.history.writeError && !this.historyWarned) {
      this.historyWarned = true; // once: the shell keeps working with the history in memory
      this.note([`vdev-shell: ${this.history.writeError} (set VDEV_SHELL_HISTORY to a writable file)`], 'red');
    }
    this.histCursor = { index: this.history.entries.length, draft: '' };
    if (this.state.busy) { this.set({ queued: [...this.state.queued, line] }); return; }
    void this.runLoop(line);
  }

  private async runLoop(first: string): Promise<void> {
    let line: string | undefined = first;
    while (line !== undefined && !this.state.quitting) {
      this.push({ id: this.nextId, kind: 'echo', text: line }, true);
      this.set({ busy: line.trim() || null });
      await this.runner.run(line);
      this.set({ lesson: activeStep(this.session) });
      this.watch();
      await this.refreshCaches();
      if (this.runner.quitRequested) { this.set({ busy: null, queued: [] }); await this.quit(); return; }
      const [next, ...rest] = this.state.queued;
      this.set({ busy: null, queued: rest });
      line = next;
    }
  }

  private onResult(r: CommandResult): void {
    this.push({ id: this.nextId, kind: 'result', result: r }, false);
    // The command list is the same everywhere; the keys are this UI's own, so it adds them under the whole list.
    if (r.kind === 'help' && r.ok && !(r.data as { under?: string } | null)?.under) this.push({ id: this.nextId, kind: 'note', tone: 'dim', lines: [UI_HELP] }, false);
    this.set({ last: { cmd: r.cmd, ok: r.ok || !!r.expected, code: r.error?.code } });
  }

  private push(e: OutputEntry, anchor: boolean): void {
    this.nextId++;
    const entries = [...this.state.entries, e].slice(-MAX_ENTRIES);
    // Each command's output is shown from its echo line: long output pages instead of flooding.
    this.set({ entries, ...(anchor ? { scroll: { kind: 'anchor', entryId: e.id, row: 0 } as Scroll } : {}) });
  }

  note(lines: string[], tone: 'dim' | 'red' | 'plain' = 'plain'): void {
    this.push({ id: this.nextId, kind: 'note', lines, tone }, true);
  }

  async quit(): Promise<void> {
    if (this.state.quitting) return;
    this.session.off('slow', this.onSlow);
    this.hints.cancel();
    this.set({ quitting: true, notice: 'detaching ports and stopping the EAL…' });
    try { await this.session.close(); } catch { /* already gone */ }
    const code = this.runner.exitCode ?? 0;
    this.set({ done: true });
    this.finishedResolve(code);
  }

  // ---- keys --------------------------------------------------------------------------------
  dispatch(ev: KeyEvent): void {
    if (this.state.quitting) return;
    if ('text' in ev) { this.onText(ev.text); return; }
    const a = ev.action;
    if (a !== 'eof') this.eofArmed = false;
    if (this.state.search) { this.onSearchKey(a); return; }
    this.onEditKey(a);
  }

  private setLine(line: L.Line, extra: Partial<UiState> = {}): void {
    const changed = line.text !== this.state.line.text;
    this.set({ line, candidates: null, notice: null, ...extra });
    if (changed) this.hints.update(line.text);
  }

  private onText(text: string): void {
    this.eofArmed = false;
    const s = this.state.search;
    if (s) { this.searchFor(s.query + text, this.history.entries.length, s.saved); return; }
    this.setLine(L.insert(this.state.line, text));
  }

  private onEditKey(a: Action): void {
    const l = this.state.line;
    const cut = (c: L.Cut): void => { if (c.killed) this.killRing = c.killed; this.setLine(c.line); };
    switch (a) {
      case 'submit': {
        const text = l.text;
        this.hints.cancel();
        this.set({ line: L.EMPTY, candidates: null, hint: null, notice: null });
        if (text.trim()) this.enqueue(text);
        return;
      }
      case 'complete': return this.completeNow();
      case 'history-prev': case 'history-next': {
        const step = historyStep(this.history.entries, this.histCursor, l.text, a === 'history-prev' ? -1 : 1);
        if (!step) return;
        this.histCursor = step.cursor;
        this.setLine(L.lineOf(step.text));
        return;
      }
      case 'search-back': this.searchFor('', this.history.entries.length, l); return;
      case 'interrupt': {
        this.hints.cancel();
        const busy = this.state.busy;
        // As in line mode: a running command is cancelled by killing its EAL, which the recovery
        // guard restarts with the session restored; the shell itself is never interrupted.
        const cancelled = busy ? cancelRunning(this.session) : false;
        const stopped = busy ? this.runner.interrupt() : false;
        this.set({ line: L.EMPTY, candidates: null, hint: null, queued: [],
          notice: !busy ? null : cancelled ? `interrupting '${busy}': its EAL is killed and restarted with the session restored${stopped ? '; the script stops there' : ''}`
            : stopped ? 'the script stops before its next line; queued lines dropped'
              : `'${busy}' is not waiting on the EAL: it finishes; queued lines dropped` });
        return;
      }
      case 'eof': {
        if (l.text !== '') { this.setLine(L.deleteForward(l)); return; }
        const ports = this.state.ports ?? 0;
        // Attached, the ports are the application's: quitting leaves them, so nothing to confirm.
        if (ports > 0 && !this.eofArmed && this.session.inferior.alive && !this.session.target) {
          this.eofArmed = true;
          this.set({ notice: `${ports} port${ports === 1 ? '' : 's'} attached: Ctrl-D again to detach and quit (taps are removed)` });
          return;
        }
        void this.quit();
        return;
      }
      case 'abort': this.set({ candidates: null, notice: null }); return;
      case 'left': return this.setLine(L.left(l));
      case 'right': return this.setLine(L.right(l));
      case 'home': return this.setLine(L.home(l));
      case 'end': return this.setLine(L.end(l));
      case 'word-left': return this.setLine(L.wordLeft(l));
      case 'word-right': return this.setLine(L.wordRight(l));
      case 'backspace': return this.setLine(L.backspace(l));
      case 'delete': return this.setLine(L.deleteForward(l));
      case 'kill-end': return cut(L.killToEnd(l));
      case 'kill-start': return cut(L.killToStart(l));
      case 'kill-word-back': return cut(L.killWordBack(l));
      case 'kill-word-forward': return cut(L.killWordForward(l));
      case 'yank': return this.setLine(L.insert(l, this.killRing));
      case 'page-up': case 'page-down':
        if (this.pager) this.set({ scroll: this.pager.page(a === 'page-up' ? -1 : 1) });
        return;
      case 'clear-output': this.set({ entries: [], scroll: FOLLOW }); return;
      case 'keys-help': this.note(['Keys:', ...keysHelp()], 'plain'); return;
    }
  }

  // ---- reverse search (Ctrl-R) ---------------------------------------------------------------
  private searchFor(query: string, from: number, saved: L.Line): void {
    const index = this.history.searchBack(query, from);
    this.set({ search: { query, index, match: index >= 0 ? this.history.entries[index] : null, saved }, candidates: null, notice: null });
  }

  private onSearchKey(a: Action): void {
    const s = this.state.search!;
    const found = s.match;
    switch (a) {
      case 'search-back': {
        const older = this.history.searchBack(s.query, s.index >= 0 ? s.index : this.history.entries.length);
        if (older >= 0) this.set({ search: { ...s, index: older, match: this.history.entries[older] } });
        else this.set({ notice: 'no older match' });
        return;
      }
      case 'backspace': this.searchFor(s.query.slice(0, -1), this.history.entries.length, s.saved); return;
      case 'abort': case 'interrupt': this.set({ search: null }); this.setLine(s.saved); return;
      case 'submit':
        this.set({ search: null });
        if (found) { this.setLine(L.lineOf(found)); this.onEditKey('submit'); } else this.setLine(s.saved);
        return;
      default:
        // Any editing key takes the match into the line and edits it there (readline does so).
        this.set({ search: null });
        this.setLine(found !== null ? L.lineOf(found) : s.saved);
        this.onEditKey(a);
    }
  }

  // ---- completion --------------------------------------------------------------------------
  completionData(): CompletionData {
    const cwd = this.opts.cwd ?? process.cwd();
    return {
      drivers: this.drivers,
      ports: this.portList,
      listDir: (dir) => fs.readdirSync(path.resolve(cwd, dir || '.'), { withFileTypes: true })
        .map((e) => ({ name: e.name, dir: e.isDirectory() || (e.isSymbolicLink() && isDir(path.resolve(cwd, dir || '.', e.name))) })),
      ifaces: listIfaces(),
      ...chainCompletion(this.session),
    };
  }

  private completeNow(): void {
    const l = this.state.line;
    const c = complete(l.text, l.cursor, this.completionData());
    if (!c.candidates.length && !this.drivers.length && this.session.inferior.state === 'starting') {
      // Tab before the EAL is up: drivers and ports come from it, so finish the Tab once it is,
      // unless the line changed meanwhile.
      this.set({ notice: 'waiting for the EAL to complete drivers and ports…' });
      void this.completionReady().then(() => {
        if (this.state.line === l) { this.set({ notice: null }); this.completeNow(); }
      }, () => undefined);
      return;
    }
    const r = applyCompletion(l, c);
    if (r.line.text !== l.text) this.setLine(r.line);
    if (r.list) this.set({ candidates: r.list });
  }
}

/** DPDK's lines that say why rte_eal_init failed (its usage text left out), in order. */
function initLines(log: string[]): string[] {
  const keep = log.filter((l, i) => /unrecognized|invalid|error|cannot|failed|not supported|unknown/i.test(l) || i >= log.length - 2);
  return [...new Set(keep)].slice(-8);
}

function isDir(p: string): boolean { try { return fs.statSync(p).isDirectory(); } catch { return false; } }

function listIfaces(): string[] {
  try { return fs.readdirSync('/sys/class/net'); } catch { return []; }
}
