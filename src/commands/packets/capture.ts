// capture PORT FILE [rx|tx|both]: mirror a port's traffic into a pcapng file with DPDK's own lib
// pcapng (what dpdk-dumpcap writes), through rx/tx callbacks on queue 0.
import fs from 'node:fs';
import path from 'node:path';
import type { CommandSpec } from '../types.js';
import { fail, ok } from '../types.js';
import { ensureStarted, isFailed } from './started.js';

export const capture: CommandSpec = {
  path: ['capture'],
  section: 'Ports',
  attached: { intrusive: "capture hooks rx/tx callbacks of this process: a secondary sees only packets it moves itself, not the application's (DPDK's pdump needs the application's cooperation)", needsEal: true },
  summary: "mirror a port's rx/tx packets into a pcapng file (DPDK lib pcapng); 'capture stop' ends it",
  details: 'Default direction: both. One capture at a time. The file lists every port as an interface,\nas dpdk-dumpcap does. Example: capture 0 out.pcapng tx',
  args: [{ name: 'PORT', kind: 'port' }, { name: 'FILE', kind: 'file' }, { name: 'DIR', kind: 'word', oneOf: ['rx', 'tx', 'both'], optional: true, summary: 'which packets: rx, tx or both (the default)' }],
  async run(ctx, { args }) {
    const port = args.port('PORT');
    const dir = args.word('DIR') ?? 'both';
    const file = args.file('FILE');
    const parent = path.dirname(file);
    if (!fs.existsSync(parent)) return fail('no-such-directory', `directory ${parent} does not exist`, 'create it first or pick another path; nothing was written');
    if (fs.existsSync(file) && fs.statSync(file).isDirectory()) return fail('is-directory', `${file} is a directory`, 'give a file name, e.g. capture 0 out.pcapng');
    const running = await ctx.session.call('captureInfo', {});
    if (running) return fail('capture-running', `a capture of port ${running.port} into ${running.path} is running`, "end it with 'capture stop' first");
    const started = await ensureStarted(ctx, port);
    if (isFailed(started)) return started;
    const r = await ctx.session.call('captureStart', { port: port.port, path: file, rx: dir !== 'tx', tx: dir !== 'rx' });
    if (!r) return fail('no-such-port', `port ${port.port} is gone`);
    const log = [...started.log, ...r.log];
    const data = { port: port.port, name: port.name, file, direction: dir, autoStarted: started.autoStarted, stage: r.stage };
    if (r.ret < 0) {
      const hint = r.stage === 'open' ? 'check the path and its permissions; nothing was written' : 'the capture file was removed; see the DPDK lines above';
      return fail('capture-failed', `capture could not start (${r.stage}): ${r.errnoText}`, hint, data, log, 'capture');
    }
    return ok('capture', data, log);
  },
};
