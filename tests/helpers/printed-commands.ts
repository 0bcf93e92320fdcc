// The property every printed fix must hold: each of its lines is one command of the shell,
// typed as shown. A line parses "as that command" when the command table matches it, a probe's
// devargs parse, and the line holds no second command glued on with "; ".
import { matchCommand } from '../../src/commands/registry.js';
import { parseDevargs } from '../../src/devargs/parse.js';

export interface PrintedFix { commands: string[]; host?: string[] }

/** What is wrong with one printed command line; null when it runs as shown. */
export function commandLineProblem(line: string): string | null {
  const m = matchCommand(line);
  if (!m.spec) return `"${line}" is not a command (${m.ambiguous ? 'ambiguous' : 'unknown'})`;
  // A glued second command ("port detach 0; probe x") parses as the first command's arguments.
  if (/;\s*\S/.test(m.rest) && /;\s*(probe|port|run|show|fix)\b/.test(m.rest)) return `"${line}" holds several commands`;
  if (m.spec.path[0] === 'probe') {
    const p = parseDevargs(m.rest.replace(/^\s*--force\b/, ''));
    if (!p.ok) return `"${line}": its devargs do not parse (${p.error.message})`;
  }
  return null;
}

/** Problems of every fix of every diagnosis found in --json results. */
export function fixProblems(diagnoses: ({ fixes: PrintedFix[] } | null | undefined)[]): string[] {
  const out: string[] = [];
  for (const d of diagnoses) for (const f of d?.fixes ?? []) {
    if (!Array.isArray(f.commands) || !f.commands.length) { out.push(`a fix without commands: ${JSON.stringify(f)}`); continue; }
    for (const c of f.commands) { const p = commandLineProblem(c); if (p) out.push(p); }
  }
  return out;
}

/** The command lines of `fix N [..]:` blocks in the shell's text output (continuation lines included). */
export function printedFixLines(text: string): string[] {
  const out: string[] = [];
  let pad = -1;
  for (const raw of text.split('\n')) {
    const m = /^(  fix \d+ \[[^\]]+\]: )(.*)$/.exec(raw);
    if (m) { pad = m[1].length; if (m[2] !== 'on the host first:') out.push(m[2]); continue; }
    if (pad > 0 && raw.length > pad && raw.slice(0, pad).trim() === '' && raw[pad] !== ' ') { out.push(raw.slice(pad)); continue; }
    if (pad > 0 && raw.slice(0, pad).trim() === '' && raw.slice(pad, pad + 2) === '  ') continue; // a host step
    pad = -1;
  }
  return out;
}
