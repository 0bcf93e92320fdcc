// Mounts the real UI (controller + Ink App) on ink-testing-library's fake terminal, against a
// real Session, and waits for screen conditions (never fixed sleeps).
import path from 'node:path';
import { createElement } from 'react';
import { render } from 'ink-testing-library';
import { Session } from '../../src/session/session.js';
import { UiController } from '../../src/ui/controller.js';
import { App } from '../../src/ui/components/App.js';
import { tmpDir } from '../helpers/tmp.js';

// eslint-disable-next-line no-control-regex
const stripAnsi = (t: string): string => t.replace(/\x1b\[[0-9;?]*[A-Za-z]/g, '');

export interface Mounted {
  session: Session;
  controller: UiController;
  historyFile: string;
  frame(): string;
  type(s: string): void;
  waitFor(pred: (frame: string) => boolean, what: string, ms?: number): Promise<string>;
  close(): Promise<void>;
  rawFrame(): string;
}

export function mount(opts: { columns?: number; rows?: number; color?: boolean; historyFile?: string; session?: Session } = {}): Mounted {
  const session = opts.session ?? new Session();
  const historyFile = opts.historyFile ?? path.join(tmpDir('vdevsh-ui-'), 'history');
  const controller = new UiController(session, { historyFile, quiet: true });
  const r = render(createElement(App, { controller, color: opts.color ?? false, size: { columns: opts.columns ?? 100, rows: opts.rows ?? 30 } }));
  controller.start();
  const rawFrame = (): string => r.lastFrame() ?? '';
  const frame = (): string => stripAnsi(rawFrame());
  return {
    session, controller, historyFile, frame, rawFrame,
    type: (s) => r.stdin.write(s),
    async waitFor(pred, what, ms = 20_000) {
      const deadline = Date.now() + ms;
      for (;;) {
        const f = frame();
        if (pred(f)) return f;
        if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}; screen:\n${f}`);
        await new Promise((res) => setTimeout(res, 10));
      }
    },
    async close() {
      r.unmount();
      await controller.quit();
    },
  };
}

/** The prompt row of a frame. */
export const promptOf = (f: string): string => f.split('\n').map((l) => l.trimEnd()).findLast((l) => /^\(vdev\)( |$)/.test(l) || l.startsWith('(reverse-i-search)')) ?? '';
