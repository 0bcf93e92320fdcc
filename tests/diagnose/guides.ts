// The devargs examples of DPDK's own NIC guides, read from the .rst files of the selected DPDK
// source tree at test time: every `--vdev=X`, `--vdev X`, `--vdev 'X'` and `--vdev "X"` of
// doc/guides/nics/{pcap_ring,tap,af_packet,null,vhost,virtio}.rst, read as the shell reads the
// command line it is part of (quotes removed). Adapted only where an example names a host object:
// interfaces become vdsh* interfaces the test creates, files and sockets live in a temp dir.
import fs from 'node:fs';
import path from 'node:path';
import { dpdkBuild } from '../../src/util/paths.js';

export const GUIDES = ['pcap_ring', 'tap', 'af_packet', 'null', 'vhost', 'virtio'];

export interface GuideExample { guide: string; line: number; text: string }

/** One shell word from s at i: quotes removed, backslash escapes kept literal; ends at whitespace or an rst ``. */
function shellWord(s: string, i: number): string {
  let out = '';
  while (i < s.length && !/\s|`/.test(s[i])) {
    const q = s[i];
    if (q === "'" || q === '"') {
      const end = s.indexOf(q, i + 1);
      if (end < 0) { out += s.slice(i + 1); break; }
      out += s.slice(i + 1, end);
      i = end + 1;
    } else if (q === '\\' && i + 1 < s.length) { out += s[i + 1]; i += 2; } else { out += q; i++; }
  }
  return out;
}

export function guideExamples(src = dpdkBuild().src): GuideExample[] {
  const out: GuideExample[] = [];
  for (const g of GUIDES) {
    const file = path.join(src, 'doc', 'guides', 'nics', `${g}.rst`);
    if (!fs.existsSync(file)) continue;
    fs.readFileSync(file, 'utf8').split('\n').forEach((l, n) => {
      for (const m of l.matchAll(/--vdev(?:=|\s+)/g)) {
        let text = shellWord(l, m.index! + m[0].length);
        // "--vdev=net_tap1,iface=foo1, ..." : the comma belongs to the guide's "and so on".
        if (/,\s*\.\.\./.test(l.slice(m.index! + m[0].length + text.length - 1))) text = text.replace(/,$/, '');
        // Prose ("the --vdev option") is not an example: every vdev driver name has an underscore.
        if (/^\w*_\w*(,|$)/.test(text) && !out.some((x) => x.text === text)) out.push({ guide: g, line: n + 1, text });
      }
    });
  }
  return out;
}

/** A placeholder, not an example: "net_pcap0,stream_opt0=..", "net_tunX" (names are lower case). */
export const isTemplate = (e: GuideExample): boolean => /\.\./.test(e.text) || /[A-Z]/.test(e.text.split(',')[0]);

export interface Adapted extends GuideExample {
  devargs: string;
  /** What was changed and why (host objects only). */
  changes: string[];
}

/**
 * Host objects the examples name, swapped for the test's own. ifaceFor(name) returns the vdsh*
 * interface standing in for a host interface the example names (eth0, tap0, foo1); newIface(name)
 * the vdsh* name for an interface the example has a driver create (iface=foo0, and the dtapN/dtunN
 * a net_tap/net_tun without iface= creates); files and sockets go to dir.
 */
export function adapt(e: GuideExample, host: { dir: string; ifaceFor(name: string): string; newIface(name: string): string }): Adapted {
  const changes: string[] = [];
  const [name, ...kv] = e.text.split(',');
  const tapLike = /^net_(tap|tun)/.test(name);
  const out = kv.map((pair) => {
    const eq = pair.indexOf('=');
    if (eq < 0) return pair;
    const key = pair.slice(0, eq), v = pair.slice(eq + 1);
    let nv = v;
    if (tapLike && key === 'iface') nv = host.newIface(v);
    else if (['iface', 'rx_iface', 'rx_iface_in', 'tx_iface', 'remote'].includes(key) && !v.includes('/')) nv = host.ifaceFor(v);
    else if (v.startsWith('/') || /\.pcap$/.test(v)) nv = path.join(host.dir, path.basename(v));
    if (nv !== v) changes.push(`${key}=${v} -> ${nv}`);
    return `${key}=${nv}`;
  });
  if (tapLike && !kv.some((p) => p.startsWith('iface='))) {
    const implied = `${name.startsWith('net_tun') ? 'dtun' : 'dtap'}${/\d+$/.exec(name)?.[0] ?? '0'}`;
    out.push(`iface=${host.newIface(implied)}`);
    changes.push(`iface=${host.newIface(implied)} added: without it ${name} creates the kernel interface ${implied}`);
  }
  return { ...e, devargs: [name, ...out].join(','), changes };
}
