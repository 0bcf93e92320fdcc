// Rules about the keys and values a claimed driver was given: a key of another driver or none, a
// key without a value, a key of another backend, an argument the driver requires, a value refused.
import { nearest } from '../../util/nearest.js';
import { keyOwners } from '../classify.js';
import { keyRole } from '../roles.js';
import type { Candidate } from '../types.js';
import { addKey, dropKey, renameTo, setKey, setValue } from '../edit.js';
import { backendCandidate } from './backend.js';
import { makeCapture, readableCaptures } from './files.js';
import { claimText, find, kvText, likelyIface, ownLines, reads, site, syn, taken, type ClaimedCtx, type Rule } from './context.js';

// The DPDK lines these rules read (registered at load for the coverage report).
const KEY_1 = reads('key', /error when parsing param|kvargs/i);
const BACKEND_KEY_1 = reads('backendKey', /arg (\w+) applies only to ([\w-]+) backend/);
const BACKEND_KEY_2 = reads('backendKey', /Server mode only supports (vhost-user)/);
const MULTI_Q = reads('value', /multi-q requires ctrl-q/);
/** virtio's queue set-up refusing the ring size virtio_user asked for (queue_size=). */
const QUEUE_SIZE = reads('value', /split virtqueue size is not power of 2|virtqueue does not exist/);
const ARG_MISSING_1 = reads('argMissing', /arg (\w+) is mandatory/);
const ARG_MISSING_2 = reads('argMissing', /No rx or tx queues provided/);
const VALUE_1 = reads('value', /invalid (\w+) value|\((.*)\) is not in format|(?:could not parse|error to parse|Failed to parse) (\w+)|arg (\w+) \d+ exceeds the limit|Both ([\w-]+) and [\w-]+ arguments|([\w-]+) requires [\w-]+|(\w+) size is not power of 2|frame size exceeds block size|invalid AF_PACKET MMAP parameters|Error parsing internal args|Invalid (\w+) mode: /);


export const keyRule: Rule<ClaimedCtx> = (c) => {
  const a = c.a;
  const d = c.d, drv = c.drv;
  // An undeclared key the driver's own parser takes (net_tap's persist) is not why it failed.
  const parserTakes = c.parserKeys(drv.name);
  const bad = d.kv.filter((kv) => !drv.keys.some((k) => k.key === kv.key) && !parserTakes?.has(kv.key));
  if (!bad.length) return null;
  const k = bad[0];
  const owners = keyOwners(k.key, c.drivers, drv);
  const parsing = find(a.log, KEY_1) ?? undefined;
  const base = {
    key: k.key, value: k.value, site: site(parsing?.line ?? ownLines(a.log)[0] ?? a.log[0]),
    facts: [claimText(c), `${drv.name} declares: ${kvText(drv)}`],
  };
  const teach = `${drv.name}'s probe hands its args to rte_kvargs_parse(), which only knows ${drv.keys.map((x) => x.key).join(', ') || 'no keys'}; one unknown key makes the whole string fail (-1), and many drivers log nothing about it.`;
  if (owners.length) {
    const cands: Candidate[] = owners.map((o) => ({
      devargs: renameTo(d, o.name, taken(c), false, o), why: `${o.name} declares ${k.key}; a name starting with "${o.name}" makes the vdev bus give the device to it`,
    }));
    cands.push({ devargs: dropKey(d, k.key), why: `keeps ${drv.name} and drops the key it does not know`, changesIntent: `drops ${k.key}` });
    return {
      ...base, cause: 'key-wrong-driver', candidates: cands,
      summary: `"${k.key}" is a key of ${owners.map((o) => o.name).join(', ')}, but ${drv.name} claimed "${d.name}"`,
      facts: [...base.facts, `${k.key} is declared by ${owners.map((o) => `${o.name} (${syn(o, k.key)})`).join(', ')}`],
      explain: [`${claimText(c)}.`, teach, `The key belongs to ${owners[0].name}: name the device after that driver (or its alias ${owners[0].alias ?? '-'}).`],
    };
  }
  const near = nearest(k.key, drv.keys.map((s) => s.key), 3);
  return {
    ...base, cause: 'key-unknown',
    summary: `${drv.name} has no key "${k.key}"` + (near.length ? `; did you mean ${near.join(', ')}?` : ''),
    candidates: [
      ...near.map((n) => ({ devargs: setKey(d, k.key, n), why: `"${n}" is the declared key closest to "${k.key}"` })),
      { devargs: dropKey(d, k.key), why: 'drops the unknown key', changesIntent: `drops ${k.key}` },
    ],
    explain: [`${claimText(c)}.`, teach, 'No driver in this build declares that key.'],
  };
};

