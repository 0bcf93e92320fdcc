// Rules that read one failed probe (DPDK's lines and who logged them, the return code, the
// claiming driver's declared keys, host facts) and name the cause, with candidate fixes to prove.
// A failure no rule recognises is "no-rule": the evidence is shown, the cause is not guessed.
import path from 'node:path';
import type { DriverInfo } from '../session/drivers.js';
import type { Frame, LogLine, RawPort } from '../protocol/ops.js';
import { distance, nearest } from '../util/nearest.js';
import { charDeviceName, dirEntries, IFNAMSIZ, isPcapFile, isTunTap, likelyIface, listeningSockets, pathFacts } from './host.js';
import { capNeeded, keyRole } from './roles.js';
import { driverSource } from '../recovery/driver-source.js';
import type { Attempt, Candidate, Cause } from './types.js';
import { addKey, dropKey, freeName, renameTo, setKey, setValue } from './edit.js';

export interface RuleCtx {
  a: Attempt;
  drivers: DriverInfo[];
  /** Ports of the user's session (name clashes and the port limit are judged there). */
  ports: RawPort[];
  maxPorts: number;
  ifaces: string[];
  caps: { netAdmin: boolean; netRaw: boolean } | null;
  inferiorDown: boolean;
}

export interface Finding {
  cause: Cause;
  summary: string;
  key?: string;
  value?: string | null;
  site?: Frame;
  facts: string[];
  explain: string[];
  candidates: Candidate[];
}

const EAL_FILE = /^lib\/eal\//;
/** From DPDK 24.11 every line starts with its log type ("ETH_PCAP: ", "VIRTIO_INIT: "); 22.11 only "EAL: ". */
const TYPE_PREFIX = /^([A-Z][A-Z0-9_]*): /;
/** The driver's own lines: everything not logged by the EAL's generic hotplug code. */
export const ownLines = (log: LogLine[]): LogLine[] => log.filter((l) => !(l.emitter?.file && EAL_FILE.test(l.emitter.file)) && TYPE_PREFIX.exec(l.text)?.[1] !== 'EAL');
/** The same lines with the log type prefix taken off, so one pattern reads every DPDK version; EAL lines keep theirs. */
export const normalizeLog = (log: LogLine[]): LogLine[] => log.map((l) => {
  const m = TYPE_PREFIX.exec(l.text);
  return m && m[1] !== 'EAL' ? { ...l, text: l.text.slice(m[0].length) } : l;
});

function find(log: LogLine[], re: RegExp): { line: LogLine; m: RegExpExecArray } | null {
  for (const line of log) { const m = re.exec(line.text); if (m) return { line, m }; }
  return null;
}

const site = (l: LogLine | undefined): Frame | undefined => l?.emitter ?? undefined;
const claimText = (c: RuleCtx): string => {
  const a = c.a;
  if (!a.driver) return '';
  const m = a.matched;
  return m ? `the vdev bus gave "${a.devargs!.name}" to ${a.driver.name} because the name starts with its ${m.via} "${m.matched}"` : `${a.driver.name} claimed "${a.devargs!.name}"`;
};
const kvText = (d: DriverInfo): string => d.keys.map((k) => `${k.key}=${k.syntax}`).join(' ') || '(no keys)';
const taken = (c: RuleCtx): Set<string> => new Set(c.ports.flatMap((p) => [p.name, p.device ?? p.name]));
const plain = (c: RuleCtx): string => c.a.devargs!.text;

type Rule = (c: RuleCtx) => Finding | null;

const parseRule: Rule = (c) => {
  const e = c.a.parseError;
  if (!e) return null;
  return {
    cause: 'bus-wrong', summary: e.message, facts: [`the devargs parser said: ${e.code}`], candidates: [],
    explain: ['vdev-shell hot-plugs on the vdev bus: rte_eal_hotplug_add("vdev", NAME, ARGS). A bus prefix other than vdev:,', 'a PCI address or text that is not NAME[,KEY=VALUE...] never reaches a driver.', e.hint],
  };
};

const downRule: Rule = (c) => {
  const a = c.a;
  if (a.died && a.devargs) {
    // The probe itself killed (or blocked) the EAL: find the key responsible by ablation in a fresh scratch EAL.
    const hung = !!a.death?.hung;
    const d = a.devargs;
    return {
      cause: hung ? 'hang' : 'crash',
      summary: hung ? `the probe of "${d.name}" did not return: the driver waits forever (${a.death?.how ?? 'blocked'})`
        : `DPDK died inside the probe of "${d.name}" (${a.death?.how ?? 'the EAL process ended'})`,
      facts: [claimText(c), ...(a.death?.lines.length ? [`last DPDK lines: ${a.death.lines.slice(-3).join(' | ')}`] : []),
        c.inferiorDown ? "the session's EAL is gone: 'run' starts a new one" : 'the EAL that died was a throwaway one; the session is untouched'],
      explain: ['A PMD bug or a blocking call inside rte_dev_probe takes the whole EAL process with it; the shell keeps the EAL in a', "child process so it survives. 'bt' after a crash shows the frames; dropping one key at a time in a scratch EAL finds the culprit."],
      candidates: d.kv.map((kv) => ({ devargs: dropKey(d, kv.key), why: `without ${kv.value === null ? kv.key : `${kv.key}=${kv.value}`}`, probeOnly: { key: kv.key }, ...(c.inferiorDown ? { before: ['run'] } : {}) })),
    };
  }
  if (!c.inferiorDown) return null;
  return {
    cause: 'inferior-down', summary: 'the EAL is not running, so nothing can be probed',
    facts: ['the inferior process is not running'],
    explain: ['The EAL lives in a child process (the inferior). When it dies, every port and probe of it is gone;', "'run' starts a fresh EAL with the same arguments (and 'info inferior' says how it ended)."],
    candidates: a.devargs ? [{ devargs: plain(c), before: ['run'], why: 'start the EAL again, then probe' }] : [],
  };
};

