// virtio_user's backend: path= must lead to a listening vhost-user socket (or a kernel vhost
// device). Fixes start one in this shell (net_vhost) and prove against it.
import type { Candidate } from '../types.js';
import { freeName, setValue } from '../edit.js';
import { keyRole } from '../roles.js';
import type { Devargs } from '../../devargs/parse.js';
import { claimText, find, plain, reads, site, taken, type ClaimedCtx, type Rule } from './context.js';

// The DPDK lines these rules read (registered at load for the coverage report).
const BACKEND_1 = reads('backend', /connect error, (.+)$/);
const BACKEND_2 = reads('backend', /unable to determine backend type for path (.+)$/);
const BACKEND_3 = reads('backend', /vhost_kernel|vhost_vdpa|backend owner|virtio_user_dev_init fails/);


export function backendCandidate(c: ClaimedCtx, devargs: string, sock: string): Candidate {
  const vhost = c.drivers.find((x) => x.name === 'net_vhost');
  const vname = taken(c).has('net_vhost0') ? freeName('net_vhost0', taken(c)) : 'net_vhost0';
  if (!vhost) return { devargs, why: 'needs a vhost-user backend listening on the socket', untried: 'this build has no net_vhost to act as the backend' };
  return {
    devargs, backend: { socket: sock },
    before: [`probe ${vname},iface=${sock}`, `port start ${vname}`],
    why: `net_vhost in this shell serves the vhost-user socket (created on port start); virtio_user connects to it`,
  };
}

/**
 * The devargs without the keys only a kernel vhost backend takes (iface=, its tap's name): moved
 * to a vhost-user socket, virtio_user refuses them ("arg iface applies only to vhost-kernel backend").
 */
function userBackend(c: ClaimedCtx): Devargs {
  return { ...c.d, kv: c.d.kv.filter((k) => keyRole(c.drv.name, k.key) !== 'backend-iface') };
}

export const backendRule: Rule<ClaimedCtx> = (c) => {
  const a = c.a, d = c.d;
  const conn = find(a.log, BACKEND_1);
  const type = find(a.log, BACKEND_2);
  const kv = d.kv.find((k) => k.key === 'path');
  const sock = kv?.value ?? '';
  const f = sock ? c.host.path(sock) : null;
  // A character device is taken for a vhost-kernel (or vDPA) device; any other one fails in its ioctls.
  const kernel = f?.isChar ? find(a.log, BACKEND_3) : null;
  const hit = type ?? conn ?? kernel;
  if (!hit) return null;
  const facts = [claimText(c)];
  if (f) facts.push(!f.exists ? `${f.abs} does not exist` : f.isSocket ? `${f.abs} is a unix socket but nothing listens on it` : f.isChar ? `${f.abs} is a character device (${c.host.charName(f.abs) ?? '?'}), not a vhost-user socket; virtio_user took it for a kernel vhost device` : `${f.abs} is ${f.isDir ? 'a directory' : 'a regular file'}, not a socket`);
  const line = hit.line;
  const usable = f && (!f.exists || f.isSocket) && f.dirExists;
  return {
    cause: 'backend-missing', key: 'path', value: sock, site: site(line),
    summary: `virtio_user's path=${sock} does not lead to a vhost-user backend (${conn ? conn.m[1] : kernel ? `a character device that is not a vhost device: ${kernel.line.text}` : 'not a socket or vhost device'})`,
    facts,
    explain: ['virtio_user is the guest side of vhost-user: at probe it connects to the socket in path= and negotiates', 'features with a backend (a vhost switch, testpmd with net_vhost, or net_vhost in this very shell).',
      'Without a listening backend the probe fails. In 22.11 net_vhost creates its socket only when its port starts.'],
    candidates: [
      usable && f ? backendCandidate(c, plain(c), f.abs) : backendCandidate(c, setValue(userBackend(c), 'path', `/tmp/vdsh-${d.name}.sock`), `/tmp/vdsh-${d.name}.sock`),
      { devargs: plain(c), host: [`dpdk-testpmd --no-pci --file-prefix=vhost --vdev 'net_vhost0,iface=${f?.abs ?? sock}' -- -i`, "testpmd> start"], why: 'or an external vhost-user backend started first', untried: 'an external process is not started by diagnose' },
    ],
  };
};
