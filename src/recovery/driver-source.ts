// Facts read from a driver's own C source (the DPDK tree this build came from), for warnings
// that depend on how the driver treats its arguments: which keys its kvargs parser accepts
// (declared or not) and which it reads only when they appear exactly once. Cached per driver.
import fs from 'node:fs';
import path from 'node:path';
import { dpdkPaths } from '../util/paths.js';

export interface SourceSite { file: string; line: number }
export interface DriverSource {
  /** The .c file that registers the driver (RTE_PMD_REGISTER_VDEV), DPDK-relative. */
  file: string;
  /** Keys in the valid-arguments array handed to rte_kvargs_parse. */
  validKeys: Map<string, SourceSite>;
  /** Keys read under `rte_kvargs_count(kvlist, KEY) == 1`: ignored when given twice. */
  onlyOnce: Map<string, SourceSite>;
  /** Keys only counted, never handed to rte_kvargs_process: flags whose value nobody reads (net_tap persist). */
  countedOnly: Map<string, SourceSite>;
  /**
   * The interface name template ("dtap%d", "tap%d") the driver hands TUNSETIFF when no name is
   * given: the kernel then picks the first free name it fits. The one in the driver's probe
   * function, else the only one in its directory (virtio_user's is in vhost_kernel.c).
   */
  nameTemplate?: SourceSite & { template: string };
  /** Some file of the driver's directory names "/dev/net/tun": its probe may open tun/tap devices. */
  opensTun: boolean;
}

const cache = new Map<string, DriverSource | null>();

function netDir(): string { return path.join(dpdkPaths().src, 'drivers', 'net'); }

function listC(dir: string): string[] {
  const out: string[] = [];
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) out.push(...listC(p));
    else if (/\.[ch]$/.test(e.name)) out.push(p);
  }
  return out;
}

const DRIVER_DIRS = ['af_packet', 'null', 'pcap', 'ring', 'tap', 'virtio', 'vhost'];
/** driver name -> the .c file that registers it; and the directories read so far. */
const registrations = new Map<string, string>();
const scanned = new Set<string>();

