// bt [N|#N|-N|DEVICE] [full]: the call chain at the moment DPDK entered the PMD's probe, for the
// last probe (or an earlier one), gdb-style with argument values; `full` adds each frame's locals.
// For a failed probe it also shows where DPDK logged the failure.
import type { CommandSpec } from './types.js';
import { fail, ok } from './types.js';
import { pickProbe, selectProbe } from '../trace/state.js';

export { pickProbe };

export const bt: CommandSpec = {
  path: ['bt'],
  aliases: [['backtrace'], ['where']],
  section: 'Trace',
  summary: "the call chain into the PMD's probe function for the last (or a given) probe",
  details: [
    'Frames come from the stack recorded when the vdev bus called the driver probe, symbolized with',
    'the DWARF of the DPDK build; argument values are the ones on the stack at that moment, printed',
    "as gdb prints them. `full` adds every frame's locals (the probe's own are not set yet at entry).",
    'Which probe: none = the last, N or #N = probe id (`info probes`), -1 = the one before the',
    'last, DEVICE = the last probe of that device name. bt selects that chain for `frame` and `list`.',
    "The shell's trampoline (vdev::trampoline_probe, which records the chain and then calls the PMD",
    "probe) is on the real stack between the PMD probe and vdev_probe_all_drivers; gdb shows it,",
    'bt hides it: frame #0 is the PMD probe where `break PMD_PROBE` stops, #1 its DPDK caller.',
  ].join('\n'),
  args: [{ name: 'WHICH', kind: 'word', optional: true, forms: ['N', '#N', '-N', 'DEVICE'], summary: 'N or #N (a probe id of info probes), -N (N probes before the last), or a device name' }],
  keys: [{ name: 'full', summary: "each frame's locals too" }],
  async run(ctx, { args }) {
    const full = args.flag('full');
    const rec = pickProbe(await ctx.session.history(), args.word('WHICH'));
    if (typeof rec === 'string') return fail('no-probe', rec);
    // A probe that crashed the inferior: the crash frames (src/recovery) instead of the probe chain.
    if (rec.crash) return ok('crash-bt', { probeId: rec.id, input: rec.input, devargs: rec.devargs?.text ?? null, full, crash: rec.crash });
    if (!rec.probeEntered) {
      const why = rec.driver ? `${rec.driver}'s probe was never called (DPDK stopped earlier)` : `no driver claimed "${rec.devargs!.name}", so no PMD probe ran`;
      return fail('no-chain', `probe #${rec.id} has no call chain: ${why}`, 'the DPDK lines of that probe say where it stopped', { probeId: rec.id, log: rec.log }, rec.log, 'bt');
    }
    await ctx.session.chainOf(rec);
    if (rec.chainLost) return fail('no-chain', `probe #${rec.id}'s call chain is no longer available: ${rec.chainLost}`, 'probe it again to record a new one', { probeId: rec.id }, rec.log, 'bt');
    selectProbe(ctx.session, rec);
    const failure = !rec.ok ? rec.log.find((l) => l.emitter && l.emitter.fn === rec.frames[0]?.fn) ?? rec.log.find((l) => l.emitter?.origin === 'dpdk') : undefined;
    return ok('bt', {
      probeId: rec.id, input: rec.input, ok: rec.ok, full,
      devargs: rec.devargs?.text ?? null,
      frames: rec.frames,
      failurePoint: failure ? { text: failure.text, frame: failure.emitter } : null,
    });
  },
};
