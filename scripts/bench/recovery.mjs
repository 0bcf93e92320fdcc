#!/usr/bin/env node
// What a hang costs the user (the tests only check that it is cancelled, where it waited, and
// that the session came back): a probe that blocks in open() on a FIFO,
//   (a) refused by the pre-flight in a throwaway EAL: time until the answer;
//   (b) with --force and a command timeout: time past the timeout until the EAL is restarted
//       and the session (one net_null port) restored.
// Standalone: node scripts/bench/recovery.mjs  (prints JSON).
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { dist, isMain, median, reps, round, tempDir } from './lib.mjs';

export const order = 70;
const TIMEOUT = 1000;

export default async function benchRecovery() {
  const { Session } = await dist('session/session.js');
  const { Runner } = await dist('script/runner.js');
  const { recoveryState } = await dist('recovery/state.js');
  const fifo = path.join(tempDir('recovery'), 'fifo');
  execFileSync('mkfifo', [fifo]);
  const session = new Session();
  const refuse = [], pastTimeout = [];
  try {
    const runner = new Runner(session);
    await session.ready();
    const run = async (line) => {
      const t0 = performance.now();
      const r = await runner.run(line);
      return { r, ms: performance.now() - t0 };
    };
    if (!(await run('probe net_null0')).r.ok) throw new Error('probe net_null0 failed');
    for (let i = 0; i < reps(); i++) {
      session.prewarm();
      await session.spare?.ready; // as after a typing pause
      recoveryState(session).timeoutMs = 0; // the pre-flight's own limit decides
      const a = await run(`probe net_pcap0,rx_pcap=${fifo}`);
      if (a.r.error?.code !== 'would-hang') throw new Error(`pre-flight said ${a.r.error?.code ?? 'ok'}`);
      refuse.push(a.ms);
      recoveryState(session).timeoutMs = TIMEOUT;
      const b = await run(`probe --force net_pcap0,rx_pcap=${fifo}`);
      if (b.r.error?.code !== 'timeout' || b.r.data.restore.restored.length !== 1) throw new Error(`--force gave ${b.r.error?.code ?? 'ok'}`);
      pastTimeout.push(b.ms - TIMEOUT);
    }
  } finally {
    await session.close();
  }
  return { timeoutMs: TIMEOUT, reps: refuse.length, preflightRefuseMs: round(median(refuse)), cancelRestorePastTimeoutMs: round(median(pastTimeout)) };
}

/** README rows (scripts/bench/table.mjs). */
export function rows(r) {
  return [['pre-flight refusing a crashing input / cancel + restore past a timeout', `${r.preflightRefuseMs} / ${r.cancelRestorePastTimeoutMs} ms`, '', '', '']];
}

if (isMain(import.meta.url)) console.log(JSON.stringify(await benchRecovery()));
