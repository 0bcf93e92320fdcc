// The one-line decoder and the capture reader against tcpdump's reading of the same file.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { summarize } from '../../src/packets/decode.js';
import { readCapture, NotACapture } from '../../src/packets/capture-file.js';
import { hexdump } from '../../src/packets/hexdump.js';
import { tmpDir } from '../helpers/tmp.js';
import { pcapFile, sampleFrames } from './frames.js';

const tcpdumpLines = (file: string): string[] =>
  execFileSync('tcpdump', ['-nn', '-e', '-r', file], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] })
    .split('\n').filter(Boolean).map((l) => l.replace(/^\S+ /, ''));

describe('packet decoder', () => {
  it('reads a pcap back exactly and says each frame in tcpdump -nn -e words', () => {
    const dir = tmpDir();
    const file = path.join(dir, 'sample.pcap');
    const frames = sampleFrames();
    fs.writeFileSync(file, pcapFile(frames));
    const f = readCapture(fs.readFileSync(file));
    expect(f.format).toBe('pcap');
    expect(f.total).toBe(frames.length);
    f.packets.forEach((p, i) => expect(Buffer.from(p.data)).toEqual(Buffer.from(frames[i])));
    const ours = f.packets.map((p) => summarize(p.data, p.len));
    expect(ours).toEqual(tcpdumpLines(file));
  });

  it('refuses a file that is not a capture, with the bytes it found', () => {
    expect(() => readCapture(Buffer.from('hello world, not a pcap'))).toThrow(NotACapture);
    expect(() => readCapture(Buffer.from('hello world, not a pcap'))).toThrow(/68656c6c6f20776f/);
    expect(() => readCapture(Buffer.alloc(2))).toThrow(/too short/);
  });

  it('counts a cut-short last record as trailing bytes, not a packet', () => {
    const buf = pcapFile(sampleFrames());
    const f = readCapture(buf.subarray(0, buf.length - 5));
    expect(f.total).toBe(sampleFrames().length - 1);
    expect(f.trailing).toBeGreaterThan(0);
  });

  it('hex dump rows are the ones tcpdump -XX prints', () => {
    const dir = tmpDir();
    const file = path.join(dir, 'sample.pcap');
    fs.writeFileSync(file, pcapFile(sampleFrames()));
    const theirs = execFileSync('tcpdump', ['-nn', '-XX', '-r', file], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] })
      .split('\n').filter((l) => l.startsWith('\t0x'));
    const ours = readCapture(fs.readFileSync(file)).packets.flatMap((p) => hexdump(p.data));
    expect(ours).toEqual(theirs);
  });
});
