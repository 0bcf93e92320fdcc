// Every error a vdev probe can log, read from the selected DPDK source tree (never a hand-written
// list): the functions reachable from the seven vdev drivers' probe functions and from the EAL's
// hotplug path (rte_eal_hotplug_add, rte_dev_probe, local_dev_probe, rte_devargs_parse) and kvargs,
// following every function named in a body (calls and handlers passed by address) within the
// drivers' directories, lib/eal/common, lib/kvargs and the vdev bus; and in them, every log call
// at ERR/WARNING level (with its format string) and every literal negative return.
import fs from 'node:fs';
import path from 'node:path';

export const VDEV_DRIVERS = ['net_pcap', 'net_tap', 'net_null', 'net_ring', 'net_virtio_user', 'net_af_packet', 'net_vhost'];
const EAL_ROOTS = ['rte_eal_hotplug_add', 'rte_dev_probe', 'local_dev_probe', 'rte_devargs_parse', 'rte_kvargs_parse', 'rte_kvargs_process'];
const SHARED_DIRS = ['lib/eal/common', 'lib/kvargs', 'drivers/bus/vdev'];

export interface Fn { name: string; file: string; line: number; body: string }
export interface LogSite {
  kind: 'log'; fn: string; file: string; line: number; level: string; format: string; root: string;
  /** The call's arguments after the format, as written (tells apart calls of one format: "error to parse %s", KEY). */
  args: string;
  /** String values of the macros those arguments name (#define VIRTIO_USER_ARG_QUEUE_SIZE "queue_size"): what the line prints for them. */
  strings: string[];
  /** Why no devargs string or host state reaches it, when none can. */
  untriggerable?: string;
}
export interface ReturnSite { kind: 'return'; fn: string; file: string; line: number; value: string; logged: boolean; root: string }

function cFiles(dir: string): string[] {
  const out: string[] = [];
  let ents: fs.Dirent[] = [];
  try { ents = fs.readdirSync(dir, { withFileTypes: true }); } catch { return out; }
  for (const e of ents) {
    const p = path.join(dir, e.name);
    // Other operating systems' files are not in a Linux build.
    if (/(^|_)(windows|freebsd)(\.c)?$/.test(e.name)) continue;
    if (e.isDirectory()) out.push(...cFiles(p));
    else if (e.name.endsWith('.c')) out.push(p);
  }
  return out;
}