/**
 * A key given without "=VALUE": 22.11 hands the driver's handler a NULL value ("(null)" in its line,
 * or a silent refusal); later rte_kvargs_process refuses it before the handler, so the driver says
 * only what it says for any parse failure ("error to parse path") or nothing.
 */
export const valueMissingRule: Rule<ClaimedCtx> = (c) => {
  const a = c.a, d = c.d, drv = c.drv;
  const bare = d.kv.filter((k) => k.value === null && drv.keys.some((s) => s.key === k.key));
  // "iface=" names no host object at all: whatever the driver then says (an ioctl on "", a file
  // "" it cannot open) is about the missing name.
  const empty = d.kv.find((k) => k.value === '' && keyRole(drv.name, k.key));
  if (!bare.length && !empty) return null;
  const own = ownLines(a.log);
  // The bare key is the culprit when nothing else was said, or what was said names it or a NULL.
  const k = bare.find((x) => own.some((l) => new RegExp(`\\b${x.key}\\b`).test(l.text))) ?? (bare.length && (own.length === 0 || own.some((l) => /\(null\)|null pointer|error when parsing|kvargs/i.test(l.text))) ? bare[0] : empty);
  if (!k) return null;
  const role = keyRole(drv.name, k.key);
  const s = syn(drv, k.key);
  const cands: Candidate[] = [];
  if (role === 'pcap-out') cands.push({ devargs: setValue(d, k.key, `${d.name}.pcap`), why: 'names the capture file to write' });
  else if (role === 'pcap-in') {
    const dir = c.host.cwd;
    for (const n of readableCaptures(c, dir, `${d.name}.pcap`)) cands.push({ devargs: setValue(d, k.key, n), why: `"${n}" is a capture in the current directory` });
    cands.push(makeCapture(c, k.key, `${d.name}.pcap`, setValue(d, k.key, `${d.name}.pcap`)));
  } else if (role === 'vhost-socket') { const sock = `/tmp/vdsh-${d.name}.sock`; cands.push(backendCandidate(c, setValue(d, k.key, sock), sock)); }
  else if (role === 'host-iface') { const pick = likelyIface(c.host); if (pick) cands.push({ devargs: setValue(d, k.key, pick), why: `opens host interface ${pick} (name yours instead)` }); }
  else if (role === 'socket-to-create') cands.push({ devargs: setValue(d, k.key, `/tmp/vdsh-${d.name}.sock`), why: 'the vhost-user socket it will serve' });
  else if (/^<?0\|1>?$/.test(s)) cands.push({ devargs: setValue(d, k.key, '1'), why: `${k.key}=1 turns it on, which a bare key most likely meant` });
  cands.push({ devargs: dropKey(d, k.key), why: `without ${k.key} the driver uses its default`, ...(role ? { changesIntent: `drops ${k.key}` } : {}) });
  const line = own.find((l) => /\(null\)|null pointer/i.test(l.text) || l.text.includes(k.key));
  return {
    cause: 'value-missing', key: k.key, value: null, site: site(line ?? own[0]),
    summary: k.value === '' ? `"${k.key}=" has an empty value; ${drv.name} needs ${k.key}=${s}` : `"${k.key}" is given without a value; ${drv.name} needs ${k.key}=${s}`,
    facts: [claimText(c), ...(line ? [`DPDK said: ${line.text}`] : ['DPDK logged no line of its own (rte_kvargs refuses a key without "=" from 24.11)'])],
    explain: ['rte_kvargs splits "key=value" pairs; a key without "=" has no value. DPDK 22.11 passes NULL to the', "driver's handler (which may open \"(null)\" or refuse silently); from 24.11 rte_kvargs_parse itself returns -1."],
    candidates: cands,
  };
};

