// Facts about the host that decide a vdev's fate: interfaces, paths, pcap magic, listening unix
// sockets, and the capabilities of the inferior process. Read-only, synchronous, fast.
import fs from 'node:fs';
import path from 'node:path';

/** IFNAMSIZ is 16 on Linux: 15 characters and the NUL. */
export const IFNAMSIZ = 16;

export function hostIfaces(): string[] {
  try { return fs.readdirSync('/sys/class/net').sort(); } catch { return []; }
}

/** IFF_UP (bit 0 of the interface flags). */
export function ifaceUp(iface: string): boolean {
  try { return (parseInt(fs.readFileSync(`/sys/class/net/${iface}/flags`, 'utf8'), 16) & 1) === 1; } catch { return false; }
}

/** IFF_LOOPBACK (0x8). */
export function ifaceLoopback(iface: string): boolean {
  try { return (parseInt(fs.readFileSync(`/sys/class/net/${iface}/flags`, 'utf8'), 16) & 8) === 8; } catch { return false; }
}

/** tun/tap interfaces carry a tun_flags file in sysfs. */
export function isTunTap(iface: string): boolean {
  return fs.existsSync(`/sys/class/net/${iface}/tun_flags`);
}

export interface PathFacts {
  abs: string;
  exists: boolean;
  isDir: boolean;
  isSocket: boolean;
  isChar: boolean;
  isFile: boolean;
  /** The directory the file would live in, and whether it exists. */
  dir: string;
  dirExists: boolean;
  /** The deepest existing ancestor (for did-you-mean on the missing component). */
  existingAncestor: string;
}

export function pathFacts(p: string, cwd = process.cwd()): PathFacts {
  const abs = path.resolve(cwd, p);
  let st: fs.Stats | null = null;
  try { st = fs.statSync(abs); } catch { /* missing */ }
  const dir = path.dirname(abs);
  let anc = dir;
  while (!fs.existsSync(anc) && anc !== path.dirname(anc)) anc = path.dirname(anc);
  return {
    abs, exists: !!st, isDir: !!st?.isDirectory(), isSocket: !!st?.isSocket(), isChar: !!st?.isCharacterDevice(),
    isFile: !!st?.isFile(), dir, dirExists: isDir(dir), existingAncestor: anc,
  };
}

const isDir = (p: string): boolean => { try { return fs.statSync(p).isDirectory(); } catch { return false; } };

/** libpcap's savefile magics (pcap usec/nsec, both byte orders) and pcapng's section header. */
const PCAP_MAGIC = new Set(['a1b2c3d4', 'd4c3b2a1', 'a1b23c4d', '4d3cb2a1', '0a0d0d0a']);
export function isPcapFile(abs: string): boolean {
  try {
    // Only regular files: opening a FIFO for reading would block the whole shell until a writer came.
    if (!fs.statSync(abs).isFile()) return false;
    const fd = fs.openSync(abs, 'r');
    try {
      const b = Buffer.alloc(4);
      if (fs.readSync(fd, b, 0, 4, 0) < 4) return false;
      return PCAP_MAGIC.has(b.toString('hex'));
    } finally { fs.closeSync(fd); }
  } catch { return false; }
}

/** Unix socket paths some process listens on (/proc/net/unix, state LISTEN = flag 00010000). */
export function listeningSockets(): Set<string> {
  const out = new Set<string>();
  try {
    for (const line of fs.readFileSync('/proc/net/unix', 'utf8').split('\n').slice(1)) {
      const f = line.trim().split(/\s+/);
      if (f.length >= 8 && f[3] === '00010000' && f[7].startsWith('/')) out.add(f[7]);
    }
  } catch { /* not Linux */ }
  return out;
}

/** Effective capabilities of a process: CAP_NET_ADMIN (12) for tun/tap, CAP_NET_RAW (13) for packet sockets. */
export function processCaps(pid: number | undefined): { netAdmin: boolean; netRaw: boolean } | null {
  if (!pid) return null;
  try {
    const m = /^CapEff:\s*([0-9a-f]+)/m.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
    if (!m) return null;
    const caps = BigInt('0x' + m[1]);
    return { netAdmin: (caps >> 12n & 1n) === 1n, netRaw: (caps >> 13n & 1n) === 1n };
  } catch { return null; }
}

/** The kernel's name of a character device (DEVNAME in /sys/dev/char/MAJ:MIN/uevent), e.g. "vhost-net", "net/tun". */
export function charDeviceName(abs: string): string | null {
  try {
    const st = fs.statSync(abs);
    if (!st.isCharacterDevice()) return null;
    const major = Math.floor(st.rdev / 256) & 0xfff, minor = (st.rdev & 0xff) | ((st.rdev >> 12) & 0xfff00);
    return /^DEVNAME=(.*)$/m.exec(fs.readFileSync(`/sys/dev/char/${major}:${minor}/uevent`, 'utf8'))?.[1] ?? null;
  } catch { return null; }
}

/** A kernel vhost device virtio_user can drive (vhost-net, vhost-vdpa-N), by the kernel's own name for it. */
export const isVhostDevice = (abs: string): boolean => /^vhost-(net|vdpa-\d+)$/.test(charDeviceName(abs) ?? '');

/** Entries of a directory (for did-you-mean on a file name). */
export function dirEntries(dir: string): string[] {
  try { return fs.readdirSync(dir); } catch { return []; }
}
