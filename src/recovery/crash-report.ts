// Turns the raw crash line of a dead inferior (signal, fault address, return addresses, its
// executable mappings) into frames named like `bt`'s, by symbolizing in a LIVE inferior of the
// same binary: the dead one cannot answer any more.
import type { Death } from '../session/inferior.js';
import type { Frame } from '../protocol/ops.js';
import type { Session } from '../session/session.js';
import type { CrashReport } from './types.js';
import { readExecMaps, translateAddr, translateByBase } from './translate.js';
import { chainFrames } from './foreign-frames.js';
import { signalName } from '../util/signals.js';


/** Frames of our own signal handler and the kernel's return trampoline, above the fault. */
const HANDLER = /OnFatal|__restore_rt/;

/** Cut the stack after the deepest DPDK entry the shell called (rte_eal_hotplug_add/rte_dev_probe). */
export function chainOf(frames: Frame[]): Frame[] {
  let cut = -1;
  frames.forEach((f, i) => { if (f.fn === 'rte_eal_hotplug_add' || f.fn === 'rte_dev_probe' || f.fn === 'rte_eal_hotplug_remove' || f.fn === 'rte_dev_remove') cut = i; });
  if (cut < 0) {
    // Not a probe: keep DPDK frames and the first frame of the shell that called them.
    const firstOutside = frames.findIndex((f, i) => i > 0 && (f.origin === 'node' || f.origin === 'other') && frames.slice(0, i).some((g) => g.origin === 'dpdk'));
    cut = firstOutside < 0 ? frames.length - 1 : firstOutside - 1;
  }
  // One frame of the shell below the cut shows who called DPDK (like the application in the seed notes).
  const end = frames[cut + 1]?.origin === 'shell' ? cut + 1 : cut;
  return frames.slice(0, end + 1).map((f, i) => ({ ...f, n: i }));
}

export async function symbolizeCrash(session: Session, crash: NonNullable<Death['crash']>): Promise<CrashReport> {
  const live = session.inferior;
  await live.ready;
  const liveMaps = readExecMaps(live.pid!);
  const addrs = crash.addrs.map((a) => BigInt(a));
  let via: CrashReport['via'] = 'none';
  const translated = addrs.map((a) => {
    if (crash.maps?.length) { via = 'maps'; return translateAddr(a, crash.maps, liveMaps); }
    const lb = live.readyInfo?.addonBase;
    if (crash.addonBase && lb) { via = 'addon-base'; return translateByBase(a, BigInt(crash.addonBase), BigInt(lb), liveMaps); }
    return null;
  });
  // Ask for both the exact pc and pc-1 of each frame: which one is right depends on where the
  // handler frames end (the faulting pc is exact; the frames below it are return addresses).
  const ask: string[] = [];
  translated.forEach((t) => { ask.push('0x' + (t ?? 0n).toString(16), '0x' + (t && t > 0n ? t - 1n : 0n).toString(16)); });
  const syms = await live.request('symbolize', { addrs: ask, returnAddresses: false, inlines: true });
  const exact = (i: number): Frame => syms[2 * i];
  const minus1 = (i: number): Frame => syms[2 * i + 1];
  let start = 0;
  for (let i = 0; i < addrs.length && i < 4; i++) if (translated[i] !== null && HANDLER.test(exact(i).fn ?? '')) start = i + 1;
  const unknown = (i: number): Frame => ({ n: i, addr: crash.addrs[i], fn: null, file: null, line: null, module: null, origin: 'other' });
  const all: Frame[] = [];
  const rest = translated.slice(start);
  if (rest.length && rest.every((t) => t !== null)) {
    // From the faulting pc on, the frames as bt symbolizes a chain (the first exact, the rest
    // return addresses): with the functions gcc inlined and the frames of tail calls, as gdb
    // shows them. Addresses are shown as the dead process had them.
    all.push(...await chainFrames(live, rest as bigint[], crash.addrs.slice(start)));
  } else for (let i = start; i < addrs.length; i++) {
    const f = translated[i] === null ? unknown(i) : i === start ? exact(i) : minus1(i);
    // functions gcc inlined at that address are frames of their own, as gdb shows them
    for (const g of f.inlineFrames ?? [f]) {
      const { inlineFrames: _, ...plain } = g;
      all.push({ ...plain, n: all.length, addr: crash.addrs[i] });
    }
  }
  const frames = chainOf(all);
  return {
    signo: crash.signo, signal: signalName(crash.signo), faultAddr: crash.faultAddr,
    top: all[0] ?? null, dpdkFrame: all.find((f) => f.origin === 'dpdk') ?? null,
    frames, allFrames: all, via,
  };
}