/** Registrations (RTE_PMD_REGISTER_VDEV) found in one drivers/net directory. */
function scanDir(d: string): void {
  const dir = path.join(netDir(), d);
  if (scanned.has(d) || !fs.existsSync(dir)) return;
  scanned.add(d);
  for (const f of listC(dir)) {
    const text = fs.readFileSync(f, 'utf8');
    for (const m of text.matchAll(/RTE_PMD_REGISTER_VDEV\((\w+)\s*,/g)) registrations.set(m[1], f);
  }
}
/**
 * The file that registers a driver, over drivers/net (built or not: only names we ask for
 * matter). The directory its name suggests (net_null -> null) is read first; the rest only when
 * the name says nothing (net_tun lives in tap, net_virtio_user in virtio).
 */
function registeringFile(driver: string): string | undefined {
  const guess = driver.replace(/^(net|eth)_/, '');
  if (DRIVER_DIRS.includes(guess)) scanDir(guess);
  if (!registrations.has(driver)) for (const d of DRIVER_DIRS) scanDir(d);
  return registrations.get(driver);
}

export function driverSource(driver: string): DriverSource | null {
  if (cache.has(driver)) return cache.get(driver)!;
  let out: DriverSource | null = null;
  try {
    const file = registeringFile(driver);
    if (file) {
      const dir = path.dirname(file);
      // The directory's files, read once: its defines, whether it opens tun devices, its name template.
      const files = listC(dir).map((f) => ({ f, text: fs.readFileSync(f, 'utf8') }));
      const defines = new Map<string, string>();
      let opensTun = false;
      for (const { text: t } of files) {
        if (t.includes('"/dev/net/tun"')) opensTun = true;
        for (const m of t.matchAll(/#define\s+(\w+)\s+"([^"]*)"/g)) defines.set(m[1], m[2]);
      }
      const text = fs.readFileSync(file, 'utf8');
      const rel = path.relative(dpdkPaths().src, file);
      const lineAt = (i: number): number => text.slice(0, i).split('\n').length;
      const keyOf = (tok: string): string | undefined => (tok.startsWith('"') ? tok.slice(1, -1) : defines.get(tok));
      const validKeys = new Map<string, SourceSite>();
      for (const m of text.matchAll(/static\s+const\s+char\s*\*\s*(?:const\s+)?\w*(?:valid|args|arguments)\w*\s*\[\]\s*=\s*\{([^}]*)\}/g)) {
        for (const t of m[1].matchAll(/("[^"]*"|\w+)/g)) {
          const k = keyOf(t[1]);
          if (k !== undefined && t[1] !== 'NULL') validKeys.set(k, { file: rel, line: lineAt(m.index!) });
        }
      }
      const onlyOnce = new Map<string, SourceSite>();
      for (const m of text.matchAll(/rte_kvargs_count\(\s*\w+\s*,\s*(\w+|"[^"]*")\s*\)\s*==\s*1/g)) {
        const k = keyOf(m[1]);
        if (k !== undefined && !onlyOnce.has(k)) onlyOnce.set(k, { file: rel, line: lineAt(m.index!) });
      }
      const processed = new Set([...text.matchAll(/rte_kvargs_process\(\s*\w+\s*,\s*(\w+|"[^"]*")/g)].map((m) => keyOf(m[1])));
      const countedOnly = new Map<string, SourceSite>();
      for (const m of text.matchAll(/rte_kvargs_count\(\s*\w+\s*,\s*(\w+|"[^"]*")\s*\)/g)) {
        const k = keyOf(m[1]);
        if (k !== undefined && !processed.has(k) && !countedOnly.has(k)) countedOnly.set(k, { file: rel, line: lineAt(m.index!) });
      }
      const nameTemplate = nameTemplateOf(driver, text, files, defines);
      out = { file: rel, validKeys, onlyOnce, countedOnly, opensTun, ...(nameTemplate ? { nameTemplate } : {}) };
    }
  } catch { out = null; }
  cache.set(driver, out);
  return out;
}

/**
 * A "%d" name template handed to the kernel as an interface name (strlcpy(name, DEFAULT_TAP_NAME
 * "%d", ...), `: "tap%d"`), not one in a log or printf format. Per driver: the template inside its
 * probe function (RTE_PMD_REGISTER_VDEV -> .probe), else the only distinct one in its directory.
 */
function nameTemplateOf(driver: string, regText: string, files: { f: string; text: string }[], defines: Map<string, string>): (SourceSite & { template: string }) | undefined {
  const found: (SourceSite & { template: string; fn: string | null })[] = [];
  for (const { f, text } of files) {
    if (!f.endsWith('.c')) continue;
    let fn: string | null = null;
    text.split('\n').forEach((line, i) => {
      const start = /^(\w+)\(/.exec(line);
      if (start) fn = start[1];
      if (/LOG|printf|\bERR\b/.test(line)) return;
      const m = /(?:\b([A-Z_][A-Z0-9_]*)\s+)?"([A-Za-z_]*%d)"/.exec(line);
      if (!m) return;
      const template = (m[1] ? defines.get(m[1]) ?? '' : '') + m[2];
      if (/^[A-Za-z_]+%d$/.test(template)) found.push({ file: path.relative(dpdkPaths().src, f), line: i + 1, template, fn });
    });
  }
  const strct = new RegExp(`RTE_PMD_REGISTER_VDEV\\(${driver}\\s*,\\s*(\\w+)\\)`).exec(regText)?.[1];
  const probe = strct ? new RegExp(`${strct}\\s*=\\s*\\{[^}]*\\.probe\\s*=\\s*(\\w+)`).exec(regText)?.[1] : undefined;
  const inProbe = found.find((t) => t.fn === probe);
  const distinct = new Set(found.map((t) => t.template));
  const hit = inProbe ?? (distinct.size === 1 ? found[0] : undefined);
  return hit && { file: hit.file, line: hit.line, template: hit.template };
}

/**
 * Reads the drivers' sources ahead of need, one step per turn of the event loop, while `idle()`
 * holds: an EAL starting (rte_eal_init sleeps 100 ms) leaves the shell nothing to do, and the
 * first probe's warnings would otherwise read its driver's files right after the probe (~3 ms).
 */
export async function warmDriverSources(idle: () => boolean): Promise<void> {
  const turn = (): Promise<boolean> => new Promise((r) => setImmediate(() => r(idle())));
  for (const d of DRIVER_DIRS) {
    if (!(await turn())) return;
    try { scanDir(d); } catch { return; }
  }
  for (const name of [...registrations.keys()]) {
    if (!(await turn())) return;
    driverSource(name);
  }
}
