// A stack its own process cannot name any more (it died) or cannot name now (it is blocked in a
// probe): its addresses, translated into a live inferior of the same binaries (translate.ts), are
// symbolized there as bt symbolizes a chain. One path for crash reports and hang samples, so both
// show the frames gdb shows on an optimized build: inlined functions and tail calls.
import type { Frame } from '../protocol/ops.js';
import type { Inferior } from '../session/inferior.js';

/**
 * live: an idle inferior of the same binaries; pcs: the stack in live's addresses, innermost first
 * (the first an exact pc, the rest return addresses); shown: the same addresses as the stuck or
 * dead process had them, which the frames keep. Frames renumbered from 0.
 */
export async function chainFrames(live: Inferior, pcs: bigint[], shown: string[]): Promise<Frame[]> {
  if (!pcs.length) return [];
  const hex = pcs.map((p) => '0x' + p.toString(16));
  const theirs = new Map(hex.map((h, k) => [h, shown[k]]));
  const frames = await live.request('symbolize', { addrs: hex, returnAddresses: true });
  return frames.map((f, n) => ({ ...f, n, addr: theirs.get(f.addr) ?? f.addr }));
}
