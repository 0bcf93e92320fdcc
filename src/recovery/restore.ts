// After the inferior died: start a fresh EAL (the pre-started spare when there is one) and put
// back what the user had attached, same devargs, same order, saying which came back and which
// did not. 'clean' skips the re-probing.
import fs from 'node:fs';
import type { Session } from '../session/session.js';
import type { RestoreReport, RestoredDevice } from './types.js';

/** Kernel interfaces named in devargs: a restore must wait until the dead EAL's are gone. */
function ifacesOf(text: string): string[] {
  return [...text.matchAll(/(?:^|,)iface=([^,]+)/g)].map((m) => m[1]).filter((i) => /^[\w.-]{1,15}$/.test(i));
}

async function waitGone(ifaces: string[], ms: number): Promise<void> {
  const end = Date.now() + ms;
  while (Date.now() < end && ifaces.some((i) => fs.existsSync(`/sys/class/net/${i}`))) await new Promise((r) => setTimeout(r, 20));
}

export async function restartAndRestore(session: Session, opts: { clean: boolean }): Promise<RestoreReport> {
  const t0 = performance.now();
  const wanted = opts.clean ? [] : [...session.attached];
  const report: RestoreReport = { clean: opts.clean, pid: null, restored: [], failed: [], ms: 0 };
  try {
    await session.restart();
  } catch (e) {
    report.error = `the EAL did not start again: ${(e as Error).message}`;
    report.failed = wanted.map((d) => ({ devargs: d.text, ok: false, reason: 'no EAL' }));
    report.ms = Math.round(performance.now() - t0);
    session.emit('restored', report);
    return report;
  }
  report.pid = session.inferior.pid ?? null;
  for (const d of wanted) {
    const item: RestoredDevice = { devargs: d.text, ok: false };
    try {
      // Tap interfaces of the dead EAL go away with its file descriptors, a moment later.
      const taps = d.name.startsWith('net_tap') || d.name.startsWith('eth_tap') || d.name.startsWith('net_tun') ? ifacesOf(d.args) : [];
      if (taps.length) await waitGone(taps, 3000);
      const rec = await session.probe(d.text, { history: false });
      item.ok = rec.ok;
      if (rec.ok) item.port = rec.port?.port;
      else {
        item.reason = rec.silentFailure ? 'DPDK returned 0 but no port appeared' : `ret ${rec.ret}`;
        item.log = rec.log.map((l) => l.text);
      }
    } catch (e) {
      item.reason = (e as Error).message;
    }
    (item.ok ? report.restored : report.failed).push(item);
  }
  report.ms = Math.round(performance.now() - t0);
  session.emit('restored', report);
  return report;
}
