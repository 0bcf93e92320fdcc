// Rules about host interfaces a key names, and the privileges to open them.
import type { LogLine } from '../../protocol/ops.js';
import { nearest } from '../../util/nearest.js';
import { IFNAMSIZ } from '../host.js';
import { capNeeded, keyRole } from '../roles.js';
import type { Candidate, Cause } from '../types.js';
import { setValue } from '../edit.js';
import { claimText, find, plain, reads, site, type ClaimedCtx, type Finding, type Rule } from './context.js';

// The DPDK lines these rules read (registered at load for the coverage report).
const IFACE_1 = reads('iface', /Operation not permitted|permission to perform this capture|Could not open AF_PACKET socket/);
const IFACE_2 = reads('iface', /Couldn't open (\S+): .*That device is not up/);
const IFACE_3 = reads('iface', /I\/F name too long \((.*)\)/);
const IFACE_4 = reads('iface', /TAP invalid remote interface name \((.*)\)/);
const IFACE_5 = reads('iface', /Unable to set TUNSETIFF for (.*): Invalid argument/);
const IFACE_6 = reads('iface', /(?:Couldn't open (\S+): .*No such device exists|(\S+): ioctl failed \(SIOCGIFINDEX\):No such device)/);


function ifaceFinding(c: ClaimedCtx, key: string, value: string, line: LogLine | undefined, cause: Cause, summary: string, explain: string[]): Finding {
  const d = c.d;
  const near = cause === 'iface-missing' ? nearest(value, c.host.ifaces, 3) : [];
  const cands: Candidate[] = near.map((n) => ({ devargs: setValue(d, key, n), why: `host interface "${n}" exists` }));
  if (cause === 'iface-name-too-long') cands.push({ devargs: setValue(d, key, value.replace(/[\s/:]/g, '').slice(0, IFNAMSIZ - 1)), why: `cut to ${IFNAMSIZ - 1} characters` });
  if (cause === 'iface-in-use') {
    let n = 0, name = `${value.slice(0, 12)}t${n}`;
    while (c.host.ifaces.includes(name)) name = `${value.slice(0, 12)}t${++n}`;
    cands.push({ devargs: setValue(d, key, name), why: `"${name}" is not a host interface yet` });
  }
  return {
    cause, key, value, summary, site: site(line), explain,
    facts: [claimText(c), `host interfaces (/sys/class/net): ${c.host.ifaces.join(' ') || '(none)'}`],
    candidates: cands,
  };
}

export const ifaceRule: Rule<ClaimedCtx> = (c) => {
  const a = c.a, d = c.d, drv = c.drv;
  const valOf = (re: RegExp, m: RegExpExecArray | undefined): { key: string; value: string } | null => {
    const v = m?.[1];
    const exact = d.kv.find((k) => k.value === v && keyRole(drv.name, k.key));
    if (exact) return { key: exact.key, value: exact.value ?? '' };
    const kv = d.kv.find((k) => keyRole(drv.name, k.key) === 'host-iface' || keyRole(drv.name, k.key) === 'new-iface');
    return kv ? { key: kv.key, value: kv.value ?? '' } : null;
  };
  const perm = find(a.log, IFACE_1);
  if (perm) {
    const need = capNeeded(drv.name, d.kv.map((k) => k.key));
    const cap = need === 'netAdmin' ? 'CAP_NET_ADMIN' : 'CAP_NET_RAW';
    return {
      cause: 'permission', site: site(perm.line),
      summary: `${drv.name} needs ${cap} (root) and the EAL process does not have it`,
      facts: [claimText(c), c.host.caps ? `inferior capabilities: CAP_NET_ADMIN ${c.host.caps.netAdmin ? 'yes' : 'no'}, CAP_NET_RAW ${c.host.caps.netRaw ? 'yes' : 'no'}` : 'capabilities of the inferior unknown'],
      explain: [need === 'netAdmin' ? 'net_tap/net_tun create a kernel interface with ioctl(TUNSETIFF) on /dev/net/tun, which needs CAP_NET_ADMIN.' : 'Packet sockets (AF_PACKET, libpcap live capture) need CAP_NET_RAW.', 'Run vdev-shell as root, or grant the capability (setcap/capsh); no devargs change fixes this.'],
      candidates: [{ devargs: plain(c), host: [`run vdev-shell as root (or grant ${cap} to it)`], why: `grants ${cap}`, untried: 'privileges cannot be proved from inside this session' }],
    };
  }
  const down = find(a.log, IFACE_2);
  if (down) {
    const v = valOf(/./, down.m);
    if (!v) return null;
    return { ...ifaceFinding(c, v.key, v.value, down.line, 'iface-down', `host interface "${v.value}" exists but is down; libpcap cannot capture on it`, ['pcap_open_live() needs the interface up (IFF_UP).']),
      candidates: [{ devargs: plain(c), host: [`ip link set ${v.value} up`], why: 'bring the interface up first', untried: 'diagnose does not change host interfaces' }] };
  }
  const tooLong = find(a.log, IFACE_3);
  if (tooLong) { const v = valOf(/./, tooLong.m); if (v) return ifaceFinding(c, v.key, v.value, tooLong.line, 'iface-name-too-long', `interface name "${v.value}" is ${v.value.length} characters; Linux allows ${IFNAMSIZ - 1} (IFNAMSIZ ${IFNAMSIZ})`, ['Kernel interface names fit IFNAMSIZ (16 bytes with the NUL).']); }
  const tapBad = find(a.log, IFACE_4);
  if (tapBad) {
    const v = valOf(/./, tapBad.m);
    if (!v) return null;
    if (v.value.length >= IFNAMSIZ) return ifaceFinding(c, v.key, v.value, tapBad.line, 'iface-name-too-long', `interface name "${v.value}" is ${v.value.length} characters; Linux allows ${IFNAMSIZ - 1} (IFNAMSIZ ${IFNAMSIZ})`, ['net_tap checks the name (is_valid_iface): shorter than IFNAMSIZ, no "/", ":" or spaces.']);
    return { ...ifaceFinding(c, v.key, v.value, tapBad.line, 'value-invalid', `"${v.value}" is not a valid interface name (no "/", ":" or whitespace)`, ['net_tap checks the name (is_valid_iface): shorter than IFNAMSIZ, no "/", ":" or spaces.']),
      candidates: [{ devargs: setValue(d, v.key, v.value.replace(/[\s/:]/g, '').slice(0, IFNAMSIZ - 1) || 'dtap0'), why: 'the name without the forbidden characters' }] };
  }
  const tunInval = find(a.log, IFACE_5);
  if (tunInval) {
    const v = valOf(/./, tunInval.m);
    if (!v) return null;
    return ifaceFinding(c, v.key, v.value, tunInval.line, 'iface-in-use', `"${v.value}" is an existing host interface that is not a tun/tap device; net_tap cannot create it`, ['TUNSETIFF creates the named tap, or attaches to an existing tun/tap of that name; any other existing interface (eth0, lo, a bridge) makes it fail with EINVAL.']);
  }
  const noDev = find(a.log, IFACE_6);
  if (noDev) {
    const v = valOf(/./, { ...noDev.m, 1: noDev.m[1] ?? noDev.m[2] } as RegExpExecArray);
    if (!v) return null;
    if (v.value.length >= IFNAMSIZ) return ifaceFinding(c, v.key, v.value, noDev.line, 'iface-name-too-long', `interface name "${v.value}" is ${v.value.length} characters; Linux allows ${IFNAMSIZ - 1}, so it cannot exist`, ['Kernel interface names fit IFNAMSIZ (16 bytes with the NUL).']);
    return ifaceFinding(c, v.key, v.value, noDev.line, 'iface-missing', `host interface "${v.value}" does not exist` + (nearest(v.value, c.host.ifaces, 3).length ? `; did you mean ${nearest(v.value, c.host.ifaces, 3).join(', ')}?` : ''),
      [`${drv.name} opens an EXISTING host interface for ${v.key}; it does not create one (net_tap does).`]);
  }
  return null;
};
