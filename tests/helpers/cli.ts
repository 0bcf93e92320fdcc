// Runs the built CLI as users do and parses its --json lines.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { projectRoot } from '../../src/util/paths.js';
import { tmpDir } from './tmp.js';

export interface JsonLine { cmd: string; ok: boolean; data: any; error?: { code: string; message: string; hint?: string }; log: string[] }

export function runCli(args: string[], opts: { input?: string; cwd?: string; env?: NodeJS.ProcessEnv; timeoutMs?: number } = {}): { status: number | null; stdout: string; stderr: string; json: JsonLine[] } {
  const r = spawnSync(process.execPath, [path.join(projectRoot, 'dist', 'cli.js'), ...args], {
    // A fresh directory by default: files a probe creates (tx_pcap=...) never land in the repo.
    input: opts.input ?? '', cwd: opts.cwd ?? tmpDir('vdevsh-cli-'), encoding: 'utf8', env: { ...process.env, NO_COLOR: '1', ...opts.env }, timeout: opts.timeoutMs ?? 60_000, maxBuffer: 64 << 20,
  });
  const json = args.includes('--json') ? r.stdout.split('\n').filter((l) => l.startsWith('{')).map((l) => JSON.parse(l) as JsonLine) : [];
  return { status: r.status, stdout: r.stdout, stderr: r.stderr, json };
}
