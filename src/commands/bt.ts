// bt [N|PROBE-ID]: the call chain at the moment DPDK entered the PMD's probe, for the last probe
// (or an earlier one), gdb-style. For a failed probe it also shows where DPDK logged the failure.
import type { CommandSpec } from './types.js';
import { fail, ok } from './types.js';
import type { ProbeRecord } from '../session/session.js';

export function pickProbe(probes: ProbeRecord[], ref: string | undefined): ProbeRecord | string {
  const real = probes.filter((p) => p.devargs);
  if (real.length === 0) return "no probe yet: 'probe DEVARGS' records one";
  if (ref === undefined) return real[real.length - 1];
  if (!/^\d+$/.test(ref)) return `"${ref}" is not a probe id; 'info probes' lists them`;
  const rec = real.find((p) => p.id === Number(ref));
  return rec ?? `no probe #${ref}; probes are #${real[0].id}..#${real[real.length - 1].id}`;
}

export const bt: CommandSpec = {
  path: ['bt'],
  aliases: [['backtrace'], ['where']],
  section: 'Trace',
  usage: 'bt [PROBE-ID] [full]',
  summary: "the call chain into the PMD's probe function for the last (or a given) probe",
  details: 'Frames come from the stack recorded when the vdev bus called the driver probe, symbolized\nwith the DWARF of the DPDK build. `info probes` lists the probe ids.',
  async run(ctx, argv) {
    const full = argv.includes('full');
    const rec = pickProbe(ctx.session.probes, argv.find((a) => a !== 'full'));
    if (typeof rec === 'string') return fail('no-probe', rec);
    // A probe that crashed the inferior: the crash frames (src/recovery) instead of the probe chain.
    if (rec.crash) return ok('crash-bt', { probeId: rec.id, input: rec.input, devargs: rec.devargs?.text ?? null, full, crash: rec.crash });
    if (!rec.probeEntered) {
      const why = rec.driver ? `${rec.driver}'s probe was never called (DPDK stopped earlier)` : `no driver claimed "${rec.devargs!.name}", so no PMD probe ran`;
      return fail('no-chain', `probe #${rec.id} has no call chain: ${why}`, 'the DPDK lines of that probe say where it stopped', { probeId: rec.id, log: rec.log }, rec.log, 'bt');
    }
    const failure = !rec.ok ? rec.log.find((l) => l.emitter && l.emitter.fn === rec.frames[0]?.fn) ?? rec.log.find((l) => l.emitter?.origin === 'dpdk') : undefined;
    return ok('bt', {
      probeId: rec.id, input: rec.input, ok: rec.ok, full,
      devargs: rec.devargs?.text ?? null,
      frames: rec.frames,
      failurePoint: failure ? { text: failure.text, frame: failure.emitter } : null,
    });
  },
};