/** virtio_user: a key of the other backend type ("arg iface applies only to vhost-kernel backend"). */
export const backendKeyRule: Rule<ClaimedCtx> = (c) => {
  const a = c.a, d = c.d;
  const server = find(a.log, BACKEND_KEY_2);
  const hit = find(a.log, BACKEND_KEY_1) ?? server;
  if (!hit) return null;
  // "Server mode only supports vhost-user!": server=1 is the vhost-user backend's key.
  const key = server === hit ? 'server' : hit.m[1], backend = server === hit ? hit.m[1] : hit.m[2];
  const p = d.kv.find((k) => k.key === 'path')?.value ?? '';
  const f = p ? c.host.path(p) : null;
  const kind = !f ? 'no path' : f.isSocket || !f.exists ? 'a unix socket path: a vhost-user backend' : f.isChar ? 'a character device' : 'a regular file';
  const without = dropKey(d, key);
  const live = f?.isSocket && (c.host.listening().has(f.abs) || c.host.listening().has(p));
  // A socket path can be served by net_vhost in this shell; a character device cannot be a vhost-user socket.
  const sock = f && !f.isChar ? f.abs : `/tmp/vdsh-${d.name}.sock`;
  const cand: Candidate = live ? { devargs: without, why: `the vhost-user backend at ${p} needs no ${key}` } : backendCandidate(c, f && !f.isChar ? without : setValue({ ...d, kv: d.kv.filter((k) => k.key !== key) }, 'path', sock), sock);
  return {
    cause: 'key-wrong-backend', key, value: d.kv.find((k) => k.key === key)?.value ?? null, site: site(hit.line),
    summary: `${key}= is a key of virtio_user's ${backend} backend, but path=${p} is ${kind}`,
    facts: [claimText(c), `DPDK said: ${hit.line.text}`],
    explain: ['net_virtio_user picks its backend from path=: a unix socket is vhost-user, /dev/vhost-net is vhost-kernel,', '/dev/vhost-vdpa-N is vDPA. Some keys (iface=, the tap name of vhost-kernel) apply to one backend only.'],
    candidates: [{ ...cand, changesIntent: f?.isChar ? `drops ${key} and the character device ${p}: a vhost-user socket served by net_vhost instead` : `drops ${key}, which the ${backend} backend alone uses` }],
  };
};

/** virtio_user: "arg path is mandatory"; pcap: "No rx or tx queues provided". */
export const argMissingRule: Rule<ClaimedCtx> = (c) => {
  const a = c.a, d = c.d, drv = c.drv;
  const mand = find(a.log, ARG_MISSING_1);
  const noq = find(a.log, ARG_MISSING_2);
  const hit = mand ?? noq;
  if (!hit) return null;
  const cands: Candidate[] = [];
  let key: string | undefined;
  // "is mandatory" is also what rte_kvargs_count != 1 says when the key is given twice or more.
  const given = mand ? d.kv.filter((k) => k.key === mand.m[1]) : [];
  if (given.length > 1) {
    const k = given[0].key;
    return {
      cause: 'value-invalid', key: k, value: given.map((g) => g.value ?? '').join(' | '), site: site(mand!.line),
      summary: `${k}= is given ${given.length} times; ${drv.name} takes exactly one (its "${mand!.line.text}" means the count is not 1)`,
      facts: [claimText(c), `DPDK said: ${mand!.line.text}`, `values given: ${given.map((g) => g.value ?? '(none)').join(', ')}`],
      explain: [`${drv.name} checks rte_kvargs_count(${k}) == 1: a key given twice fails the same check as a key not given.`],
      candidates: given.map((g) => ({ devargs: [d.name, ...d.kv.filter((x) => x.key !== k || x === g).map((x) => (x.value === null ? x.key : `${x.key}=${x.value}`))].join(','), why: `keeps only ${k}=${g.value ?? ''}` })),
    };
  }
  if (mand) {
    key = mand.m[1];
    if (keyRole(drv.name, key) === 'vhost-socket') {
      const sock = `/tmp/vdsh-${d.name}.sock`;
      cands.push(backendCandidate(c, addKey(d, key, sock), sock));
    }
  } else {
    const out = `${d.name}.pcap`;
    cands.push({ devargs: addKey(d, 'tx_pcap', out), why: 'a tx-only port that writes what it sends to a capture file' });
  }
  const line = hit.line;
  return {
    cause: 'arg-missing', key, site: site(line),
    summary: mand ? `${drv.name} needs ${key}=${drv.keys.find((k) => k.key === key)?.syntax ?? '...'} and none was given`
      : `${drv.name} needs at least one rx or tx key (rx_pcap, tx_pcap, rx_iface, tx_iface or iface)`,
    facts: [claimText(c), `${drv.name} declares: ${kvText(drv)}`],
    explain: [`${claimText(c)}.`, `Its probe refused before creating a port: "${line.text}".`],
    candidates: cands,
  };
};