const driverUnknownRule: Rule = (c) => {
  const a = c.a;
  if (a.driver) return null;
  const d = a.devargs!;
  const bus = /^(\w+):/.exec(d.name) ?? /^(?:[0-9a-f]{4}:)?[0-9a-f]{2}:[0-9a-f]{2}\.[0-7]$/i.exec(d.name);
  if (bus) {
    return {
      cause: 'bus-wrong', summary: `"${d.name}" names ${bus[1] ? `bus "${bus[1]}"` : 'a PCI address'}, not a virtual device`, site: site(find(a.log, /failed to parse device/)?.line),
      facts: [`return code ${a.ret}`, 'the EAL looked for it on the vdev bus'], candidates: [],
      explain: ['vdev-shell hot-plugs on the vdev bus only: rte_eal_hotplug_add("vdev", NAME, ARGS) with a vdev NAME such as net_pcap0.'],
    };
  }
  const names = c.drivers.flatMap((x) => [x.name, ...(x.alias ? [x.alias] : [])]);
  const stem = d.name.replace(/[_-]?\d+$/, '');
  const near = nearest(stem, names, 3);
  const used = new Set<string>();
  const cands: Candidate[] = [];
  // Drivers that declare the keys given are the likeliest owners; then names close to the one typed.
  const owners = c.drivers.filter((x) => d.kv.length && d.kv.every((kv) => x.keys.some((k) => k.key === kv.key)));
  for (const o of owners) { used.add(o.name); cands.push({ devargs: renameTo(d, o.name, taken(c)), why: `${o.name} declares ${d.kv.map((k) => k.key).join(', ')}` }); }
  for (const n of near) {
    const drv = c.drivers.find((x) => x.name === n || x.alias === n)!;
    if (used.has(drv.name)) continue;
    used.add(drv.name);
    cands.push({ devargs: renameTo(d, n, taken(c)), why: `"${n}" is the ${drv.name === n ? 'driver name' : `alias of ${drv.name}`} closest to "${stem}"` });
  }
  const line = find(a.log, /failed to parse device/);
  return {
    cause: 'driver-unknown', site: site(line?.line),
    summary: `no vdev driver claims "${d.name}"` + (near.length ? `; did you mean ${near.join(', ')}?` : ''),
    facts: [`return code ${a.ret} (rte_devargs_parse found no driver)`, `driver names and aliases in this build: ${names.join(' ')}`],
    explain: ['The vdev bus picks a driver by NAME PREFIX: the device name must start with a registered driver name or alias', '(case-sensitive), e.g. net_pcap0 or eth_pcap0 for net_pcap. Nothing else in the name matters to it.'],
    candidates: cands,
  };
};

const nameInUseRule: Rule = (c) => {
  const a = c.a;
  // ret 0 and no port is name-in-use only when the name was on the bus before (a driver can also
  // return 0 without creating a port: net_vhost queues=99999 in 22.11).
  if (!a.silentFailure || a.alreadyOnBus === false) return null;
  const d = a.devargs!;
  const holder = c.ports.find((p) => p.device === d.name || p.name === d.name);
  const fresh = freeName(d.name, taken(c));
  return {
    cause: 'name-in-use',
    summary: holder ? `"${d.name}" is already attached as port ${holder.port}; DPDK returned 0 and attached nothing`
      : `"${d.name}" is already probed on the vdev bus (its port may have been closed); DPDK returned 0 and attached nothing`,
    site: site(find(a.log, /Failed to attach device/)?.line),
    facts: [holder ? `port ${holder.port} holds device ${d.name}${holder.devargs ? ` (args "${holder.devargs}")` : ''}` : 'no port holds that name, but the device is still on the vdev bus', 'return code 0, no new port'],
    explain: ['rte_dev_probe finds the name already on the vdev bus, logs "Failed to attach device on primary process" and', 'returns 0 in DPDK 22.11: the new arguments are dropped. Detach the old device first or choose another name.'],
    candidates: [
      { devargs: renameTo(d, fresh, taken(c), true), why: `${fresh} is not in use` },
      ...(holder ? [{ devargs: plain(c), before: [`port detach ${holder.port}`], why: `frees ${d.name}, then probes it again` }] : []),
    ],
  };
};

const portLimitRule: Rule = (c) => {
  const a = c.a;
  const line = find(a.log, /Reached maximum number of Ethernet ports/);
  if (!line && !(a.ret === -12 && c.ports.length >= c.maxPorts)) return null;
  const last = [...c.ports].sort((x, y) => y.port - x.port)[0];
  return {
    cause: 'port-limit', site: site(line?.line),
    summary: `all ${c.maxPorts} ethdev ports are in use (RTE_MAX_ETHPORTS = ${c.maxPorts})`,
    facts: [`ports in use: ${c.ports.map((p) => `${p.port}:${p.name}`).join(' ') || '(none listed)'}`, `return code ${a.ret}`],
    explain: ['Every ethdev takes a slot in rte_eth_devices[RTE_MAX_ETHPORTS], fixed when DPDK is built (32 here).', 'A full table makes rte_eth_dev_allocate fail before the driver can finish its probe.'],
    candidates: last ? [{ devargs: plain(c), before: [`port detach ${last.port}`], why: `frees port ${last.port} (${last.name})` }] : [],
  };
};

