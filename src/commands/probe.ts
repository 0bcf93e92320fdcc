// probe DEVARGS: hot-plug a vdev the way rte_eal_hotplug_add("vdev", name, args) does.
import { fixesForTarget } from '../target/gate.js';
import type { CommandSpec } from './types.js';
import { fail, ok } from './types.js';
import { checkKeys } from '../diagnose/keys.js';
import type { ProbeData } from '../results/devices.js';
import { preflight, type PreflightResult } from '../recovery/preflight.js';
import { probeWarnings } from '../diagnose/warnings.js';
import { diagnoseProbe } from '../diagnose/diagnose.js';

export const probe: CommandSpec = {
  path: ['probe'],
  aliases: [['port', 'attach']],
  section: 'Devices',
  attached: { needsEal: true },
  summary: 'hot-plug a virtual device (rte_eal_hotplug_add on the vdev bus)',
  details: `Accepts every form devargs are pasted in:
  probe net_pcap0,tx_pcap=out.pcap
  probe --vdev=net_tap0,iface=foo0        (EAL command line)
  probe dpdk-devargs=net_pcap0,rx_pcap=in.pcap   (Open vSwitch)
  probe rte_eal_hotplug_add("vdev", "virtio_user0", "tx_pcap=report.pcap")
The vdev bus gives the device to the driver whose name or alias prefixes the device name.
Risky input is first tried in a throwaway EAL; input that crashes or hangs it is refused with
the reason. --force probes anyway (the crash is then shown and the session restored).`,
  args: [{ name: 'DEVARGS', kind: 'devargs' }],
  options: [{ name: '--force', summary: 'probe even what crashes or hangs a throwaway EAL (the crash is shown, the session restored)' }],
  async run(ctx, { args, options }) {
    const devargs = args.word('DEVARGS')!;
    const force = options['--force'] === true;
    let pre: PreflightResult | undefined;
    if (!force) {
      pre = await preflight(ctx.session, devargs);
      if (pre.verdict === 'crash' || pre.verdict === 'hang') return refuse(devargs, pre);
    }
    // Likely to fail: warm a spare EAL now so diagnose can prove fixes without waiting for one.
    if (pre?.findings.some((f) => f.severity === 'error')) ctx.session.prewarm();
    const rec = await ctx.session.probe(devargs);
    // A malformed string and a bus other than vdev are one cause for diagnose: bus-wrong.
    if (rec.parseError) return fail('bus-wrong', rec.parseError.message, rec.parseError.hint, null, [], 'probe');
    const d = rec.devargs!;
    const drivers = ctx.session.driversNow() ?? await ctx.session.drivers();
    const info = drivers.find((x) => x.name === rec.driver) ?? null;
    const data: ProbeData = {
      probeId: rec.id, input: rec.input, form: d.form, name: d.name, args: d.args, ret: rec.ret,
      driver: rec.driver, alias: rec.alias, matched: rec.matched,
      ...(rec.port ? { port: rec.port.port, mac: rec.port.mac } : {}),
      acceptedKeys: info?.keys.map((k) => k.key) ?? [],
      keys: checkKeys(d, info, drivers),
      silentFailure: !!rec.silentFailure,
      ms: Math.round(rec.ms * 10) / 10,
    };
    if (pre && pre.verdict !== 'not-tried') data.preflight = pre;
    if (rec.closedTuns) data.closedTuns = rec.closedTuns;
    if (rec.ok) {
      const ports = (ctx.session.portsKnown() ?? await ctx.session.ports()).filter((p) => p.device === d.name);
      data.warnings = probeWarnings({ devargs: d, driver: info, drivers, ports, log: rec.log, others: ctx.session.attached.filter((x) => x !== ctx.session.attached[ctx.session.attached.length - 1]) });
      return ok('probe', data, rec.log);
    }
    // One classifier for a failed probe: the diagnosis (src/diagnose) names the cause, and its cause
    // is the error code ('no-rule' stays 'probe-failed').
    const found = await diagnoseProbe(ctx.session, rec).catch((e: Error) => e);
    if (found instanceof Error) return fail('probe-failed', `probe of ${d.name} failed (ret ${rec.ret})`, `no diagnosis: ${found.message}`, data, rec.log, 'probe');
    // Attached: no fix that pulls a started port from under the application (src/target/gate.ts).
    const { diag, note } = await fixesForTarget(ctx.session, ctx.commands.match, found);
    const log = note ? [...rec.log, { text: note }] : rec.log;
    data.diagnosis = diag;
    ctx.session.lastDiagnosis = diag;
    const code = diag.cause === 'no-rule' ? 'probe-failed' : diag.cause;
    const best = diag.fixes[0];
    const hint = !best ? undefined : best.commands.length === 1 && !best.host ? `${best.verified ? 'proved fix' : 'untested fix'}: ${best.commands[0]}`
      : `${best.verified ? "'fix 1' runs the proved fix" : 'fix 1 is not proved'}: ${best.commands.length} commands`;
    return fail(code, diag.summary, hint, data, log, 'probe');
  },
};

/** Pre-flight said this input crashes or hangs the EAL: refuse, with the real frame as the reason. */
function refuse(input: string, pre: PreflightResult): ReturnType<typeof fail> {
  if (pre.known) {
    return fail('would-crash', `refused: ${pre.known.message}`, `${pre.known.hint}; 'probe --force ${input.trim()}' sends it to the EAL anyway (the crash is shown and the session restored)`,
      { input: input.trim(), preflight: pre }, [], 'preflight');
  }
  const f = pre.verdict === 'crash' ? pre.crash?.dpdkFrame ?? pre.crash?.top : pre.hang?.dpdkFrame;
  const at = f ? ` in ${f.fn} (${f.file}:${f.line})` : '';
  const message = pre.verdict === 'crash'
    ? `refused: this input crashes the EAL (${pre.crash?.signal ?? 'fatal signal'}${at}; tried in a throwaway EAL)`
    : `refused: this input blocks the EAL${at}${pre.hang?.waitingIn ? ` in ${pre.hang.waitingIn}()` : ''}; it did not return in a throwaway EAL`;
  const why = pre.triggers.map((t) => t.why).join('; ');
  return fail(pre.verdict === 'crash' ? 'would-crash' : 'would-hang', message,
    `${why ? `suspect: ${why}. ` : ''}'probe --force ${input.trim()}' runs it anyway: the crash is shown and the session restored`,
    { input: input.trim(), preflight: pre }, [], 'preflight');
}