/** Function definitions in DPDK style: the name at column 0, the body from a "{" to a "}" at column 0. */
export function functionsOf(text: string, file: string): Fn[] {
  const lines = text.split('\n');
  const out: Fn[] = [];
  for (let i = 0; i < lines.length; i++) {
    const m = /^([A-Za-z_]\w*)\(/.exec(lines[i]);
    // Macros at column 0 (RTE_EXPORT_SYMBOL(f), RTE_INIT(f)) are not functions.
    if (!m || /^(if|for|while|switch|return|sizeof)$/.test(m[1]) || /^[A-Z0-9_]+$/.test(m[1])) continue;
    let j = i;
    while (j < lines.length && j < i + 12 && lines[j] !== '{' && !/;\s*$/.test(lines[j])) j++;
    if (lines[j] !== '{') continue;
    let k = j + 1;
    while (k < lines.length && lines[k] !== '}') k++;
    out.push({ name: m[1], file, line: i + 1, body: lines.slice(j, k + 1).join('\n') });
    i = k;
  }
  return out;
}

/** The probe function a driver registers: RTE_PMD_REGISTER_VDEV(name, drv) and drv's .probe. */
function probeOf(files: { file: string; text: string }[], driver: string): { fn: string; dir: string } | null {
  for (const f of files) {
    const reg = new RegExp(`RTE_PMD_REGISTER_VDEV\\(\\s*${driver}\\s*,\\s*(\\w+)\\s*\\)`).exec(f.text);
    if (!reg) continue;
    const drv = new RegExp(`struct rte_vdev_driver\\s+${reg[1]}\\s*=\\s*\\{[^}]*?\\.probe\\s*=\\s*(\\w+)`, 's').exec(f.text);
    if (drv) return { fn: drv[1], dir: path.dirname(f.file) };
  }
  return null;
}

/** printf-style format of a log call: the string literals after the level (and a log type), joined. */
function formatOf(args: string): string {
  let s = '';
  for (const m of args.matchAll(/"((?:\\.|[^"\\])*)"|\b(PRI[diouxX](?:8|16|32|64|PTR)|PRIx64)\b/g)) s += m[1] ?? '%d';
  return s.replace(/\\n$/, '').replace(/\\n/g, ' ').replace(/\\"/g, '"').replace(/\\t/g, ' ');
}

/** A line DPDK could print for a format: each conversion replaced by a plausible value. */
export const sampleOf = (format: string): string => format.replace(/%[-+ #0]*(\d+|\*)?(\.\d+)?(hh|h|ll|l|z|j|t|L)?([diouxXcspfgeE%])/g, (_, _w, _p, _l, c: string) =>
  c === 's' ? 'x' : c === 'c' ? 'x' : c === 'p' ? '0x1' : c === '%' ? '%' : '1');

/** A regex that matches the lines a format prints (conversions as lazy wildcards). */
export function formatRegex(format: string): RegExp {
  const parts = format.split(/%[-+ #0]*(?:\d+|\*)?(?:\.\d+)?(?:hh|h|ll|l|z|j|t|L)?[diouxXcspfgeE]/);
  return new RegExp(parts.map((p) => p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/%%/g, '%')).join('.*?'));
}

const LOG_CALL = /\b([A-Z][A-Z0-9_]*LOG[A-Z0-9_]*)\s*\(\s*(ERR|WARNING|CRIT|ALERT|EMERG)\s*,/g;

/** All log sites and literal negative returns reachable from the roots, in the tree at `src`. */
export function errorSites(src: string): { sites: (LogSite | ReturnSite)[]; roots: string[]; functions: number } {
  const driverFiles = cFiles(path.join(src, 'drivers', 'net')).map((file) => ({ file, text: fs.readFileSync(file, 'utf8') }))
    .filter((f) => f.text.includes('RTE_PMD_REGISTER_VDEV'));
  const roots: { fn: string; dir: string | null; root: string }[] = [];
  for (const d of VDEV_DRIVERS) { const p = probeOf(driverFiles, d); if (p) roots.push({ fn: p.fn, dir: p.dir, root: d }); }
  const dirs = new Set([...roots.map((r) => r.dir!), ...SHARED_DIRS.map((d) => path.join(src, d))]);
  const fns = new Map<string, Fn[]>();
  for (const dir of dirs) for (const file of cFiles(dir)) {
    for (const f of functionsOf(fs.readFileSync(file, 'utf8'), path.relative(src, file))) fns.set(f.name, [...(fns.get(f.name) ?? []), f]);
  }
  for (const r of EAL_ROOTS) if (fns.has(r)) roots.push({ fn: r, dir: null, root: r });
  // Reachability: every defined function named in a reachable body (a call, or a handler passed on).
  const seen = new Map<Fn, string>();
  const queue: [Fn, string][] = [];
  const visit = (name: string, root: string, from?: Fn): void => {
    const defs = fns.get(name) ?? [];
    // A static name defined in several files: the one in the caller's file, else all.
    const pick = from ? defs.filter((x) => x.file === from.file) : [];
    for (const f of pick.length ? pick : defs) if (!seen.has(f)) { seen.set(f, root); queue.push([f, root]); }
  };
  for (const r of roots) visit(r.fn, r.root);
  while (queue.length) {
    const [f, root] = queue.shift()!;
    // A function stored into a struct member (dev->tx_pkt_burst = f, .dev_start = f) runs later, not in the probe.
    const stored = new Set([...f.body.matchAll(/(?:->|\.)\w+\s*=\s*&?([A-Za-z_]\w*)\s*;/g)].map((m) => m[1]));
    for (const m of f.body.matchAll(/\b([A-Za-z_]\w*)\b/g)) if (m[1] !== f.name && fns.has(m[1]) && !stored.has(m[1])) visit(m[1], root, f);
  }
  const sites: (LogSite | ReturnSite)[] = [];
  for (const [f, root] of seen) {
    const lines = f.body.split('\n');
    // The body starts at the "{" line: find its line number in the file once.
    const start = bodyStart(f, src);
    for (const m of f.body.matchAll(LOG_CALL)) {
      const at = start + f.body.slice(0, m.index).split('\n').length - 1;
      const args = callArgs(f.body, (m.index ?? 0) + m[0].length);
      const format = formatOf(args);
      const rest = args.replace(/"((?:\\.|[^"\\])*)"/g, '').replace(/\s+/g, ' ').trim();
      const why = secondaryOnly(f, at - start) ?? untriggerable(f.name, format, rest);
      const strings = [...rest.matchAll(/\b[A-Z][A-Z0-9_]+\b/g)].map((x) => definesOf(f.file, src).get(x[0])).filter((x): x is string => x !== undefined);
      sites.push({ kind: 'log', fn: f.name, file: f.file, line: at, level: m[2], format, root, args: rest, strings, ...(why ? { untriggerable: why } : {}) });
    }
    lines.forEach((l, i) => {
      const r = /\breturn\s+(-\s*[A-Z0-9_]+|-1)\s*;/.exec(l);
      if (!r) return;
      const before = lines.slice(Math.max(0, i - 4), i + 1).join('\n');
      sites.push({ kind: 'return', fn: f.name, file: f.file, line: start + i, value: r[1].replace(/\s/g, ''), logged: LOG_CALL.test(before) || /LOG/.test(before), root });
      LOG_CALL.lastIndex = 0;
    });
  }
  return { sites, roots: roots.map((r) => `${r.root}:${r.fn}`), functions: seen.size };
}

/** A site inside an `if (... == RTE_PROC_SECONDARY)` or `!= RTE_PROC_PRIMARY` block of its function runs only in a secondary process. */
function secondaryOnly(f: Fn, lineInBody: number): string | null {
  const lines = f.body.split('\n');
  for (let i = 0; i < lineInBody; i++) {
    if (!/\bif\s*\(.*(==\s*RTE_PROC_SECONDARY|!=\s*RTE_PROC_PRIMARY)/.test(lines[i])) continue;
    let depth = 0, end = i;
    for (let j = i; j < lines.length; j++) {
      depth += (lines[j].match(/\{/g) ?? []).length - (lines[j].match(/\}/g) ?? []).length;
      if (depth === 0 && j > i) { end = j; break; }
    }
    if (lineInBody > i && lineInBody < end) return SECONDARY;
  }
  return null;
}

const SECONDARY = 'runs only in a DPDK secondary process (or to serve one); the shell\'s EAL is a primary without secondaries';
/**
 * Sites no devargs string or host state can reach, with the reason, by what the line is about (so
 * the same reason holds on every DPDK version): allocation failures (no fault injection here),
 * multi-process requests, heap corruption, calls that cannot fail once an earlier step succeeded.
 */
const UNTRIGGERABLE: { fn?: RegExp; format: RegExp; args?: RegExp; why: string }[] = [
  { format: /secondar|Primary process is missing|IPC|sync request|peer is not specified|pending request|FDs|fd's|number of fds|Msg cannot be NULL|Message data|action name|request ID|Unable to (open|lock) directory|Fail to (send|recv|alloc)|failed to send to|message to primary|Request timed out|request queues from primary|Failed to get dev for|Failed to get port id|Cannot get current time|Failed to get current time|Failed to send hotplug request to primary|rollback device attach/i, why: SECONDARY },
  { format: /\b(alloc\w*|OOM|not enough memory|Cannot allocate memory)\b|process private|IOVA exceeding|iova-mode|dma mask|RTE_MAX_MEMZONE|memzone segments exceeds|free memzone|Invalid alignment|Memzone is not allocated|Invalid memory|heap is probably corrupt|Heap is probably corrupt|allocating from heap|register Rx timestamp|dead pcap|make RARP packet/i, why: 'an allocation (or heap) failure: no devargs string or host file makes DPDK run out of memory here, and the shell injects no faults' },
  { fn: /^local_dev_remove$/, format: /./, why: 'reached only when rolling back a probe that a secondary refused' },
  { fn: /^local_dev_probe$/, format: /plug not supported by bus|Cannot find device/, why: 'the vdev bus has plug and finds the device it has just scanned from the devargs' },
  { fn: /^rte_pmd_init_internals$/, format: /no interface specified/, why: 'rte_eth_from_packet returns earlier when no iface= opened a socket' },
  { fn: /^rte_pmd_init_internals$/, format: /SIOCGIFHWADDR|PACKET_VERSION|PACKET_LOSS|PACKET_QDISC_BYPASS|could not open AF_PACKET socket$|PACKET_TX_RING|could not bind/, why: 'follows a step with the same inputs that succeeded (SIOCGIFINDEX, the first socket, PACKET_RX_RING with the same request), or an option every supported kernel has' },
  { fn: /^rte_pmd_init_internals$/, format: /mmap failed/, why: 'the ring mmap fails only past RLIMIT_MEMLOCK, which root (the shell needs CAP_NET_RAW) ignores' },
  { fn: /^set_iface_direction$/, format: /./, why: 'libpcap sets a direction on every Linux interface' },
  { fn: /^tap_ioctl$/, format: /wrong arg/, why: 'the probe calls tap_ioctl with valid requests only' },
  { fn: /^tap_nl_init$|^tap_nl_final$|^tap_nl_send$/, format: /./, why: 'a netlink socket of the process\'s own; the kernel refuses it only without memory' },
  { fn: /^virtio_reset$/, format: /./, why: 'a device reset times out only with a misbehaving vhost backend mid-probe' },
  { fn: /^tun_alloc$/, format: /Unable to open %s interface/, why: 'needs the host without /dev/net/tun (a device node tests do not remove)' },
  { fn: /^tun_alloc$/, format: /TUN\/TAP features|persist|keep-alive|current flags|nonblocking|rt-signal|signo|fcntl/, why: 'an ioctl or fcntl on the tun fd after TUNSETIFF succeeded on it: fails only without memory' },
  { fn: /^eth_dev_tap_create$/, format: /socket for management|failed to create netlink socket|failed to get if_index\.$/, why: 'a datagram or netlink socket of the process\'s own, or the index of the tap it has just created' },
  { fn: /^qdisc_del$/, format: /null netlink socket/, why: 'called with the netlink socket the probe opened' },
  { fn: /^vdpa_dynamic_major_num$/, format: /proc\/devices/, why: '/proc/devices is always readable' },
  { fn: /^virtio_user_dev_setup$|^virtio_user_dev_init$/, format: /Unknown backend type|init notifiers|interrupt handler/, why: 'the backend type was found just before; eventfds and an interrupt handle fail only without memory or fds' },
  { fn: /^virtio_user_dev_init_notify$|^virtio_user_init_notify_queue$|^virtio_configure_intr$/, format: /callfd|kickfd|eventfd/, why: 'eventfd() fails only when the process runs out of file descriptors' },
  { fn: /^eth_virtio_dev_init$/, format: /headroom/, why: 'RTE_PKTMBUF_HEADROOM is fixed when DPDK is built' },
  { fn: /^virtio_dev_devargs_parse$/, format: /error when parsing param/, why: 'virtio_user\'s probe parsed the same arguments first and refused a string kvargs cannot parse there' },
  { fn: /^virtio_dev_devargs_parse$/, format: /Failed to parse %s/, args: /VECTORIZED/, why: 'virtio_user\'s probe refuses a vectorized= without a value first, and this handler takes any other value' },
];

export function untriggerable(fn: string, format: string, args = ''): string | null {
  return UNTRIGGERABLE.find((u) => (!u.fn || u.fn.test(fn)) && u.format.test(format) && (!u.args || u.args.test(args)))?.why ?? null;
}

const defines = new Map<string, Map<string, string>>();
/** `#define NAME "string"` of a file. */
function definesOf(file: string, src: string): Map<string, string> {
  let m = defines.get(file);
  if (!m) {
    m = new Map();
    let text = '';
    try { text = fs.readFileSync(path.join(src, file), 'utf8'); } catch { /* none */ }
    for (const d of text.matchAll(/^#define\s+([A-Z][A-Z0-9_]+)\s+"([^"]*)"/gm)) m.set(d[1], d[2]);
    defines.set(file, m);
  }
  return m;
}

export interface SeenLine { text: string; emitter?: { file?: string | null; line?: number | null; fn?: string | null } | null }

/**
 * Did this line come from this site? Its emitter at the call (the code sits at or a few lines
 * below the macro's name), or, where the emitter's line is not the call's (an optimized build
 * merges identical log calls and keeps one return address; a line without emitter), the same
 * file and function, the site's format, and the strings its arguments name printed in it.
 */
export function lineOfSite(site: LogSite, l: SeenLine): boolean {
  const e = l.emitter;
  if (e?.file && e.line != null && e.file === site.file && e.line >= site.line && e.line - site.line <= 4) return true;
  if (e?.file && (e.file !== site.file || (e.fn && e.fn !== site.fn))) return false;
  if (!e?.file && site.format.length < 8) return false;
  const body = l.text.replace(/^[A-Z][A-Z0-9_]*: /, '');
  return formatRegex(site.format).test(body) && site.strings.every((x) => body.includes(x));
}

const bodyStarts = new Map<string, number>();
function bodyStart(f: Fn, src: string): number {
  const key = `${f.file}:${f.line}`;
  let n = bodyStarts.get(key);
  if (n === undefined) {
    const lines = fs.readFileSync(path.join(src, f.file), 'utf8').split('\n');
    n = f.line;
    while (n <= lines.length && lines[n - 1] !== '{') n++;
    bodyStarts.set(key, n);
  }
  return n;
}

/** The text between a call's "(" (already consumed up to the first argument) and its ")". */
function callArgs(body: string, from: number): string {
  let depth = 1, i = from, inStr = false;
  for (; i < body.length && depth > 0; i++) {
    const ch = body[i];
    if (inStr) { if (ch === '\\') i++; else if (ch === '"') inStr = false; continue; }
    if (ch === '"') inStr = true;
    else if (ch === '(') depth++;
    else if (ch === ')') depth--;
  }
  return body.slice(from, i - 1);
}

export interface SiteCoverage {
  site: LogSite;
  /** The rule whose line pattern reads this site's line. */
  rule: string | null;
  /** A line from a real EAL run (the corpus, recorded lines) that this site printed. */
  triggeredBy: string | null;
}

/**
 * Which rule reads each log site's line (its format's sample, with and without the "fn(): "
 * prefix PMD log macros add) and which recorded line it printed (lineOfSite).
 */
export function siteCoverage(sites: LogSite[], reads: { rule: string; re: RegExp }[], lines: SeenLine[]): SiteCoverage[] {
  const bodies = lines.map((l) => ({ ...l, body: l.text.replace(/^[A-Z][A-Z0-9_]*: /, '') }));
  return sites.map((site) => {
    const sample = sampleOf(site.format);
    const samples = [sample, `${site.fn}(): ${sample}`];
    const rule = reads.find((r) => samples.some((s) => r.re.test(s)))?.rule ?? null;
    const hit = bodies.find((l) => lineOfSite(site, l));
    return { site, rule, triggeredBy: hit?.text ?? null };
  });
}
