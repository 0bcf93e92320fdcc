// Facts about the host's kernel interfaces, read from /sys (no process spawned).
import fs from 'node:fs';

/** The name of the interface with this ifindex, or null (gone, or no /sys). */
export function ifNameOf(ifIndex: number): string | null {
  try {
    for (const n of fs.readdirSync('/sys/class/net')) {
      if (fs.readFileSync(`/sys/class/net/${n}/ifindex`, 'utf8').trim() === String(ifIndex)) return n;
    }
  } catch { /* no /sys: no answer */ }
  return null;
}

/** IFF_PERSIST (linux/if_tun.h): the tun/tap interface outlives the file descriptor that made it. */
const IFF_PERSIST = 0x0800;

/** Is NAME a tun/tap interface the kernel keeps after its owner closes it? (tun_flags exists only for tun/tap.) */
export function tunPersistent(name: string): boolean {
  try {
    return (parseInt(fs.readFileSync(`/sys/class/net/${name}/tun_flags`, 'utf8'), 16) & IFF_PERSIST) !== 0;
  } catch {
    return false;
  }
}

/**
 * The kernel interface a tun/tap port (net_tap, net_tun) made and the kernel keeps after the port
 * closes it (IFF_PERSIST: net_tap's persist flag), or null. nameOf: tests can stub /sys.
 */
export function persistentTunOf(port: { ifIndex?: number; driver?: string } | null, nameOf = ifNameOf): string | null {
  if (!port?.ifIndex || !/tap|tun/.test(port.driver ?? '')) return null;
  const name = nameOf(port.ifIndex);
  return name && tunPersistent(name) ? name : null;
}
