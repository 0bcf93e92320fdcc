// What the shell can learn about a running DPDK application from /proc alone, before joining it:
// its file prefix and runtime directory (the open runtime files, else --file-prefix), the EAL
// options that make joining impossible, its telemetry socket, and which DPDK build it runs
// (the plugin directory compiled into the binary or its librte_eal.so names the build).
import fs from 'node:fs';
import path from 'node:path';
import { runtimeBase } from '../util/runtime-dir.js';

export interface AppInfo {
  pid: number;
  /** --file-prefix (DPDK's default is "rte"). */
  prefix: string;
  /** Where the primary keeps its config, mp socket and telemetry socket. */
  runtimeDir: string;
  /** The runtime config file is open in the process: it is a DPDK primary with shared config. */
  configOpen: boolean;
  exe: string | null;
  /** /proc/PID/cmdline, split. */
  argv: string[];
  /** The EAL's part (before "--") and the application's (after). */
  ealArgs: string[];
  appArgs: string[];
  /** Options of the application that make a secondary process impossible. */
  blockers: Blocker[];
  /** The telemetry socket, when it exists. */
  telemetry: string | null;
  /** The DPDK build the binary was made from, as far as it tells (see buildOf). */
  build: AppBuild;
}

export interface Blocker { option: string; why: string }

export interface AppBuild {
  /** RTE_EAL_PMD_PATH compiled into the binary: <prefix>/lib/<arch>/dpdk/pmds-<ABI>. */
  pluginDir: string | null;
  /** The shared librte_eal the process has mapped (null: DPDK linked statically). */
  ealLibrary: string | null;
}

export interface FindError { code: 'no-such-pid' | 'no-such-prefix' | 'not-dpdk' | 'no-permission' | 'usage'; message: string; hint: string }

const BLOCKERS: Record<string, string> = {
  '--no-huge': 'its memory is anonymous (--no-huge): a secondary process has no hugepage files to map',
  '--in-memory': 'it keeps no runtime files (--in-memory): there is no shared config to join',
  '--no-shconf': 'it shares no config (--no-shconf): there is no runtime config file to join',
};

/** The value of an EAL option given as --opt=V or --opt V. */
export function optionValue(args: string[], opt: string): string | undefined {
  for (let i = 0; i < args.length; i++) {
    if (args[i] === opt) return args[i + 1];
    if (args[i].startsWith(opt + '=')) return args[i].slice(opt.length + 1);
  }
  return undefined;
}

export function splitArgs(argv: string[]): { ealArgs: string[]; appArgs: string[] } {
  const dd = argv.indexOf('--');
  return dd < 0 ? { ealArgs: argv.slice(1), appArgs: [] } : { ealArgs: argv.slice(1, dd), appArgs: argv.slice(dd + 1) };
}

export function blockersOf(ealArgs: string[]): Blocker[] {
  return Object.keys(BLOCKERS).filter((o) => ealArgs.includes(o)).map((option) => ({ option, why: BLOCKERS[option] }));
}

/** The runtime config files a process holds open: /…/dpdk/PREFIX/config. */
function openConfigs(pid: number): string[] {
  let fds: string[];
  try { fds = fs.readdirSync(`/proc/${pid}/fd`); } catch { return []; }
  const out: string[] = [];
  for (const fd of fds) {
    try {
      const t = fs.readlinkSync(`/proc/${pid}/fd/${fd}`);
      if (/\/dpdk\/[^/]+\/config$/.test(t)) out.push(t);
    } catch { /* closed meanwhile */ }
  }
  return out;
}

/** Reads a file in chunks and returns the first NUL-terminated string starting with `needle`. */
export function findString(file: string, needle: string): string | null {
  let fd: number;
  try { fd = fs.openSync(file, 'r'); } catch { return null; }
  try {
    const size = 4 << 20, keep = 4096;
    const buf = Buffer.alloc(size + keep);
    let carry = 0;
    for (;;) {
      const n = fs.readSync(fd, buf, carry, size, null);
      const end = carry + n;
      const at = buf.subarray(0, end).indexOf(needle);
      if (at >= 0) {
        let stop = buf.indexOf(0, at);
        if (stop < 0 || stop > end) stop = end;
        return buf.subarray(at, stop).toString('utf8');
      }
      if (n === 0) return null;
      const tail = Math.min(keep, end);
      buf.copy(buf, 0, end - tail, end);
      carry = tail;
    }
  } finally {
    fs.closeSync(fd);
  }
}

/** The DPDK build of a process: the plugin directory compiled into its EAL. */
export function buildOf(pid: number, exe: string | null): AppBuild {
  let ealLibrary: string | null = null;
  try {
    const maps = fs.readFileSync(`/proc/${pid}/maps`, 'utf8');
    ealLibrary = /\s(\/\S*librte_eal\.so[\w.]*)$/m.exec(maps)?.[1] ?? null;
  } catch { /* no permission: the binary may still tell */ }
  const file = ealLibrary ?? (exe ? `/proc/${pid}/exe` : null);
  const found = file ? findString(file, 'DPDK_PLUGIN_PATH=') : null;
  return { pluginDir: found ? found.slice('DPDK_PLUGIN_PATH='.length) : null, ealLibrary };
}

