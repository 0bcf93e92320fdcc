// Host objects the recovery corpus needs, created under names this suite owns (vdsh*, temp
// dirs) and removed after each test even when it failed.
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach } from 'vitest';
import { tmpDir } from '../helpers/tmp.js';

const links: string[] = [];
const procs: ChildProcess[] = [];

export const linkExists = (i: string): boolean => fs.existsSync(`/sys/class/net/${i}`);

afterEach(() => {
  while (procs.length) procs.pop()!.kill('SIGKILL');
  while (links.length) {
    const l = links.pop()!;
    if (linkExists(l)) execFileSync('ip', ['link', 'delete', l]);
  }
});

/** Interfaces the test may leave behind (tap persist, ...): deleted after the test. */
export function ownLink(name: string): string {
  if (!/^vdsh[\w]{0,11}$/.test(name)) throw new Error(`interface ${name} is not ours (vdsh*)`);
  links.push(name);
  return name;
}

/** A veth pair vdsh<tag>a/vdsh<tag>b, up; af_packet and pcap need a real interface. */
export function veth(tag: string): string {
  const a = ownLink(`vdsh${tag}a`);
  const b = `vdsh${tag}b`;
  if (linkExists(a)) execFileSync('ip', ['link', 'delete', a]);
  execFileSync('ip', ['link', 'add', a, 'type', 'veth', 'peer', 'name', b]);
  execFileSync('ip', ['link', 'set', a, 'up']);
  return a;
}

export function fifo(): string {
  const p = path.join(tmpDir('vdsh-fifo-'), 'pipe');
  execFileSync('mkfifo', [p]);
  return p;
}

/** A unix socket server that accepts and never answers (a vhost-user backend that hangs). */
export async function silentServer(): Promise<string> {
  const p = path.join(tmpDir('vdsh-sock-'), 'silent.sock');
  const child = spawn(process.execPath, ['-e', `require('net').createServer((c)=>c.on('data',()=>{})).listen(${JSON.stringify(p)},()=>console.log('up'))`], { stdio: ['ignore', 'pipe', 'inherit'] });
  procs.push(child);
  await new Promise<void>((resolve, reject) => {
    child.stdout!.once('data', () => resolve());
    child.once('exit', (c) => reject(new Error(`silent server exited ${c}`)));
  });
  return p;
}
