// Rules for classes of lines rather than single messages: a resource DPDK could not get, a kernel
// request a driver made and the kernel refused, a vhost-user backend that failed the handshake.
// Their fixes are ablation probes: which key, dropped, lets the device attach (proved in a scratch
// EAL); the cause stays the class, with DPDK's own line as the evidence.
import type { Candidate } from '../types.js';
import { dropKey } from '../edit.js';
import { backendCandidate } from './backend.js';
import { claimText, find, ownLines, reads, site, type ClaimedCtx, type Finding, type Rule } from './context.js';

// The DPDK lines these rules read (registered at load for the coverage report).
// "make RARP packet": virtio builds the gratuitous RARP from its mbuf pool, so it fails only on an empty pool.
const RESOURCE = reads('resource', /\b(alloc\w*|malloc|zmalloc|calloc|memory|memzone|mempool|out of memory|no space|too many|exceeds? the limit|Reached maximum|OOM|headroom|dead pcap|alignment|dma mask|heap|make RARP packet)\b/i);
const KERNEL = reads('kernel', /\b(ioctl|netlink|nl_\w+|socket|bind|setsockopt|getsockopt|sendmsg|recvmsg|mmap|fcntl|qdisc|SIOC\w+|TUN\w+|rtnetlink|if_nametoindex|ifindex|if_index|MAC address|flags|MTU|tc |filter|flower|bpf|ebpf|rss|queue|interface|kernel|errno|fd|directory|time|interrupt|intr|vector|direction|rte flow)\b|\/proc\/\w+|\w+_nl_\w+/i);
const VHOST = reads('backendHandshake', /\b(vhost\w*|backend|features?|FEATURES_OK|virtqueue|setup_queue|vring|kick\w*|call\w*fd|protocol|msg|message|owner|mem(ory)? table|reply|master|slave|frontend|device|path|connect\w*|server|client|listen\w*)\b/i);
/** Requests between DPDK processes (a secondary, as when attached to an application) that failed or timed out. */
const MULTI_PROCESS = reads('multiProcess', /\b(primary|secondar(y|ies)|sync request|Request timed out|peer is not specified|pending request|FDs|fds received|Wrong request ID)\b/i);
/** The same, said by the driver's IPC handlers (tap's queue sync) or by the EAL's IPC layer (lib/eal/common/eal_common_proc.c). */
const MULTI_PROCESS_2 = reads('multiProcess', /Failed to get (?:dev|port id) for \S+|Action name cannot be NULL|Length of action name is zero|failed to send to \(.*\) due to/);

/** Lines that only repeat an inner failure ("Failed to probe x", "... fails"): the line before them is the cause. */
export const FOLLOW_ON = reads('followOn', /Failed to probe|\bfails?\b|Driver cannot attach|Failed to attach device|failed to (create|init|initiali[sz]e|register)|init failed|initiali[sz]ation failed|Unable to (create|init)/i);

/** The driver's own lines without the follow-on ones, oldest first. */
const causeLines = (c: ClaimedCtx) => ownLines(c.a.log).filter((l) => !FOLLOW_ON.test(l.text));

const ablate = (c: ClaimedCtx): Candidate[] => c.d.kv.map((kv) => ({ devargs: dropKey(c.d, kv.key), why: `without ${kv.key}=${kv.value ?? ''}`, probeOnly: { key: kv.key } }));

function finding(c: ClaimedCtx, cause: Finding['cause'], line: { text: string; emitter?: Finding['site'] | null }, summary: string, explain: string[], candidates: Candidate[]): Finding {
  return { cause, site: site(line as never), summary, facts: [claimText(c), `DPDK said: ${line.text}`], explain, candidates };
}

export const resourceRule: Rule<ClaimedCtx> = (c) => {
  const hit = find(causeLines(c), RESOURCE);
  if (!hit) return null;
  return finding(c, 'resource-exhausted', hit.line, `${c.drv.name} could not get a resource it needs: ${hit.line.text}`,
    ['The probe asked DPDK or the kernel for memory, a ring, a memzone or a slot and got none: the devargs may be fine.', 'More memory (-m), fewer queues or fewer devices attached leave room; the ablations below show whether a key asks for too much.'],
    ablate(c));
};

export const kernelRule: Rule<ClaimedCtx> = (c) => {
  const hit = find(causeLines(c), KERNEL);
  if (!hit) return null;
  return finding(c, 'kernel-refused', hit.line, `the kernel refused what ${c.drv.name} asked of it: ${hit.line.text}`,
    [`${c.drv.name} drives a kernel object (an interface, a packet socket, a tc filter): the kernel's answer is in the line above.`, 'The host decides here (its modules, its interfaces, its limits); the ablations below show which key asked for it.'],
    ablate(c));
};

/** net_virtio_user: the backend at path= was reached but the vhost-user handshake failed. */
export const backendHandshakeRule: Rule<ClaimedCtx> = (c) => {
  if (c.drv.name !== 'net_virtio_user') return null;
  // net_vhost serving the socket in this same EAL logs its side of the handshake (VHOST_CONFIG): not virtio_user's words.
  const hit = find(causeLines(c).filter((l) => !/^lib\/vhost\//.test(l.emitter?.file ?? '') && !/^VHOST_CONFIG: /.test(l.text)), VHOST);
  if (!hit) return null;
  const p = c.d.kv.find((k) => k.key === 'path')?.value;
  const sock = `/tmp/vdsh-${c.d.name}.sock`;
  return { ...finding(c, 'backend-missing', hit.line, `the vhost backend${p ? ` at path=${p}` : ''} did not complete the vhost-user handshake: ${hit.line.text}`,
    ['virtio_user negotiates features, memory tables and vrings with the backend at probe; a backend that answers', 'wrongly, or is not vhost-user, fails it. net_vhost in this shell is a backend the proof can use.'],
    [backendCandidate(c, p ? c.d.text.replace(`path=${p}`, `path=${sock}`) : `${c.d.text},path=${sock}`, sock)]), key: 'path', value: p ?? null };
};

/** A request to another DPDK process (primary or secondaries) failed: the probe ran in a multi-process setup. */
export const multiProcessRule: Rule<ClaimedCtx> = (c) => {
  // The EAL's own IPC lines count here too: ownLines() leaves EAL lines out.
  const hit = find(causeLines(c), MULTI_PROCESS) ?? find(causeLines(c), MULTI_PROCESS_2) ?? find(c.a.log, MULTI_PROCESS_2);
  if (!hit) return null;
  return finding(c, 'multi-process', hit.line, `${c.drv.name} needed another DPDK process and the request failed: ${hit.line.text}`,
    ['In a primary and secondary setup (as when this shell is attached to an application) a probe asks the other', "processes to attach the device too (rte_mp requests); a process that is gone, slow or of another build fails it."],
    []);
};
