// attach PID | attach --file-prefix PREFIX (gdb's `attach`): the session's target becomes a
// running DPDK application, joined as a DPDK secondary process of the same build. --telemetry
// shows the application read-only through its telemetry socket instead (any DPDK version).
import type { CommandSpec } from './types.js';
import { fail, ok } from './types.js';
import { findByPrefix, inspectPid, isFindError, listPrimaries, optionValue, type AppInfo } from '../target/app.js';
import { attachApp, attachTelemetry } from '../session/target-attach.js';
import type { Session } from '../session/session.js';
import { targetLabel } from '../session/target.js';
import type { AttachData } from '../results/attach.js';

export const attach: CommandSpec = {
  path: ['attach'],
  section: 'Inferior',
  untimed: true,
  summary: 'attach to a running DPDK application (as gdb -p): its ports, stats, ops, and probes into it',
  details: `The shell joins the application as a DPDK secondary process (--proc-type=secondary
--file-prefix=PREFIX) of the same DPDK build; the shell's own EAL waits until 'detach'.
Attached, show port ..., mac, ops, info eal act on the application's ports, and probe and
port detach hot-plug into it (DPDK's multi-process hotplug: the application probes, the shell
follows). tx, rx, fwd, capture and port start/stop are refused unless --force: they would take
or change the application's packets. A failed probe is diagnosed in a scratch EAL of the shell.
The prefix comes from the application's open runtime files or its --file-prefix.`,
  // Tab: the pids of the DPDK primaries running now (--file-prefix completes their prefixes).
  args: [{ name: 'PID', kind: 'pid', or: '--file-prefix', choices: () => listPrimaries().map((a) => String(a.pid)) }],
  options: [
    { name: '--file-prefix', value: 'PREFIX', summary: 'the application by its --file-prefix (its runtime directory) instead of its pid', choices: () => listPrimaries().map((a) => a.prefix) },
    { name: '--telemetry', summary: 'a read-only view through its telemetry socket (any DPDK version); nothing joins it' },
    { name: '--force', summary: 'join although its DPDK build looks different (DPDK still checks the version itself)', excludes: ['--telemetry'] },
  ],
  async run(ctx, { options, args }) {
    const pid = args.word('PID');
    const o: { pid?: number; prefix?: string; telemetry: boolean; force: boolean } = { ...(pid !== undefined ? { pid: Number(pid) } : { prefix: options['--file-prefix'] as string }), telemetry: options['--telemetry'] === true, force: options['--force'] === true };
    const cur = ctx.session.target;
    if (cur) return fail('already-attached', `already attached to pid ${cur.app.pid} (${targetLabel(cur)})`, "'detach' first");
    let found = o.pid !== undefined ? inspectPid(o.pid) : findByPrefix(o.prefix!);
    if (isFindError(found)) return fail(found.code, found.message, found.hint, null, [], 'attach');
    // The pid of a secondary process: the application is its primary (same prefix).
    if (optionValue(found.ealArgs, '--proc-type') === 'secondary') {
      const primary = findByPrefix(found.prefix);
      if (isFindError(primary)) return fail(primary.code, `pid ${found.pid} is a secondary process of prefix ${found.prefix}, and ${primary.message}`, primary.hint, null, [], 'attach');
      found = primary;
    }
    if (found.pid === process.pid || found.pid === ctx.session.inferior.pid) {
      return fail('usage', `pid ${found.pid} is vdev-shell itself`, 'give the pid of a DPDK application');
    }
    if (o.telemetry) {
      const t = attachTelemetry(ctx.session, found);
      if ('code' in t) return fail(t.code, t.message, t.hint, null, [], 'attach');
      return ok('attach', await summary(ctx.session, found, 'telemetry', null, 0, []));
    }
    const r = await attachApp(ctx.session, found, { force: o.force });
    if ('code' in r) {
      return fail(r.code, r.message, r.hint, { pid: found.pid, prefix: found.prefix, exe: found.exe, ...(r.builds ? { builds: r.builds } : {}), telemetry: found.telemetry }, r.log, 'attach');
    }
    // The secondary's own start-up lines are DPDK's routine; what the shell had to retry is said.
    return ok('attach', await summary(ctx.session, found, 'app', ctx.session.inferior.pid ?? null, r.ms, r.unseen), r.log.filter((l) => l.text.startsWith('vdev-shell: ')));
  },
};

async function summary(session: Session, app: AppInfo, kind: 'app' | 'telemetry', secondaryPid: number | null, ms: number, unseen: AttachData['unseen']): Promise<AttachData> {
  const ports = await session.ports();
  return {
    kind, pid: app.pid, prefix: app.prefix, exe: app.exe, label: targetLabel(session.target), version: session.target?.version ?? null,
    ealArgs: app.ealArgs, ports: ports.map((p) => ({ port: p.port, name: p.name, driver: p.driver, mac: p.mac, started: p.started })),
    unseen, secondaryPid, ms: Math.round(ms * 10) / 10,
  };
}
