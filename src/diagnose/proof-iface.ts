// Host interfaces made for a proof. A proof never binds a host interface it did not create: a
// driver that opens one (af_packet, pcap live capture, tap's remote=) may change its flags
// (promiscuous mode is never put back by af_packet's close), so the scratch EAL gets a veth pair
// named vdsh* in its place, in the same up/down state, removed after the proof, when the scratch
// EAL is killed (the shell removes it, not the EAL) and when the shell exits. A shell killed by a
// signal cannot clean up: its name carries its pid, and the next shell removes the pairs of dead ones.
import { execFile, execFileSync } from 'node:child_process';
import fs from 'node:fs';
import { ifaceUp } from './host.js';

const live = new Set<string>();
let seq = 0;
let hooked = false;

const ip = (...a: string[]): void => { execFileSync('ip', a, { stdio: 'ignore', timeout: 5000 }); };

/** Remove every proof interface still present (sync: also runs from process 'exit'). */
export function removeProofIfaces(): void {
  for (const n of live) {
    try { ip('link', 'del', n); } catch { /* already gone */ }
    live.delete(n);
  }
}

const PREFIX = 'vdshpf';
/** vdshpf + the pid in 5 base-36 digits + a sequence number; the peer adds "p" (at most 14 characters). */
const nameFor = (pid: number, n: number): string => `${PREFIX}${pid.toString(36).padStart(5, '0')}${(n % 1296).toString(36)}`;

/** A fresh name for an interface a proof's driver creates itself (tap's iface=): swept like a pair's. */
export function proofIfaceName(): string {
  hookExit();
  return nameFor(process.pid, ++seq);
}

function hookExit(): void {
  if (hooked) return;
  hooked = true;
  process.on('exit', removeProofIfaces);
  sweepDead();
}

/** The pid of the shell that made a proof's interface (its name says so); null for another name. */
export function proofIfaceOwner(name: string): number | null {
  const m = /^vdshpf([0-9a-z]{5})[0-9a-z]{1,2}$/.exec(name);
  return m ? parseInt(m[1], 36) : null;
}

/** Pairs left by shells that died without cleaning up (SIGKILL, a test's timeout). */
export function sweepDead(): string[] {
  const gone: string[] = [];
  let names: string[] = [];
  try { names = fs.readdirSync('/sys/class/net'); } catch { return gone; }
  for (const n of names) {
    const pid = proofIfaceOwner(n);
    if (pid === null) continue;
    if (pid === process.pid || fs.existsSync(`/proc/${pid}`)) continue;
    try { ip('link', 'del', n); gone.push(n); } catch { /* someone else removed it */ }
  }
  return gone;
}

/**
 * A fresh veth end named vdsh*, up when `like` is up (a down interface stays down so a proof
 * still meets "That device is not up"). null when the host will not let us make one.
 */
export function makeProofIface(like: string | null): string | null {
  hookExit();
  for (let tries = 0; tries < 4; tries++) {
    const name = nameFor(process.pid, ++seq);
    if (fs.existsSync(`/sys/class/net/${name}`)) continue;
    // One `ip -batch` for the pair and its state: each ip process costs ~10 ms on a busy host.
    const up = like === null || ifaceUp(like);
    live.add(name);
    try {
      execFileSync('ip', ['-batch', '-'], {
        input: [`link add ${name} type veth peer name ${name}p`, ...(up ? [`link set ${name}p up`, `link set ${name} up`] : [])].join('\n') + '\n',
        stdio: ['pipe', 'ignore', 'ignore'], timeout: 5000,
      });
      return name;
    } catch {
      // A batch that stopped half-way may have made the pair: remove it.
      if (fs.existsSync(`/sys/class/net/${name}`)) removeProofIface(name);
      live.delete(name);
      return null;
    }
  }
  return null;
}

/** Delete one proof interface (its veth peer goes with it). */
export function removeProofIface(name: string): void {
  try { ip('link', 'del', name); } catch { /* gone already */ }
  live.delete(name);
}

/**
 * Delete one proof interface without waiting (the kernel takes ~20 ms to delete a veth): the
 * diagnosis goes on meanwhile. Until the deletion is done the name stays in the set that the
 * exit hook removes, so a shell that exits first still removes it; settled() waits for all.
 */
export function releaseProofIface(name: string): void {
  const done = new Promise<void>((resolve) => {
    execFile('ip', ['link', 'del', name], { timeout: 5000 }, () => { live.delete(name); resolve(); });
  });
  pending.add(done);
  void done.then(() => pending.delete(done));
}

const pending = new Set<Promise<void>>();
/** Resolves when every deletion releaseProofIface started is done. */
export async function proofIfacesSettled(): Promise<void> { await Promise.all([...pending]); }
