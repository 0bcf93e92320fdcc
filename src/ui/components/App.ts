// The whole screen: output pane on top, then crash banner, prompt, hint, candidates, notice and
// the status line. Heights come from the rows each part has for this width, so the frame always
// fits the terminal; a resize re-formats and re-wraps everything.
import type { ReactElement } from 'react';
import type { UiController } from '../controller.js';
import { makeStyle } from '../../format/style.js';
import { paneView, page } from '../output.js';
import { chrome, chromeHeight } from '../screen.js';
import { useController } from '../hooks/useController.js';
import { useRawKeys } from '../hooks/useRawKeys.js';
import { useTerminalSize, type Size } from '../hooks/useTerminalSize.js';
import type { KeyEvent } from '../keys.js';
import { Box, h, useCallback, useMemo } from '../vendor.js';
import { OutputPane } from './OutputPane.js';
import { Rows } from './Rows.js';
import { StatusLine } from './StatusLine.js';
import { CrashBanner } from './CrashBanner.js';

export interface AppProps { controller: UiController; color: boolean; size?: Partial<Size> }

export function App({ controller, color, size: fixed }: AppProps): ReactElement {
  const st = useController(controller);
  const size = useTerminalSize(fixed);
  const width = Math.max(20, size.columns);
  // One row less than the terminal: a frame as tall as the screen makes Ink clear it on every update.
  const height = Math.max(6, size.rows - 1);
  const s = useMemo(() => makeStyle({ color, width }), [color, width]);
  const onKey = useCallback((e: KeyEvent) => controller.dispatch(e), [controller]);
  useRawKeys(onKey);

  const c = chrome(st, controller.session, s, width);
  const paneHeight = Math.max(1, height - chromeHeight(c));
  // Keystrokes change the prompt, not the output: the pane is only recomputed when it can differ.
  const view = useMemo(() => paneView(st.entries, st.scroll, s, width, paneHeight), [st.entries, st.scroll, s, width, paneHeight]);
  controller.pager = { page: (dir) => page(controller.state.entries, controller.state.scroll, s, width, paneHeight, dir) };

  return h(Box, { flexDirection: 'column', width },
    h(OutputPane, { view, height: paneHeight, s }),
    h(Rows, { rows: c.lesson }),
    h(CrashBanner, { rows: c.banner }),
    h(Rows, { rows: c.prompt }),
    h(Rows, { rows: c.hint }),
    h(Rows, { rows: c.candidates }),
    h(Rows, { rows: c.notice }),
    h(StatusLine, { text: c.status }),
  );
}