/** Everything /proc says about process PID as a DPDK application, or why it is not one. */
export function inspectPid(pid: number): AppInfo | FindError {
  if (!fs.existsSync(`/proc/${pid}`)) {
    return { code: 'no-such-pid', message: `no process ${pid}`, hint: "check the pid (pgrep -a testpmd); 'attach --file-prefix PREFIX' finds it by prefix" };
  }
  let argv: string[];
  try {
    argv = fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0');
    if (argv[argv.length - 1] === '') argv.pop();
  } catch (e) {
    return { code: 'no-permission', message: `cannot read /proc/${pid}/cmdline: ${(e as Error).message}`, hint: 'run vdev-shell as the user of the application, or as root' };
  }
  if (!argv.length) return { code: 'not-dpdk', message: `process ${pid} is a kernel thread or a zombie`, hint: 'give the pid of a DPDK application' };
  let exe: string | null = null;
  try { exe = fs.readlinkSync(`/proc/${pid}/exe`); } catch { exe = null; }
  const { ealArgs, appArgs } = splitArgs(argv);
  const configs = openConfigs(pid);
  let runtimeDir: string, prefix: string;
  if (configs.length) {
    runtimeDir = path.dirname(configs[0]);
    prefix = path.basename(runtimeDir);
  } else {
    prefix = optionValue(ealArgs, '--file-prefix') ?? 'rte';
    runtimeDir = path.join(runtimeBase(), prefix);
  }
  const sock = path.join(runtimeDir, 'dpdk_telemetry.v2');
  const telemetry = fs.existsSync(sock) ? sock : null;
  const build = buildOf(pid, exe);
  const looksDpdk = configs.length > 0 || telemetry !== null || build.pluginDir !== null || build.ealLibrary !== null;
  if (!looksDpdk) {
    if (!fs.existsSync(`/proc/${pid}/fd`) || !canRead(`/proc/${pid}/fd`)) {
      return { code: 'no-permission', message: `cannot see the open files of process ${pid} (${exe ?? argv[0]})`, hint: 'run vdev-shell as the user of the application, or as root' };
    }
    return {
      code: 'not-dpdk', message: `process ${pid} (${exe ?? argv[0]}) is not a DPDK application: no DPDK runtime files open, no telemetry socket, no DPDK EAL in its binary or libraries`,
      hint: 'give the pid of a process that called rte_eal_init',
    };
  }
  return { pid, prefix, runtimeDir, configOpen: configs.length > 0, exe, argv, ealArgs, appArgs, blockers: blockersOf(ealArgs), telemetry, build };
}

function canRead(dir: string): boolean {
  try { fs.readdirSync(dir); return true; } catch { return false; }
}

/**
 * The primary of PREFIX: the process holding the POSIX write lock a primary takes on its runtime
 * config (rte_eal_config_create); its secondaries only map the file.
 */
export function findByPrefix(prefix: string): AppInfo | FindError {
  if (!/^[\w.-]+$/.test(prefix)) return { code: 'usage', message: `"${prefix}" is not a file prefix`, hint: 'a prefix is a plain name such as rte or vdsh-test' };
  const dir = path.join(runtimeBase(), prefix);
  const config = path.join(dir, 'config');
  const pid = lockHolder(config);
  if (pid !== null) return inspectPid(pid);
  const exists = fs.existsSync(dir);
  return {
    code: 'no-such-prefix',
    message: exists ? `no running DPDK primary holds ${config} (the runtime directory of prefix "${prefix}" is left over from an application that ended)`
      : `no DPDK application runs with --file-prefix=${prefix} (no ${dir})`,
    hint: `the prefixes in use are the directories of ${runtimeBase()}; 'attach PID' takes a pid`,
  };
}

/** The running primaries of this user: each prefix directory whose config is write-locked. */
export function listPrimaries(): { pid: number; prefix: string }[] {
  let dirs: string[];
  try { dirs = fs.readdirSync(runtimeBase()); } catch { return []; }
  const out: { pid: number; prefix: string }[] = [];
  for (const prefix of dirs) {
    const pid = lockHolder(path.join(runtimeBase(), prefix, 'config'));
    if (pid !== null) out.push({ pid, prefix });
  }
  return out;
}

/** The pid holding a POSIX write lock on a file (/proc/locks), or null. */
export function lockHolder(file: string): number | null {
  let st: fs.Stats, locks: string;
  try { st = fs.statSync(file); locks = fs.readFileSync('/proc/locks', 'utf8'); } catch { return null; }
  for (const line of locks.split('\n')) {
    const m = /^\d+:\s+POSIX\s+\S+\s+WRITE\s+(\d+)\s+[0-9a-f]+:[0-9a-f]+:(\d+)\s/.exec(line);
    if (m && Number(m[2]) === st.ino) return Number(m[1]);
  }
  return null;
}

function realpath(p: string): string {
  try { return fs.realpathSync(p); } catch { return p; }
}

export const isFindError = (x: AppInfo | FindError): x is FindError => 'code' in x;
