// What the shell runs for the first time at the first probe, run once while its EAL starts (the
// shell has nothing to do for ~100 ms then): compiled, loaded and cached there instead of in the
// probe's time. Nothing here is seen by the user or reaches the EAL.
import { parseDevargs } from '../devargs/parse.js';
import { warmSerializer } from '../protocol/wire.js';
import { warmDriverList } from './drivers.js';

export function warmFirstProbe(): void {
  try {
    warmSerializer();
    warmDriverList();
    // The devargs parser's name and key=value paths (~0.3 ms at the first probe otherwise).
    parseDevargs('net_null0,key=value');
  } catch { /* a warm-up only: the command that needs it says what is wrong */ }
}
