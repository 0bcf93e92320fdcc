// What the shell runs for the first time at the first probe, run once while its EAL starts (the
// shell has nothing to do for ~100 ms then): compiled, loaded and cached there instead of in the
// probe's time. Nothing here is seen by the user or reaches the EAL.
import { parseDevargs } from '../devargs/parse.js';
import { warmSerializer } from '../protocol/wire.js';
import { readPmdInfo } from '../drivers/pmdinfo.js';
import { probeWarnings } from '../diagnose/warnings.js';
import { preflight } from '../recovery/preflight.js';
import type { Session } from './session.js';
import { warmDriverList } from './drivers.js';

export function warmFirstProbe(session: Session): void {
  try {
    warmSerializer();
    warmDriverList();
    // The devargs parser's name and key=value paths (~0.3 ms at the first probe otherwise).
    parseDevargs('net_null0,key=value');
    // A plain name's pre-flight (decided without the EAL: nothing to try) and the warnings after
    // a probe, on a driver of this build's as the EAL will describe it (alias unknown here):
    // ~1.5 ms of the first probe otherwise, most of it compiling.
    preflight(session, 'net_null0').catch(() => undefined);
    const info = readPmdInfo()[0];
    const d = parseDevargs(`${info.name}0`);
    if (d.ok) {
      const driver = { name: info.name, alias: null, params: info.params, keys: info.keys };
      probeWarnings({ devargs: d.devargs, driver, drivers: [driver], ports: [], others: [], log: [] });
    }
  } catch { /* a warm-up only: the command that needs it says what is wrong */ }
}
