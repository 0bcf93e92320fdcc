// Tun/tap file descriptors a failed probe left open. Each holds a kernel interface for as long as
// the EAL lives, and no device owns it: DPDK 22.11's virtio_user sets up a vhost-kernel backend
// (its tap opened, under the kernel's "tap%d" when iface= is not given) and, when the backend's
// owner ioctl then fails, returns without the backend's destroy, which would close it
// (virtio_user_dev.c virtio_user_dev_init, "Failed to set backend owner"; 23.11 on close it).
// The inferior closes them, so the interface goes with the failed device, and says which.
import fs from 'node:fs';

const TUN = '/dev/net/tun';

/** This process's tun/tap fds and the interface each is attached to ('' for none yet). */
export function tunFds(): Map<number, string> {
  const out = new Map<number, string>();
  let fds: string[];
  try { fds = fs.readdirSync('/proc/self/fd'); } catch { return out; }
  for (const f of fds) {
    try {
      if (fs.readlinkSync(`/proc/self/fd/${f}`) !== TUN) continue;
      const iff = /^iff:\s*(\S*)/m.exec(fs.readFileSync(`/proc/self/fdinfo/${f}`, 'utf8'))?.[1] ?? '';
      out.set(Number(f), iff);
    } catch { /* closed meanwhile */ }
  }
  return out;
}

/** Closes the tun/tap fds opened since `before` that are still open; the interfaces they held. */
export function closeLeftTuns(before: Map<number, string>): { fd: number; iface: string }[] {
  const left = [...tunFds()].filter(([fd, iff]) => before.get(fd) !== iff || !before.has(fd));
  for (const [fd] of left) { try { fs.closeSync(fd); } catch { /* gone */ } }
  return left.map(([fd, iface]) => ({ fd, iface }));
}
