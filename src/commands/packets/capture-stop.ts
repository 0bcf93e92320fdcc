// capture stop: write the interface statistics block, unhook the callbacks, close the file, and
// read the file back to say what it holds.
import fs from 'node:fs';
import type { CommandSpec } from '../types.js';
import { fail, ok } from '../types.js';
import { readCapture } from '../../packets/capture-file.js';

export const captureStop: CommandSpec = {
  path: ['capture', 'stop'],
  section: 'Ports',
  summary: 'end the running capture and close its pcapng file',
  args: [],
  async run(ctx) {
    const r = await ctx.session.call('captureStop', {});
    if (!r || !r.capture) return fail('no-capture', 'no capture is running', 'start one with: capture PORT FILE [rx|tx|both]');
    const c = r.capture;
    let packetsInFile: number | null = null;
    let interfaces: string[] = [];
    try {
      const f = readCapture(fs.readFileSync(c.path), 0);
      packetsInFile = f.total;
      interfaces = f.interfaces.map((i) => i.name ?? `#${i.id}`);
    } catch { /* reported as null: the file could not be read back */ }
    return ok('capture-stop', {
      port: c.port, file: c.path, rx: c.rx, tx: c.tx, dropped: c.dropped, writeErrors: c.writeErrors,
      bytes: r.bytes ?? null, portAlive: r.portAlive ?? true, packetsInFile, interfaces,
    }, r.log);
  },
};