const keyRule: Rule = (c) => {
  const a = c.a;
  const d = a.devargs!, drv = a.driver!;
  // An undeclared key the driver's own parser takes (net_tap's persist) is not why it failed.
  const parserTakes = driverSource(drv.name)?.validKeys;
  const bad = d.kv.filter((kv) => !drv.keys.some((k) => k.key === kv.key) && !parserTakes?.has(kv.key));
  if (!bad.length) return null;
  const k = bad[0];
  const owners = c.drivers.filter((x) => x !== drv && x.keys.some((s) => s.key === k.key));
  const parsing = find(a.log, /error when parsing param|kvargs/i) ?? undefined;
  const base = {
    key: k.key, value: k.value, site: site(parsing?.line ?? ownLines(a.log)[0] ?? a.log[0]),
    facts: [claimText(c), `${drv.name} declares: ${kvText(drv)}`],
  };
  const teach = `${drv.name}'s probe hands its args to rte_kvargs_parse(), which only knows ${drv.keys.map((x) => x.key).join(', ') || 'no keys'}; one unknown key makes the whole string fail (-1), and many drivers log nothing about it.`;
  if (owners.length) {
    const cands: Candidate[] = owners.map((o) => ({
      devargs: renameTo(d, o.name, taken(c), false, o), why: `${o.name} declares ${k.key}; a name starting with "${o.name}" makes the vdev bus give the device to it`,
    }));
    cands.push({ devargs: dropKey(d, k.key), why: `keeps ${drv.name} and drops the key it does not know`, changesIntent: `drops ${k.key}` });
    return {
      ...base, cause: 'key-wrong-driver', candidates: cands,
      summary: `"${k.key}" is a key of ${owners.map((o) => o.name).join(', ')}, but ${drv.name} claimed "${d.name}"`,
      facts: [...base.facts, `${k.key} is declared by ${owners.map((o) => `${o.name} (${o.keys.find((s) => s.key === k.key)!.syntax})`).join(', ')}`],
      explain: [`${claimText(c)}.`, teach, `The key belongs to ${owners[0].name}: name the device after that driver (or its alias ${owners[0].alias ?? '-'}).`],
    };
  }
  const near = nearest(k.key, drv.keys.map((s) => s.key), 3);
  return {
    ...base, cause: 'key-unknown',
    summary: `${drv.name} has no key "${k.key}"` + (near.length ? `; did you mean ${near.join(', ')}?` : ''),
    candidates: [
      ...near.map((n) => ({ devargs: setKey(d, k.key, n), why: `"${n}" is the declared key closest to "${k.key}"` })),
      { devargs: dropKey(d, k.key), why: 'drops the unknown key', changesIntent: `drops ${k.key}` },
    ],
    explain: [`${claimText(c)}.`, teach, 'No driver in this build declares that key.'],
  };
};

/** virtio_user: "arg path is mandatory"; pcap: "No rx or tx queues provided". */
const argMissingRule: Rule = (c) => {
  const a = c.a, d = a.devargs!, drv = a.driver!;
  const mand = find(a.log, /arg (\w+) is mandatory/);
  const noq = find(a.log, /No rx or tx queues provided/);
  if (!mand && !noq) return null;
  const cands: Candidate[] = [];
  let key: string | undefined;
  if (mand) {
    key = mand.m[1];
    if (keyRole(drv.name, key) === 'vhost-socket') {
      const sock = `/tmp/vdsh-${d.name}.sock`;
      cands.push(backendCandidate(c, addKey(d, key, sock), sock));
    }
  } else {
    const out = `${d.name}.pcap`;
    cands.push({ devargs: addKey(d, 'tx_pcap', out), why: 'a tx-only port that writes what it sends to a capture file' });
  }
  const line = (mand ?? noq)!.line;
  return {
    cause: 'arg-missing', key, site: site(line),
    summary: mand ? `${drv.name} needs ${key}=${drv.keys.find((k) => k.key === key)?.syntax ?? '...'} and none was given`
      : `${drv.name} needs at least one rx or tx key (rx_pcap, tx_pcap, rx_iface, tx_iface or iface)`,
    facts: [claimText(c), `${drv.name} declares: ${kvText(drv)}`],
    explain: [`${claimText(c)}.`, `Its probe refused before creating a port: "${line.text}".`],
    candidates: cands,
  };
};

function backendCandidate(c: RuleCtx, devargs: string, sock: string): Candidate {
  const vhost = c.drivers.find((x) => x.name === 'net_vhost');
  const vname = taken(c).has('net_vhost0') ? freeName('net_vhost0', taken(c)) : 'net_vhost0';
  if (!vhost) return { devargs, why: 'needs a vhost-user backend listening on the socket', untried: 'this build has no net_vhost to act as the backend' };
  return {
    devargs, backend: { socket: sock },
    before: [`probe ${vname},iface=${sock}`, `port start ${vname}`],
    why: `net_vhost in this shell serves the vhost-user socket (created on port start); virtio_user connects to it`,
  };
}

const backendRule: Rule = (c) => {
  const a = c.a, d = a.devargs!;
  const conn = find(a.log, /connect error, (.+)$/);
  const type = find(a.log, /unable to determine backend type for path (.+)$/);
  const kv = d.kv.find((k) => k.key === 'path');
  const sock = kv?.value ?? '';
  const f = sock ? pathFacts(sock) : null;
  // A character device is taken for a vhost-kernel (or vDPA) device; any other one fails in its ioctls.
  const kernel = f?.isChar ? find(a.log, /vhost_kernel|vhost_vdpa|backend owner|virtio_user_dev_init fails/) : null;
  if (!conn && !type && !kernel) return null;
  const facts = [claimText(c)];
  if (f) facts.push(!f.exists ? `${f.abs} does not exist` : f.isSocket ? `${f.abs} is a unix socket but nothing listens on it` : f.isChar ? `${f.abs} is a character device (${charDeviceName(f.abs) ?? '?'}), not a vhost-user socket; virtio_user took it for a kernel vhost device` : `${f.abs} is ${f.isDir ? 'a directory' : 'a regular file'}, not a socket`);
  const line = (type ?? conn ?? kernel)!.line;
  const usable = f && (!f.exists || f.isSocket) && f.dirExists;
  return {
    cause: 'backend-missing', key: 'path', value: sock, site: site(line),
    summary: `virtio_user's path=${sock} does not lead to a vhost-user backend (${conn ? conn.m[1] : kernel ? `a character device that is not a vhost device: ${kernel.line.text}` : 'not a socket or vhost device'})`,
    facts,
    explain: ['virtio_user is the guest side of vhost-user: at probe it connects to the socket in path= and negotiates', 'features with a backend (a vhost switch, testpmd with net_vhost, or net_vhost in this very shell).',
      'Without a listening backend the probe fails. In 22.11 net_vhost creates its socket only when its port starts.'],
    candidates: [
      usable ? backendCandidate(c, plain(c), f!.abs) : backendCandidate(c, setValue(d, 'path', `/tmp/vdsh-${d.name}.sock`), `/tmp/vdsh-${d.name}.sock`),
      { devargs: plain(c), host: [`dpdk-testpmd --no-pci --file-prefix=vhost --vdev 'net_vhost0,iface=${f?.abs ?? sock}' -- -i`, "testpmd> start"], why: 'or an external vhost-user backend started first', untried: 'an external process is not started by diagnose' },
    ],
  };
};

