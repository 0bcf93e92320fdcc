import { describe, expect, it } from 'vitest';
import { PassThrough } from 'node:stream';
import { paintEarlyPrompt, ALT_ON } from '../../src/ui/early.js';

function fakeTerm(columns: number, rows: number): { out: NodeJS.WriteStream; text: () => string } {
  const s = new PassThrough();
  let buf = '';
  s.on('data', (b: Buffer) => { buf += b.toString(); });
  return { out: Object.assign(s, { columns, rows }) as unknown as NodeJS.WriteStream, text: () => buf };
}

describe('early prompt (before Ink is loaded)', () => {
  it('paints the prompt and the starting status where the Ink frame will put them', async () => {
    const t = fakeTerm(60, 24);
    paintEarlyPrompt(t.out, { isTTY: false } as NodeJS.ReadStream, { pid: 4242, ealArgs: ['--no-huge', '-m', '64', '--no-pci', '--no-shconf', '-l', '0', '--no-telemetry'], color: false });
    await new Promise((r) => setImmediate(r));
    const out = t.text();
    expect(out.startsWith(ALT_ON)).toBe(true);
    expect(out).toContain('\x1b[22;1H(vdev) ');
    const status = /\x1b\[23;1H(.*)\x1b\[H$/.exec(out)![1];
    expect(status.startsWith('◌ EAL starting pid 4242 │ EAL --no-huge -m 64')).toBe(true);
    expect(status.length).toBeLessThanOrEqual(60);
    expect(out).not.toMatch(/\x1b\[3\dm/); // no colour when not wanted
  });
});