/** "af_packet: invalid qpairs value", tap "not in format", ring "could not parse": a value the driver refused. */
export const valueRule: Rule<ClaimedCtx> = (c) => {
  const a = c.a, d = c.d, drv = c.drv;
  const qs = find(a.log, QUEUE_SIZE);
  const qkv = d.kv.find((k) => k.key === 'queue_size');
  if (qs && qkv) {
    const n = Number(qkv.value);
    const pow = Number.isFinite(n) && n > 0 ? 2 ** Math.round(Math.log2(n)) : 256;
    return {
      cause: 'value-invalid', key: 'queue_size', value: qkv.value, site: site(qs.line),
      summary: `${drv.name} cannot set up rings of queue_size=${qkv.value ?? ''}: a split virtqueue needs a power of 2 (not 0)`,
      facts: [claimText(c), `DPDK said: ${qs.line.text}`],
      explain: ['virtio_init_queue sizes each ring from queue_size; a split ring must hold a power-of-2 number of descriptors.'],
      candidates: [{ devargs: setValue(d, 'queue_size', String(Math.min(Math.max(pow, 64), 1024))), why: 'the nearest power of 2 the rings accept' },
        { devargs: dropKey(d, 'queue_size'), why: 'the driver default (256)', changesIntent: 'drops queue_size' }],
    };
  }
  // virtio_user: more than one queue pair needs the control queue (cq=1, the default with queues>1).
  const mq = find(a.log, MULTI_Q);
  if (mq && d.kv.some((k) => k.key === 'cq')) {
    const cq = d.kv.find((k) => k.key === 'cq')!;
    return {
      cause: 'value-invalid', key: 'cq', value: cq.value, site: site(mq.line),
      summary: `${drv.name} needs the control queue for more than one queue pair: cq=${cq.value ?? ''} with queues>1`,
      facts: [claimText(c), `DPDK said: ${mq.line.text}`],
      explain: ['Several queue pairs are steered through the control virtqueue (VIRTIO_NET_CTRL_MQ): cq must be 1 when queues > 1.'],
      candidates: [{ devargs: setValue(d, 'cq', '1'), why: 'cq=1 turns the control queue on, as several queues need' },
        { devargs: dropKey(d, 'cq'), why: 'without cq the driver turns the control queue on by itself when queues > 1' }],
    };
  }
  const hit = find(a.log, VALUE_1);
  if (!hit) return null;
  const word = hit.m[1] ?? (hit.m[2] !== undefined ? 'mac' : hit.m[3] ?? hit.m[4] ?? hit.m[5] ?? hit.m[6] ?? hit.m[7] ?? hit.m[8] ?? (/frame size/.test(hit.m[0]) ? 'framesz' : /internal args/.test(hit.m[0]) ? 'internal' : 'framecnt'));
  // The log names a variable ("blocksize"); map it to the declared key ("blocksz") by spelling.
  const given = d.kv.map((k) => k.key);
  const key = given.find((k) => k === word) ?? given.find((k) => word.includes(k) || k.includes(word)) ?? nearest(word, given, 1)[0] ??
    (d.kv.find((k) => hit.m[2] !== undefined && k.value === hit.m[2])?.key);
  if (!key) return null;
  const kv = d.kv.find((k) => k.key === key);
  if (!kv) return null;
  const s = syn(drv, key);
  const cands: Candidate[] = [];
  const alt = s.replace(/^<|>$/g, '').split('|');
  if (alt.length > 1 && alt.every((x) => !/x/.test(x) || /xx:/.test(x))) for (const v of alt.filter((x) => !/xx:/.test(x))) cands.push({ devargs: setValue(d, key, v), why: `"${v}" is one of the values the driver declares (${s})` });
  if (/xx:xx/.test(s)) cands.push({ devargs: setValue(d, key, '02:00:00:00:00:01'), why: 'a locally administered unicast MAC in the declared format' });
  if (/af_packet/.test(drv.name) && /frame size|MMAP/.test(hit.m[0])) cands.push({ devargs: dropKey(d, 'framesz', 'framecnt'), why: 'the driver defaults for frame size and count fit any page-sized block' });
  cands.push({ devargs: dropKey(d, key), why: `drops ${key} so the driver uses its default`, changesIntent: `drops ${key}` });
  return {
    cause: 'value-invalid', key, value: kv.value, site: site(hit.line),
    summary: `${drv.name} rejected ${key}=${kv.value ?? ''} (declared ${key}=${s})`,
    facts: [claimText(c), `DPDK said: ${hit.line.text}`],
    explain: [`${drv.name} declares ${key}=${s} in its parameter string; its probe checked the value and refused it.`],
    candidates: cands,
  };
};
