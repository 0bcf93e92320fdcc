// Shapes a recorded probe stack into what gdb's `bt` shows at a breakpoint on the PMD's probe:
// the PMD probe function as #0 (the trampoline that recorded the stack stood in its place),
// DPDK's frames down to rte_eal_hotplug_add (or rte_eal_init, for a --vdev probed at start-up),
// then the shell's own frame, marked as such.
// Node/V8 frames below that say nothing to a DPDK developer and are cut. Pure.
import type { Frame } from '../protocol/ops.js';

export function shapeProbeChain(raw: Frame[], pmdProbe: Frame | null): Frame[] {
  if (raw.length === 0) return [];
  const rest = raw.slice(1); // raw[0] is the trampoline
  const hot = rest.findIndex((f) => f.fn === 'rte_eal_hotplug_add' || f.fn === 'rte_eal_init');
  const end = hot >= 0 ? Math.min(rest.length, hot + 2) : rest.length;
  const chain = [...(pmdProbe ? [pmdProbe] : []), ...rest.slice(0, end)];
  return chain.map((f, n) => ({ ...f, n }));
}
