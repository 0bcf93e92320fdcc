// Signal numbers as the kernel reports them (a crash report, a reaped child) to Node's names.
import { constants } from 'node:os';

export function signalName(signo: number): string {
  const e = Object.entries(constants.signals).find(([, n]) => n === signo);
  return e ? e[0] : `signal ${signo}`;
}
