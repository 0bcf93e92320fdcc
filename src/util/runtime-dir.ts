// DPDK makes a runtime directory for every EAL, <base>/<file prefix>, also with --no-shconf
// (lib/eal/linux/eal.c eal_parse_args: "In no_shconf mode, skip any errors" of
// eal_create_runtime_dir), and no EAL removes it. Its default prefix "rte" is every other DPDK
// application's too, so an EAL of the shell started without --file-prefix gets a prefix of its
// own, vdsh-<pid>, and its directory is removed when it ends (by the EAL's process, and by the
// shell after a crash or a kill).
import fs from 'node:fs';
import path from 'node:path';

/** Where DPDK keeps runtime directories: /var/run/dpdk for root, else $XDG_RUNTIME_DIR/dpdk (or /tmp/dpdk). */
export function runtimeBase(): string {
  if (process.getuid?.() === 0) return '/var/run/dpdk';
  return path.join(process.env.XDG_RUNTIME_DIR ?? '/tmp', 'dpdk');
}

const givesPrefix = (args: string[]): boolean => args.some((a) => a === '--file-prefix' || a.startsWith('--file-prefix='));

/** The shell's own prefix for the EAL of process `pid`. */
export const ownPrefix = (pid: number): string => `vdsh-${pid}`;

/** The EAL arguments with a prefix of the shell's when they name none. */
export function withOwnPrefix(args: string[], pid: number): string[] {
  return givesPrefix(args) ? args : [...args, `--file-prefix=${ownPrefix(pid)}`];
}

/** Removes the runtime directory the EAL of `pid` was given by withOwnPrefix (none: nothing to do). */
export function removeOwnRuntimeDir(args: string[], pid: number | undefined): void {
  if (pid === undefined || givesPrefix(args)) return;
  const dir = path.join(runtimeBase(), ownPrefix(pid));
  // With --no-shconf DPDK leaves it empty: one rmdir, not a recursive removal (~1 ms on an EAL's
  // way out, where the shell waits for it).
  try { fs.rmdirSync(dir); return; } catch (e) { if ((e as NodeJS.ErrnoException).code === 'ENOENT') return; }
  try { fs.rmSync(dir, { recursive: true, force: true }); } catch { /* not ours to insist on */ }
}
