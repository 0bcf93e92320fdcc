#!/usr/bin/env node
// Diagnosis accuracy and time per diagnosis, on the corpus (tests/diagnose/corpus.json) against
// the real EAL. For each case: probe it in a session (as the user would), then time
// diagnoseProbe(): rules + the proof of fixes in a scratch EAL. The spare EAL is warm before
// each timed diagnosis (as after a person's typing pause); cases needing dropped privileges are
// left to the tests. accuracy = right cause and, where one exists, a proved fix.
// coverage = error log sites reachable from the vdev probes and the EAL hotplug path (read from
// the selected DPDK source by src/diagnose/sites.ts) with a rule that reads their line AND a
// corpus case (corpus.json or sites-corpus.json) whose real EAL run printed it / all such sites;
// coverageTriggerable counts only the sites a devargs string or host state can reach.
// Standalone: node scripts/bench/diagnose.mjs  (prints JSON).
import { execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { dist, isMain, root, tempDir } from './lib.mjs';

export const order = 60;
const IF = 'vdshd0', IFDOWN = 'vdshd1';

export default async function benchDiagnose({ log = () => {}, withRows = false } = {}) {
  const { Session } = await dist('session/session.js');
  const { diagnoseProbe } = await dist('diagnose/diagnose.js');
  const { checkDevargs } = await dist('diagnose/check.js');
  const { errorSites, siteCoverage } = await dist('diagnose/sites.js');
  const { READS } = await dist('diagnose/rules/index.js');
  await dist('diagnose/warnings.js'); // registers the lines the probe warnings read
  const { dpdkBuild } = await dist('util/paths.js');
  const seenLines = [];
  const corpus = JSON.parse(fs.readFileSync(path.join(root, 'tests/diagnose/corpus.json'), 'utf8')).cases;
  const sites = JSON.parse(fs.readFileSync(path.join(root, 'tests/diagnose/sites-corpus.json'), 'utf8')).cases;
  const tmp = tempDir('diag');
  fs.writeFileSync(path.join(tmp, 'good.pcap'), Buffer.from('d4c3b2a1020004000000000000000000ffff000001000000', 'hex'));
  fs.writeFileSync(path.join(tmp, 'notpcap.txt'), 'hello\n');
  fs.mkdirSync(path.join(tmp, 'dir'), { recursive: true });
  const made = [];
  const links = () => fs.readdirSync('/sys/class/net');
  let haveIf = true;
  try {
    for (const n of [IF, IFDOWN]) if (!links().includes(n)) { execFileSync('ip', ['link', 'add', n, 'type', 'ifb'], { stdio: 'ignore' }); made.push(n); }
    execFileSync('ip', ['link', 'set', IF, 'up'], { stdio: 'ignore' });
    execFileSync('ip', ['link', 'set', IFDOWN, 'down'], { stdio: 'ignore' });
  } catch { haveIf = false; }
  const sub = (s) => s.replaceAll('TMP', tmp).replaceAll('=IFDOWN', `=${IFDOWN}`).replaceAll('=IFMISS', '=vdshd9').replaceAll('=IFNEW', '=vdshdn').replaceAll('=IF', `=${IF}`);
  const cwd = process.cwd();
  process.chdir(tmp); // relative capture names in fixes resolve here
  const session = new Session();
  const rows = [];
  try {
    await session.ready();
    await session.drivers();
    const warm = async () => { session.prewarm(); await session.spare?.ready; };
    // (an input probe refuses as would-crash never reaches the EAL there; driven directly it would kill this session)
    const cases = corpus.filter((c) => c.group !== 'permission' && !(Array.isArray(c.cause) ? c.cause : [c.cause]).includes('would-crash') && (haveIf || !/=IF/.test(c.devargs)));
    // The site corpus (one input per triggerable error site): probed for the lines it prints, not
    // timed, in a session of its own: a probe that fails can leave its name on the vdev bus (22.11's
    // net_null returns 0 without a port for copy=1,no-rx=1), which the corpus would meet as name-in-use.
    // (group vhost: net_vhost serves TMP/vb.sock in this EAL first; foreign-socket: a server that is not vhost-user; nocaps and port-limit are left to the test / below)
    const siteSession = new Session();
    let foreign = null;
    try {
      await siteSession.ready();
      for (const c of sites.filter((x) => x.group !== 'nocaps' && x.group !== 'port-limit' && (haveIf || !/=IF/.test(x.devargs)))) {
        if (c.group === 'foreign-socket' && !foreign) {
          // A unix socket whose server is not vhost-user: accepts and closes.
          foreign = spawn(process.execPath, ['-e', `require('net').createServer((s) => s.once('data', () => s.destroy())).listen(${JSON.stringify(path.join(tmp, 'other.sock'))})`], { stdio: 'ignore' });
          for (let i = 0; i < 100 && !fs.existsSync(path.join(tmp, 'other.sock')); i++) await new Promise((r) => setTimeout(r, 50));
        }
        if (c.group === 'vhost' && !(await siteSession.findPort('net_vhost9'))) {
          const v = await siteSession.probe(`net_vhost9,iface=${tmp}/vb.sock`);
          if (v.port) await siteSession.inferior.request('portStart', { port: v.port.port });
        }
        const rec = await siteSession.probe(sub(c.devargs));
        seenLines.push(...rec.log);
        if (rec.ok && rec.port) await siteSession.detach(rec.port);
      }
    } finally { foreign?.kill(); await siteSession.close(); }
    // port-limit last: it fills the session
    cases.sort((a, b) => (a.group === 'port-limit') - (b.group === 'port-limit'));
    for (const c of cases) {
      const input = sub(c.devargs);
      if (c.group === 'name-in-use') await session.probe(input);
      if (c.group === 'port-limit') for (let i = 0; session.attached.length < 32 && i < 64; i++) await session.probe(`net_null${100 + i}`);
      const tc = performance.now();
      const chk = await checkDevargs(session, input);
      const checkMs = performance.now() - tc;
      const rec = await session.probe(input);
      seenLines.push(...rec.log);
      await warm();
      const t0 = performance.now();
      const d = await diagnoseProbe(session, rec);
      const ms = performance.now() - t0;
      const proved = d.fixes.find((f) => f.verified);
      const right = [c.cause].flat().includes(d.cause) && (!c.fix || !!proved); // a case with two faults lists both causes
      rows.push({ devargs: c.devargs, expected: c.cause, cause: d.cause, right, fixExpected: c.fix, proved: proved?.commands ?? null, ms: Math.round(ms * 10) / 10, checkMs: Math.round(checkMs * 10) / 10, checkOk: chk.ok });
      log(`${right ? 'ok ' : 'BAD'} ${String(Math.round(ms)).padStart(5)} ms  ${c.devargs} -> ${d.cause}${proved ? `  [${proved.commands.join(" | ")}]` : ''}`);
      if (c.group === 'name-in-use') { const p = await session.findPort(input); if (p) await session.detach(p); }
    }
    // Site cases that need every port taken (the session is full after the port-limit case).
    for (const c of sites.filter((x) => x.group === 'port-limit')) {
      for (let i = 0; session.attached.length < 32 && i < 64; i++) await session.probe(`net_null${100 + i}`);
      seenLines.push(...(await session.probe(sub(c.devargs))).log);
    }
  } finally {
    await session.close();
    process.chdir(cwd);
    for (const n of made) { try { execFileSync('ip', ['link', 'del', n], { stdio: 'ignore' }); } catch { /* gone */ } }
  }
  const scan = errorSites(dpdkBuild().src);
  const logSites = scan.sites.filter((s) => s.kind === 'log');
  const cov = siteCoverage(logSites, [...READS.values()], seenLines);
  const both = cov.filter((c) => c.rule && c.triggeredBy);
  // Sites no devargs string or host state reaches (sites.ts says why) are counted apart.
  const reachable = cov.filter((c) => !c.site.untriggerable);
  const reachableBoth = reachable.filter((c) => c.rule && c.triggeredBy);
  const returns = scan.sites.filter((s) => s.kind === 'return');
  const times = rows.map((r) => r.ms).sort((a, b) => a - b);
  const p = (q) => times[Math.min(times.length - 1, Math.floor(q * times.length))];
  const withFix = rows.filter((r) => r.fixExpected);
  const noBackend = rows.filter((r) => !/virtio_user/.test(r.devargs)).map((r) => r.ms).sort((a, b) => a - b);
  return {
    accuracy: rows.filter((r) => r.right).length / rows.length,
    coverage: Math.round(both.length / (logSites.length || 1) * 1000) / 1000,
    /** Triggerable sites with a rule and a triggering case / triggerable sites. */
    coverageTriggerable: Math.round(reachableBoth.length / (reachable.length || 1) * 1000) / 1000,
    sites: { log: logSites.length, triggerable: reachable.length, untriggerable: logSites.length - reachable.length, triggerableCovered: reachableBoth.length,
      triggerableMissing: reachable.filter((c) => !(c.rule && c.triggeredBy)).map((c) => `${c.site.fn} ${c.site.file}:${c.site.line} ${c.site.format}`),
      withRule: cov.filter((c) => c.rule).length, followOn: cov.filter((c) => c.rule === 'followOn').length, triggered: cov.filter((c) => c.triggeredBy).length, ruleAndTest: both.length,
      returns: returns.length, silentReturns: returns.filter((r) => !r.logged).length, functions: scan.functions, source: dpdkBuild().version },
    ...(withRows ? { siteRows: cov.map((c) => ({ at: `${c.site.file}:${c.site.line}`, fn: c.site.fn, format: c.site.format, rule: c.rule, triggeredBy: c.triggeredBy, untriggerable: c.site.untriggerable ?? null })) } : {}),
    cases: rows.length,
    verifiedFixRate: withFix.filter((r) => r.proved).length / (withFix.length || 1),
    meanMs: Math.round(times.reduce((a, b) => a + b, 0) / times.length * 10) / 10,
    p95Ms: p(0.95),
    medianMs: p(0.5),
    maxMs: times[times.length - 1],
    /** Without the virtio_user cases, whose proof runs a vhost-user handshake. */
    p95MsWithoutVhost: noBackend[Math.min(noBackend.length - 1, Math.floor(0.95 * noBackend.length))],
    checkMeanMs: Math.round(rows.reduce((a, r) => a + r.checkMs, 0) / rows.length * 10) / 10,
    checkP95Ms: [...rows.map((r) => r.checkMs)].sort((a, b) => a - b)[Math.min(rows.length - 1, Math.floor(0.95 * rows.length))],
    wrong: rows.filter((r) => !r.right).map((r) => `${r.devargs}: ${r.cause} (expected ${r.expected})`),
    ...(withRows ? { rows } : {}),
  };
}

export function rows(r) {
  return [
    ['diagnosis incl. a fix proved in a scratch EAL', `mean ${r.meanMs.toFixed(0)} ms, p95 ${r.p95Ms.toFixed(0)} ms, ${Math.round(r.accuracy * r.cases)}/${r.cases} right`, '', '', ''],
    ['`check` (static)', `mean ${r.checkMeanMs.toFixed(1)} ms`, '', '', ''],
    // Results written before the coverage figure existed have no sites.
    ...(r.sites ? [['DPDK error log sites: a rule and a corpus case that prints it', `${r.sites.ruleAndTest}/${r.sites.log} (${r.sites.withRule} with a rule)`, '', '', '']] : []),
    ...(r.sites?.triggerable ? [['… of the sites a devargs string or host state can reach', `${r.sites.triggerableCovered}/${r.sites.triggerable} (${r.sites.untriggerable} not reachable, reasons in sites.ts)`, '', '', '']] : []),
  ];
}

if (isMain(import.meta.url)) {
  console.log(JSON.stringify(await benchDiagnose({ log: (l) => process.stderr.write(l + '\n') }), null, 2));
}