function pathKeyFinding(c: RuleCtx, key: string, value: string, line: LogLine, text: string): Finding | null {
  const a = c.a, d = a.devargs!, drv = a.driver!;
  const role = keyRole(drv.name, key);
  const f = pathFacts(value);
  const base = { key, value, site: site(line), facts: [claimText(c)] };
  const sib = (names: string[]): Candidate[] => nearest(path.basename(f.abs), names.filter((n) => n !== path.basename(f.abs)), 2)
    .map((n) => ({ devargs: setValue(d, key, path.join(path.dirname(value), n)), why: `"${n}" exists next to it` }));
  if (role === 'pcap-out') {
    if (value === '' || /\(null\)/.test(text)) return { ...base, cause: 'value-invalid', summary: `${key} has no value: ${drv.name} needs a file name`, facts: [...base.facts, `declared ${key}=${syn(drv, key)}`], explain: [`"${text}": the key was given without "=FILE".`], candidates: [{ devargs: setValue(d, key, `${d.name}.pcap`), why: 'names the capture file' }] };
    if (f.isDir) return { ...base, cause: 'path-is-dir', summary: `${key}=${value} is a directory; ${drv.name} needs a file to write`, facts: [...base.facts, `${f.abs} is a directory`], explain: ['pcap_dump_open() opens the path for writing as a capture file.'], candidates: [{ devargs: setValue(d, key, path.join(value, `${d.name}.pcap`)), why: 'a file inside that directory' }] };
    if (!f.dirExists) {
      const missing = path.relative(f.existingAncestor, f.dir).split(path.sep)[0];
      const near = nearest(missing, dirEntries(f.existingAncestor).filter((e) => pathFacts(path.join(f.existingAncestor, e)).isDir), 2);
      return {
        ...base, cause: 'dir-missing', summary: `the directory ${f.dir} for ${key} does not exist`,
        facts: [...base.facts, `${f.dir} does not exist (deepest existing: ${f.existingAncestor})`],
        explain: ['pcap_dump_open() creates the file but not its directory: fopen fails with ENOENT.'],
        candidates: [
          ...near.map((n) => ({ devargs: setValue(d, key, path.join(f.existingAncestor, n, path.relative(path.join(f.existingAncestor, missing), f.abs))), why: `"${n}" exists in ${f.existingAncestor}` })),
          { devargs: plain(c), host: [`mkdir -p ${f.dir}`], why: 'create the directory first', untried: 'diagnose does not create directories on the host' },
        ],
      };
    }
    return null;
  }
  if (role === 'pcap-in') {
    if (!f.exists) {
      if (!f.dirExists) return { ...base, cause: 'dir-missing', summary: `the directory ${f.dir} for ${key} does not exist`, facts: [...base.facts, `${f.dir} does not exist`], explain: ['pcap_open_offline() reads an existing capture file.'], candidates: [] };
      return {
        ...base, cause: 'file-missing', summary: `${key}=${value}: no such file`,
        facts: [...base.facts, `${f.abs} does not exist`],
        explain: ['rx_pcap replays an existing capture file (pcap_open_offline). To WRITE a capture, use tx_pcap.'],
        // What was asked is to READ a capture: the one most likely meant, or one made at that path;
        // writing instead (tx_pcap) changes what was asked and comes last.
        candidates: [
          ...readableCaptures(f.dir, path.basename(f.abs)).map((n) => ({ devargs: setValue(d, key, path.join(path.dirname(value), n)), why: `"${n}" is a capture next to it` })),
          makeCapture(c, key, value),
          ...(key === 'rx_pcap' ? [{ devargs: setKey(d, key, 'tx_pcap'), why: 'tx_pcap creates the file', changesIntent: 'writes a capture instead of reading one' }] : []),
        ],
      };
    }
    if (f.isDir) return { ...base, cause: 'path-is-dir', summary: `${key}=${value} is a directory, not a capture file`, facts: [...base.facts, `${f.abs} is a directory`], explain: ['pcap_open_offline() needs a capture file.'], candidates: dirEntries(f.abs).filter(isPcapName).slice(0, 2).map((n) => ({ devargs: setValue(d, key, path.join(value, n)), why: `a capture in that directory` })) };
    return { ...base, cause: 'not-pcap', summary: `${key}=${value} is not a pcap capture (${/unknown file format|bad dump file/.exec(text)?.[0] ?? 'libpcap refused it'})`, facts: [...base.facts, `${f.abs} exists but libpcap cannot read it`], explain: ['libpcap reads pcap and pcapng files; the first bytes of this file are not a capture magic number.'], candidates: pcapsIn(f.dir, path.basename(f.abs)).map((n) => ({ devargs: setValue(d, key, path.join(path.dirname(value), n)), why: `"${n}" is a capture next to it` })) };
  }
  return null;
}
/** Captures in a directory that libpcap can read, the names closest to `near` first. */
const readableCaptures = (dir: string, near: string): string[] => dirEntries(dir).filter((n) => n !== near && isPcapFile(path.join(dir, n)))
  .sort((x, y) => distance(near, x) - distance(near, y) || x.localeCompare(y)).slice(0, 2);

