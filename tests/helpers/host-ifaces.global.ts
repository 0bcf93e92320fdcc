// Suite-level host safety: every host interface's flags (up, promiscuous, ...) are the same after
// the whole suite as before it, and the suite leaves no interface of its own behind. Interfaces
// named vdsh* are test objects (other checkouts' suites may be running theirs right now), so they
// are left out; everything else is the host's, and a test or proof must never change it.
import fs from 'node:fs';

const NET = '/sys/class/net';
type Flags = Map<string, string>;

export function hostFlags(): Flags {
  const out: Flags = new Map();
  let names: string[] = [];
  try { names = fs.readdirSync(NET); } catch { return out; }
  for (const n of names) {
    if (n.startsWith('vdsh')) continue;
    try { out.set(n, fs.readFileSync(`${NET}/${n}/flags`, 'utf8').trim()); } catch { /* went away meanwhile */ }
  }
  return out;
}

/** What changed between two readings, one line per interface. */
export function flagChanges(before: Flags, after: Flags): string[] {
  const out: string[] = [];
  for (const [n, f] of before) {
    const g = after.get(n);
    if (g === undefined) out.push(`${n}: removed (flags were ${f})`);
    else if (g !== f) out.push(`${n}: flags ${f} -> ${g}${(parseInt(g, 16) & 0x100) && !(parseInt(f, 16) & 0x100) ? ' (left promiscuous)' : ''}`);
  }
  for (const [n, g] of after) if (!before.has(n)) out.push(`${n}: new interface left behind (flags ${g})`);
  return out;
}

export default function setup(): () => void {
  const before = hostFlags();
  return () => {
    const changes = flagChanges(before, hostFlags());
    if (!changes.length) return;
    // A throw from a global teardown is only printed by vitest; the exit code is what fails the run.
    console.error(`\nHOST SAFETY: the suite changed host interfaces it did not create:\n  ${changes.join('\n  ')}\n`);
    process.exitCode = 1;
  };
}
