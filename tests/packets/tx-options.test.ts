// tx argument parsing: defaults, bounds and the words of each refusal.
import { describe, expect, it } from 'vitest';
import { parseTxOptions } from '../../src/packets/tx-options.js';

const words = (s: string): string[] => s.split(/\s+/).filter(Boolean);

describe('tx options', () => {
  it('defaults to one 64-byte UDP frame in bursts of 32', () => {
    expect(parseTxOptions([])).toEqual({ ok: true, opts: { count: 1, size: 64, burst: 32, proto: 'udp', sport: 9, dport: 9, ttl: 64, ethertype: 0x88b5 } });
  });

  it('takes every key', () => {
    const r = parseTxOptions(words('count 100000 size 1514 dst 02:00:00:00:00:02 src 02:00:00:00:00:01 src-ip 10.0.0.1 dst-ip 255.255.255.255 sport 1 dport 65535 ttl 1 burst 64'));
    expect(r).toMatchObject({ ok: true, opts: { count: 100000, size: 1514, dst: '02:00:00:00:00:02', src: '02:00:00:00:00:01', srcIp: 0x0a000001, dstIp: 0xffffffff, sport: 1, dport: 65535, ttl: 1, burst: 64 } });
    expect(parseTxOptions(words('proto raw size 14 ethertype 0x0800'))).toMatchObject({ ok: true, opts: { proto: 'raw', size: 14, ethertype: 0x800 } });
  });

  it.each([
    ['count 0', /count must be 1\.\.100000, got 0/],
    ['count 100001', /count must be 1\.\.100000/],
    ['count -3', /count must be a whole number/],
    ['count 1e3', /count must be a whole number/],
    ['size 41', /size must be 42\.\.2048/],
    ['proto raw size 13', /size must be 14\.\.2048/],
    ['size 4096', /size must be 42\.\.2048/],
    ['dst 02:00:00:00:00', /dst must be a MAC address/],
    ['src-ip 10.0.0.256', /src-ip must be an IPv4 address/],
    ['proto tcp', /proto must be udp or raw/],
    ['burst 65', /burst must be 1\.\.64/],
    ['count', /'count' needs a value/],
    ['sizes 64', /unknown word 'sizes'/],
  ])('refuses %s', (input, message) => {
    const r = parseTxOptions(words(input));
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.message).toMatch(message);
  });
});