/** Make the capture the user meant to read at that path (a tx-only pcap port writes a few frames), then read it. */
function makeCapture(c: RuleCtx, key: string, value: string, devargs = plain(c)): Candidate {
  const d = c.a.devargs!, drv = c.a.driver!;
  const first = `${drv.name}_mk${/(\d+)$/.exec(d.name)?.[1] ?? '0'}`;
  const maker = taken(c).has(first) || first === d.name ? freeName(first, taken(c)) : first;
  return {
    devargs, makeCapture: { key },
    before: [`probe ${maker},tx_pcap=${value}`, `port start ${maker}`, `tx ${maker} count 8`, `port detach ${maker}`],
    why: `makes ${value}: a tx-only pcap port writes 8 UDP frames into it, then ${key} reads them as asked`,
  };
}

const isPcapName = (n: string): boolean => /\.(pcap|pcapng|cap)$/i.test(n);
/** Capture files in a directory, the names closest to `near` first. */
const pcapsIn = (dir: string, near: string): string[] => dirEntries(dir).filter(isPcapName).sort((x, y) => distance(near, x) - distance(near, y) || x.localeCompare(y)).slice(0, 2);
const syn = (drv: DriverInfo, key: string): string => drv.keys.find((k) => k.key === key)?.syntax ?? '?';

