// Rules about files a key names: captures to read (must exist and be captures), captures to write
// (their directory must exist); fixes keep the direction the user asked for.
import path from 'node:path';
import type { LogLine } from '../../protocol/ops.js';
import { distance, nearest } from '../../util/nearest.js';
import { keyRole } from '../roles.js';
import type { Candidate } from '../types.js';
import { freeName, setKey, setValue } from '../edit.js';
import { claimText, find, plain, reads, site, syn, taken, type ClaimedCtx, type Finding, type Rule } from './context.js';

// The DPDK lines these rules read (registered at load for the coverage report).
const PCAP_FILE_1 = reads('pcapFile', /^open_single_rx_pcap\(\): Couldn't open (.*?): (.*)$/);
const PCAP_FILE_2 = reads('pcapFile', /^open_single_tx_pcap\(\): Couldn't open (.*) for writing/);


/** Captures in a directory that libpcap can read, the names closest to `near` first. */
export const readableCaptures = (c: ClaimedCtx, dir: string, near: string): string[] => c.host.entries(dir).filter((n) => n !== near && c.host.isPcap(path.join(dir, n)))
  .sort((x, y) => distance(near, x) - distance(near, y) || x.localeCompare(y)).slice(0, 2);

/** Make the capture the user meant to read at that path (a tx-only pcap port writes a few frames), then read it. */
export function makeCapture(c: ClaimedCtx, key: string, value: string, devargs = plain(c)): Candidate {
  const d = c.d, drv = c.drv;
  const first = `${drv.name}_mk${/(\d+)$/.exec(d.name)?.[1] ?? '0'}`;
  const maker = taken(c).has(first) || first === d.name ? freeName(first, taken(c)) : first;
  return {
    devargs, makeCapture: { key },
    before: [`probe ${maker},tx_pcap=${value}`, `port start ${maker}`, `tx ${maker} count 8`, `port detach ${maker}`],
    why: `makes ${value}: a tx-only pcap port writes 8 UDP frames into it, then ${key} reads them as asked`,
  };
}

function pathKeyFinding(c: ClaimedCtx, key: string, value: string, line: LogLine, text: string): Finding | null {
  const a = c.a, d = c.d, drv = c.drv;
  const role = keyRole(drv.name, key);
  const f = c.host.path(value);
  const base = { key, value, site: site(line), facts: [claimText(c)] };
  const sib = (names: string[]): Candidate[] => nearest(path.basename(f.abs), names.filter((n) => n !== path.basename(f.abs)), 2)
    .map((n) => ({ devargs: setValue(d, key, path.join(path.dirname(value), n)), why: `"${n}" exists next to it` }));
  // A path through a file ("x.txt/out.pcap"): ENOTDIR. The directory is not missing, a file stands where it should be.
  const blocker = !f.exists && !f.dirExists ? c.host.path(f.existingAncestor) : null;
  if (blocker?.exists && !blocker.isDir) {
    const beside = path.join(path.dirname(blocker.abs), path.basename(f.abs));
    return {
      ...base, cause: 'dir-missing', summary: `${blocker.abs} in ${key}=${value} is a file, not a directory`,
      facts: [...base.facts, `${blocker.abs} is a regular file`], explain: ['Every component before the file name must be a directory: opening the path fails with ENOTDIR.'],
      candidates: [{ devargs: setValue(d, key, beside), why: `the same file name next to ${path.basename(blocker.abs)}` }],
    };
  }
  if (role === 'pcap-out') {
    if (value === '' || /\(null\)/.test(text)) return { ...base, cause: 'value-invalid', summary: `${key} has no value: ${drv.name} needs a file name`, facts: [...base.facts, `declared ${key}=${syn(drv, key)}`], explain: [`"${text}": the key was given without "=FILE".`], candidates: [{ devargs: setValue(d, key, `${d.name}.pcap`), why: 'names the capture file' }] };
    if (f.isDir) return { ...base, cause: 'path-is-dir', summary: `${key}=${value} is a directory; ${drv.name} needs a file to write`, facts: [...base.facts, `${f.abs} is a directory`], explain: ['pcap_dump_open() opens the path for writing as a capture file.'], candidates: [{ devargs: setValue(d, key, path.join(value, `${d.name}.pcap`)), why: 'a file inside that directory' }] };
    if (!f.dirExists) {
      const missing = path.relative(f.existingAncestor, f.dir).split(path.sep)[0];
      const near = nearest(missing, c.host.entries(f.existingAncestor).filter((e) => c.host.path(path.join(f.existingAncestor, e)).isDir), 2);
      return {
        ...base, cause: 'dir-missing', summary: `the directory ${f.dir} for ${key} does not exist`,
        facts: [...base.facts, `${f.dir} does not exist (deepest existing: ${f.existingAncestor})`],
        explain: ['pcap_dump_open() creates the file but not its directory: fopen fails with ENOENT.'],
        candidates: [
          ...near.map((n) => ({ devargs: setValue(d, key, path.join(f.existingAncestor, n, path.relative(path.join(f.existingAncestor, missing), f.abs))), why: `"${n}" exists in ${f.existingAncestor}` })),
          { devargs: plain(c), host: [`mkdir -p ${f.dir}`], why: 'create the directory first', untried: 'diagnose does not create directories on the host' },
        ],
      };
    }
    return null;
  }
  if (role === 'pcap-in') {
    if (!f.exists) {
      if (!f.dirExists) return { ...base, cause: 'dir-missing', summary: `the directory ${f.dir} for ${key} does not exist`, facts: [...base.facts, `${f.dir} does not exist`], explain: ['pcap_open_offline() reads an existing capture file.'], candidates: [] };
      return {
        ...base, cause: 'file-missing', summary: `${key}=${value}: no such file`,
        facts: [...base.facts, `${f.abs} does not exist`],
        explain: ['rx_pcap replays an existing capture file (pcap_open_offline). To WRITE a capture, use tx_pcap.'],
        // What was asked is to READ a capture: the one most likely meant, or one made at that path;
        // writing instead (tx_pcap) changes what was asked and comes last.
        candidates: [
          ...readableCaptures(c, f.dir, path.basename(f.abs)).map((n) => ({ devargs: setValue(d, key, path.join(path.dirname(value), n)), why: `"${n}" is a capture next to it` })),
          makeCapture(c, key, value),
          ...(key === 'rx_pcap' ? [{ devargs: setKey(d, key, 'tx_pcap'), why: 'tx_pcap creates the file', changesIntent: 'writes a capture instead of reading one' }] : []),
        ],
      };
    }
    if (f.isDir) return { ...base, cause: 'path-is-dir', summary: `${key}=${value} is a directory, not a capture file`, facts: [...base.facts, `${f.abs} is a directory`], explain: ['pcap_open_offline() needs a capture file.'], candidates: c.host.entries(f.abs).filter(isPcapName).slice(0, 2).map((n) => ({ devargs: setValue(d, key, path.join(value, n)), why: `a capture in that directory` })) };
    return { ...base, cause: 'not-pcap', summary: `${key}=${value} is not a pcap capture (${/unknown file format|bad dump file/.exec(text)?.[0] ?? 'libpcap refused it'})`, facts: [...base.facts, `${f.abs} exists but libpcap cannot read it`], explain: ['libpcap reads pcap and pcapng files; the first bytes of this file are not a capture magic number.'], candidates: pcapsIn(c, f.dir, path.basename(f.abs)).map((n) => ({ devargs: setValue(d, key, path.join(path.dirname(value), n)), why: `"${n}" is a capture next to it` })) };
  }
  return null;
}

const isPcapName = (n: string): boolean => /\.(pcap|pcapng|cap)$/i.test(n);
/** Capture files in a directory, the names closest to `near` first. */

/** Capture files in a directory, the names closest to `near` first. */
const pcapsIn = (c: ClaimedCtx, dir: string, near: string): string[] => c.host.entries(dir).filter(isPcapName).sort((x, y) => distance(near, x) - distance(near, y) || x.localeCompare(y)).slice(0, 2);

export const pcapFileRule: Rule<ClaimedCtx> = (c) => {
  const a = c.a, d = c.d;
  const rx = find(a.log, PCAP_FILE_1);
  const tx = find(a.log, PCAP_FILE_2);
  const hit = rx ?? tx;
  if (!hit) return null;
  const key = rx ? 'rx_pcap' : 'tx_pcap';
  const kv = d.kv.find((k) => k.key === key);
  return pathKeyFinding(c, key, kv?.value ?? '', hit.line, hit.line.text);
};