const pcapFileRule: Rule = (c) => {
  const a = c.a, d = a.devargs!;
  const rx = find(a.log, /^open_single_rx_pcap\(\): Couldn't open (.*?): (.*)$/);
  const tx = find(a.log, /^open_single_tx_pcap\(\): Couldn't open (.*) for writing/);
  const hit = rx ?? tx;
  if (!hit) return null;
  const key = rx ? 'rx_pcap' : 'tx_pcap';
  const kv = d.kv.find((k) => k.key === key);
  return pathKeyFinding(c, key, kv?.value ?? '', hit.line, hit.line.text);
};

function ifaceFinding(c: RuleCtx, key: string, value: string, line: LogLine | undefined, cause: Cause, summary: string, explain: string[]): Finding {
  const d = c.a.devargs!;
  const near = cause === 'iface-missing' ? nearest(value, c.ifaces, 3) : [];
  const cands: Candidate[] = near.map((n) => ({ devargs: setValue(d, key, n), why: `host interface "${n}" exists` }));
  if (cause === 'iface-name-too-long') cands.push({ devargs: setValue(d, key, value.replace(/[\s/:]/g, '').slice(0, IFNAMSIZ - 1)), why: `cut to ${IFNAMSIZ - 1} characters` });
  if (cause === 'iface-in-use') {
    let n = 0, name = `${value.slice(0, 12)}t${n}`;
    while (c.ifaces.includes(name)) name = `${value.slice(0, 12)}t${++n}`;
    cands.push({ devargs: setValue(d, key, name), why: `"${name}" is not a host interface yet` });
  }
  return {
    cause, key, value, summary, site: site(line), explain,
    facts: [claimText(c), `host interfaces (/sys/class/net): ${c.ifaces.join(' ') || '(none)'}`],
    candidates: cands,
  };
}

const ifaceRule: Rule = (c) => {
  const a = c.a, d = a.devargs!, drv = a.driver!;
  const valOf = (re: RegExp, m: RegExpExecArray | undefined): { key: string; value: string } | null => {
    const v = m?.[1];
    const exact = d.kv.find((k) => k.value === v && keyRole(drv.name, k.key));
    if (exact) return { key: exact.key, value: exact.value ?? '' };
    const kv = d.kv.find((k) => keyRole(drv.name, k.key) === 'host-iface' || keyRole(drv.name, k.key) === 'new-iface');
    return kv ? { key: kv.key, value: kv.value ?? '' } : null;
  };
  const perm = find(a.log, /Operation not permitted|permission to perform this capture|Could not open AF_PACKET socket/);
  if (perm) {
    const need = capNeeded(drv.name, d.kv.map((k) => k.key));
    const cap = need === 'netAdmin' ? 'CAP_NET_ADMIN' : 'CAP_NET_RAW';
    return {
      cause: 'permission', site: site(perm.line),
      summary: `${drv.name} needs ${cap} (root) and the EAL process does not have it`,
      facts: [claimText(c), c.caps ? `inferior capabilities: CAP_NET_ADMIN ${c.caps.netAdmin ? 'yes' : 'no'}, CAP_NET_RAW ${c.caps.netRaw ? 'yes' : 'no'}` : 'capabilities of the inferior unknown'],
      explain: [need === 'netAdmin' ? 'net_tap/net_tun create a kernel interface with ioctl(TUNSETIFF) on /dev/net/tun, which needs CAP_NET_ADMIN.' : 'Packet sockets (AF_PACKET, libpcap live capture) need CAP_NET_RAW.', 'Run vdev-shell as root, or grant the capability (setcap/capsh); no devargs change fixes this.'],
      candidates: [{ devargs: plain(c), host: [`run vdev-shell as root (or grant ${cap} to it)`], why: `grants ${cap}`, untried: 'privileges cannot be proved from inside this session' }],
    };
  }
  const down = find(a.log, /Couldn't open (\S+): .*That device is not up/);
  if (down) {
    const v = valOf(/./, down.m)!;
    return { ...ifaceFinding(c, v.key, v.value, down.line, 'iface-down', `host interface "${v.value}" exists but is down; libpcap cannot capture on it`, ['pcap_open_live() needs the interface up (IFF_UP).']),
      candidates: [{ devargs: plain(c), host: [`ip link set ${v.value} up`], why: 'bring the interface up first', untried: 'diagnose does not change host interfaces' }] };
  }
  const tooLong = find(a.log, /I\/F name too long \((.*)\)/);
  if (tooLong) { const v = valOf(/./, tooLong.m)!; return ifaceFinding(c, v.key, v.value, tooLong.line, 'iface-name-too-long', `interface name "${v.value}" is ${v.value.length} characters; Linux allows ${IFNAMSIZ - 1} (IFNAMSIZ ${IFNAMSIZ})`, ['Kernel interface names fit IFNAMSIZ (16 bytes with the NUL).']); }
  const tapBad = find(a.log, /TAP invalid remote interface name \((.*)\)/);
  if (tapBad) {
    const v = valOf(/./, tapBad.m)!;
    if (v.value.length >= IFNAMSIZ) return ifaceFinding(c, v.key, v.value, tapBad.line, 'iface-name-too-long', `interface name "${v.value}" is ${v.value.length} characters; Linux allows ${IFNAMSIZ - 1} (IFNAMSIZ ${IFNAMSIZ})`, ['net_tap checks the name (is_valid_iface): shorter than IFNAMSIZ, no "/", ":" or spaces.']);
    return { ...ifaceFinding(c, v.key, v.value, tapBad.line, 'value-invalid', `"${v.value}" is not a valid interface name (no "/", ":" or whitespace)`, ['net_tap checks the name (is_valid_iface): shorter than IFNAMSIZ, no "/", ":" or spaces.']),
      candidates: [{ devargs: setValue(d, v.key, v.value.replace(/[\s/:]/g, '').slice(0, IFNAMSIZ - 1) || 'dtap0'), why: 'the name without the forbidden characters' }] };
  }
  const tunInval = find(a.log, /Unable to set TUNSETIFF for (.*): Invalid argument/);
  if (tunInval) {
    const v = valOf(/./, tunInval.m)!;
    return ifaceFinding(c, v.key, v.value, tunInval.line, 'iface-in-use', `"${v.value}" is an existing host interface that is not a tun/tap device; net_tap cannot create it`, ['TUNSETIFF creates the named tap, or attaches to an existing tun/tap of that name; any other existing interface (eth0, lo, a bridge) makes it fail with EINVAL.']);
  }
  const noDev = find(a.log, /(?:Couldn't open (\S+): .*No such device exists|(\S+): ioctl failed \(SIOCGIFINDEX\):No such device)/);
  if (noDev) {
    const v = valOf(/./, { ...noDev.m, 1: noDev.m[1] ?? noDev.m[2] } as RegExpExecArray);
    if (!v) return null;
    if (v.value.length >= IFNAMSIZ) return ifaceFinding(c, v.key, v.value, noDev.line, 'iface-name-too-long', `interface name "${v.value}" is ${v.value.length} characters; Linux allows ${IFNAMSIZ - 1}, so it cannot exist`, ['Kernel interface names fit IFNAMSIZ (16 bytes with the NUL).']);
    return ifaceFinding(c, v.key, v.value, noDev.line, 'iface-missing', `host interface "${v.value}" does not exist` + (nearest(v.value, c.ifaces, 3).length ? `; did you mean ${nearest(v.value, c.ifaces, 3).join(', ')}?` : ''),
      [`${drv.name} opens an EXISTING host interface for ${v.key}; it does not create one (net_tap does).`]);
  }
  return null;
};

/** "af_packet: invalid qpairs value", tap "not in format", ring "could not parse": a value the driver refused. */
const valueRule: Rule = (c) => {
  const a = c.a, d = a.devargs!, drv = a.driver!;
  const hit = find(a.log, /invalid (\w+) value|\((.*)\) is not in format|(?:could not parse|error to parse) (\w+)|arg (\w+) \d+ exceeds the limit|frame size exceeds block size|invalid AF_PACKET MMAP parameters/);
  if (!hit) return null;
  const word = hit.m[1] ?? (hit.m[2] !== undefined ? 'mac' : hit.m[3] ?? hit.m[4] ?? (/frame size/.test(hit.m[0]) ? 'framesz' : 'framecnt'));
  // The log names a variable ("blocksize"); map it to the declared key ("blocksz") by spelling.
  const given = d.kv.map((k) => k.key);
  const key = given.find((k) => k === word) ?? given.find((k) => word.includes(k) || k.includes(word)) ?? nearest(word, given, 1)[0] ??
    (d.kv.find((k) => hit.m[2] !== undefined && k.value === hit.m[2])?.key);
  if (!key) return null;
  const kv = d.kv.find((k) => k.key === key)!;
  const s = syn(drv, key);
  const cands: Candidate[] = [];
  const alt = s.replace(/^<|>$/g, '').split('|');
  if (alt.length > 1 && alt.every((x) => !/x/.test(x) || /xx:/.test(x))) for (const v of alt.filter((x) => !/xx:/.test(x))) cands.push({ devargs: setValue(d, key, v), why: `"${v}" is one of the values the driver declares (${s})` });
  if (/xx:xx/.test(s)) cands.push({ devargs: setValue(d, key, '02:00:00:00:00:01'), why: 'a locally administered unicast MAC in the declared format' });
  if (/af_packet/.test(drv.name) && /frame size|MMAP/.test(hit.m[0])) cands.push({ devargs: dropKey(d, 'framesz', 'framecnt'), why: 'the driver defaults for frame size and count fit any page-sized block' });
  cands.push({ devargs: dropKey(d, key), why: `drops ${key} so the driver uses its default`, changesIntent: `drops ${key}` });
  return {
    cause: 'value-invalid', key, value: kv.value, site: site(hit.line),
    summary: `${drv.name} rejected ${key}=${kv.value ?? ''} (declared ${key}=${s})`,
    facts: [claimText(c), `DPDK said: ${hit.line.text}`],
    explain: [`${drv.name} declares ${key}=${s} in its parameter string; its probe checked the value and refused it.`],
    candidates: cands,
  };
};

/** Failures with no line of their own (the two EAL lines only): arguments a driver needs but logs nothing about. */
const silentRule: Rule = (c) => {
  const a = c.a, d = a.devargs!, drv = a.driver!;
  if (ownLines(a.log).length || a.silentFailure) return null;
  const needed = capNeeded(drv.name, d.kv.map((k) => k.key));
  if (needed && c.caps && !c.caps[needed]) return null; // the permission rule cannot see it without a line; leave it to no-rule
  if (d.kv.length === 0 || (drv.name === 'net_af_packet' && !d.kv.some((k) => k.key === 'iface')) || (drv.name === 'net_vhost' && !d.kv.some((k) => k.key === 'iface'))) {
    const key = drv.keys.find((k) => k.key === 'iface' || k.key === 'path')?.key;
    const cands: Candidate[] = [];
    if (key && keyRole(drv.name, key) === 'host-iface') {
      // The interface most likely meant: one that carries traffic (up, not the loopback). The
      // proof runs on an interface made for it, never on this one.
      const pick = likelyIface(c.ifaces);
      if (pick) cands.push({ devargs: addKey(d, key, pick), why: `opens host interface ${pick} (name yours instead)` });
    } else if (key && keyRole(drv.name, key) === 'socket-to-create') cands.push({ devargs: addKey(d, key, `/tmp/vdsh-${d.name}.sock`), why: 'the vhost-user socket it will serve (created on port start)' });
    if (key) {
      return {
        cause: 'arg-missing', key, site: undefined,
        summary: `${drv.name} needs ${key}=${syn(drv, key)} and none was given (it fails without logging why)`,
        facts: [claimText(c), `${drv.name} declares: ${kvText(drv)}`, 'DPDK logged only the two generic EAL lines'],
        explain: [`${claimText(c)}.`, `${drv.name}'s probe returns -1 without a word when ${key} is missing; the fix below is proved in a scratch EAL.`],
        candidates: cands,
      };
    }
  }
  // Otherwise find the culprit by ablation in the scratch EAL: drop one key at a time.
  return {
    cause: 'no-rule', summary: `${drv.name} refused "${d.text}" without logging why`,
    facts: [claimText(c), `${drv.name} declares: ${kvText(drv)}`, 'DPDK logged only the two generic EAL lines'],
    explain: [`${claimText(c)}.`, 'The driver returned an error without a line of its own; the scratch EAL is used to find which key it refused.'],
    candidates: d.kv.map((kv) => ({ devargs: dropKey(d, kv.key), why: `without ${kv.key}=${kv.value ?? ''}`, probeOnly: { key: kv.key } })),
  };
};

/** rte_devargs_parse: the name is copied into a fixed buffer and refused at its size (logged with the limit). */
const nameTooLongRule: Rule = (c) => {
  const a = c.a, d = a.devargs!;
  const hit = find(a.log, /device name should be shorter than (\d+)/);
  if (!hit) return null;
  const limit = Number(hit.m[1]);
  const drv = a.driver ?? c.drivers.find((x) => matchedPrefixOf(x, d.name));
  const prefix = drv ? (a.matched?.matched ?? drv.name) : d.name.slice(0, Math.min(16, limit - 4));
  const num = /(\d+)$/.exec(d.name)?.[1] ?? '0';
  const short = (prefix + num).length < limit ? prefix + num : d.name.slice(0, limit - 1);
  return {
    cause: 'name-too-long', site: site(hit.line), key: undefined,
    summary: `the device name is ${d.name.length} characters; DPDK keeps names shorter than ${limit}`,
    facts: [`DPDK said: ${hit.line.text}`, drv ? `${drv.name} would claim it by its prefix "${prefix}"` : 'no driver prefix matches it either'],
    explain: ['rte_devargs_parse copies the device name into struct rte_devargs name[RTE_DEV_NAME_MAX_LEN] and refuses', 'a longer one before any bus or driver sees it. Only the prefix matters to the vdev bus: a short name works the same.'],
    candidates: [{ devargs: renameTo(d, short, taken(c), true), why: `${short} keeps the driver prefix and fits` }],
  };
};

/** The bus=/class=/driver= layered syntax handed to hotplug, which takes NAME[,KEY=VALUE...]. */
const layeredSyntaxRule: Rule = (c) => {
  const d = c.a.devargs!;
  if (!/^(bus|class|driver)=/.test(d.text)) return null;
  const layers = new Map<string, { value: string; kv: string[] }>();
  for (const layer of d.text.split('/')) {
    const [head, ...kv] = layer.split(',');
    const eq = head.indexOf('=');
    if (eq > 0) layers.set(head.slice(0, eq), { value: head.slice(eq + 1), kv });
  }
  const named = layers.get('bus')?.kv.find((x) => x.startsWith('name='))?.slice(5);
  const drvName = layers.get('driver')?.value;
  const drv = drvName ? c.drivers.find((x) => x.name === drvName || x.alias === drvName) : undefined;
  const args = [...(layers.get('driver')?.kv ?? []), ...(layers.get('class')?.kv ?? [])].filter(Boolean);
  const name = named ?? (drv ? freeName(drv.name, taken(c)) : undefined);
  const line = find(c.a.log, /failed to parse device/);
  return {
    cause: 'devargs-syntax', site: site(line?.line),
    summary: `"${d.text}" is the bus=/class=/driver= devargs syntax; hotplug takes a device NAME[,KEY=VALUE...]`,
    facts: [`layers given: ${[...layers.keys()].join(', ') || '(none)'}`, ...(drvName ? [`driver layer: ${drvName}${drv ? '' : ' (no such vdev driver in this build)'}`] : [])],
    explain: ['rte_eal_hotplug_add(bus, name, args) builds "bus:name,args" for rte_devargs_parse; the layered form', '(bus=vdev,name=X/class=eth/driver=Y) is for device iteration and --allow/--block, not a device to probe.',
      'On the vdev bus the driver is chosen by the NAME prefix, so driver=net_null becomes a name such as net_null0.'],
    candidates: name ? [{ devargs: [name, ...args].join(','), why: drv ? `the device name starts with ${drv.name}, so the vdev bus gives it to that driver` : 'the name from the bus layer' }] : [],
  };
};

/**
 * A key given without "=VALUE": 22.11 hands the driver's handler a NULL value ("(null)" in its line,
 * or a silent refusal); later rte_kvargs_process refuses it before the handler, so the driver says
 * only what it says for any parse failure ("error to parse path") or nothing.
 */
const valueMissingRule: Rule = (c) => {
  const a = c.a, d = a.devargs!, drv = a.driver!;
  const bare = d.kv.filter((k) => k.value === null && drv.keys.some((s) => s.key === k.key));
  if (!bare.length) return null;
  const own = ownLines(a.log);
  // The bare key is the culprit when nothing else was said, or what was said names it or a NULL.
  const k = bare.find((x) => own.some((l) => new RegExp(`\\b${x.key}\\b`).test(l.text))) ?? (own.length === 0 || own.some((l) => /\(null\)|null pointer|error when parsing|kvargs/i.test(l.text)) ? bare[0] : undefined);
  if (!k) return null;
  const role = keyRole(drv.name, k.key);
  const s = syn(drv, k.key);
  const cands: Candidate[] = [];
  if (role === 'pcap-out') cands.push({ devargs: setValue(d, k.key, `${d.name}.pcap`), why: 'names the capture file to write' });
  else if (role === 'pcap-in') {
    const dir = process.cwd();
    for (const n of readableCaptures(dir, `${d.name}.pcap`)) cands.push({ devargs: setValue(d, k.key, n), why: `"${n}" is a capture in the current directory` });
    cands.push(makeCapture(c, k.key, `${d.name}.pcap`, setValue(d, k.key, `${d.name}.pcap`)));
  } else if (role === 'vhost-socket') { const sock = `/tmp/vdsh-${d.name}.sock`; cands.push(backendCandidate(c, setValue(d, k.key, sock), sock)); }
  else if (role === 'host-iface') { const pick = likelyIface(c.ifaces); if (pick) cands.push({ devargs: setValue(d, k.key, pick), why: `opens host interface ${pick} (name yours instead)` }); }
  else if (role === 'socket-to-create') cands.push({ devargs: setValue(d, k.key, `/tmp/vdsh-${d.name}.sock`), why: 'the vhost-user socket it will serve' });
  else if (/^<?0\|1>?$/.test(s)) cands.push({ devargs: setValue(d, k.key, '1'), why: `${k.key}=1 turns it on, which a bare key most likely meant` });
  cands.push({ devargs: dropKey(d, k.key), why: `without ${k.key} the driver uses its default`, ...(role ? { changesIntent: `drops ${k.key}` } : {}) });
  const line = own.find((l) => /\(null\)|null pointer/i.test(l.text) || l.text.includes(k.key));
  return {
    cause: 'value-missing', key: k.key, value: null, site: site(line ?? own[0]),
    summary: `"${k.key}" is given without a value; ${drv.name} needs ${k.key}=${s}`,
    facts: [claimText(c), ...(line ? [`DPDK said: ${line.text}`] : ['DPDK logged no line of its own (rte_kvargs refuses a key without "=" from 24.11)'])],
    explain: ['rte_kvargs splits "key=value" pairs; a key without "=" has no value. DPDK 22.11 passes NULL to the', "driver's handler (which may open \"(null)\" or refuse silently); from 24.11 rte_kvargs_parse itself returns -1."],
    candidates: cands,
  };
};

/** virtio_user: a key of the other backend type ("arg iface applies only to vhost-kernel backend"). */
const backendKeyRule: Rule = (c) => {
  const a = c.a, d = a.devargs!;
  const hit = find(a.log, /arg (\w+) applies only to ([\w-]+) backend/);
  if (!hit) return null;
  const key = hit.m[1], backend = hit.m[2];
  const p = d.kv.find((k) => k.key === 'path')?.value ?? '';
  const f = p ? pathFacts(p) : null;
  const kind = !f ? 'no path' : f.isSocket || !f.exists ? 'a unix socket path: a vhost-user backend' : f.isChar ? 'a character device' : 'a regular file';
  const without = dropKey(d, key);
  const live = f?.isSocket && (listeningSockets().has(f.abs) || listeningSockets().has(p));
  const cand: Candidate = live ? { devargs: without, why: `the vhost-user backend at ${p} needs no ${key}` } : backendCandidate(c, without, f?.abs ?? `/tmp/vdsh-${d.name}.sock`);
  return {
    cause: 'key-wrong-backend', key, value: d.kv.find((k) => k.key === key)?.value ?? null, site: site(hit.line),
    summary: `${key}= is a key of virtio_user's ${backend} backend, but path=${p} is ${kind}`,
    facts: [claimText(c), `DPDK said: ${hit.line.text}`],
    explain: ['net_virtio_user picks its backend from path=: a unix socket is vhost-user, /dev/vhost-net is vhost-kernel,', '/dev/vhost-vdpa-N is vDPA. Some keys (iface=, the tap name of vhost-kernel) apply to one backend only.'],
    candidates: [{ ...cand, changesIntent: `drops ${key}, which the ${backend} backend alone uses` }],
  };
};

const matchedPrefixOf = (x: DriverInfo, name: string): boolean => name.startsWith(x.name) || (!!x.alias && name.startsWith(x.alias));

const RULES: Rule[] = [parseRule, downRule, layeredSyntaxRule, nameTooLongRule, driverUnknownRule, nameInUseRule, portLimitRule, keyRule, valueMissingRule, backendKeyRule, argMissingRule, backendRule, pcapFileRule, ifaceRule, valueRule, silentRule];

export function classify(ctx: RuleCtx): Finding {
  const c: RuleCtx = { ...ctx, a: { ...ctx.a, log: normalizeLog(ctx.a.log) } };
  for (const r of RULES) {
    if (c.a.devargs === null && r !== parseRule) continue;
    const f = r(c);
    if (f) return f;
  }
  const own = ownLines(c.a.log);
  const d = c.a.devargs!;
  return {
    cause: 'no-rule', summary: own.length ? `no rule matched: ${own[0].text}` : `no rule matched (ret ${c.a.ret})`, site: site(own[0]),
    facts: [claimText(c)].filter(Boolean), explain: ['None of the shell\'s rules recognise these lines; DPDK\'s words above and the site that logged them are the evidence.'],
    // Ablation in the scratch EAL may still show which key the driver refused (reported only if it attaches).
    candidates: d.kv.map((kv) => ({ devargs: dropKey(d, kv.key), why: `without ${kv.key}=${kv.value ?? ''}`, probeOnly: { key: kv.key } })),
  };
}
