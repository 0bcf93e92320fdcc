// Pure parts of the trace area: gdb-style value printing, location evaluation, probe references,
// list windows, chain shaping.
import { describe, expect, it } from 'vitest';
import { cString, formatValueAt, typeText, varAddress, type Memory } from '../../src/trace/values.js';
import type { RawType } from '../../src/protocol/raw-trace.js';
import { pickProbe } from '../../src/trace/state.js';
import { centredWindow } from '../../src/trace/source.js';
import { shapeProbeChain } from '../../src/trace/chain.js';
import type { ProbeRecord } from '../../src/session/session.js';
import type { Frame } from '../../src/protocol/ops.js';

const charT: RawType = { tag: 'base', name: 'char', size: 1, enc: 6 };
const constChar: RawType = { tag: 'const', target: charT };
const strPtr: RawType = { tag: 'pointer', size: 8, target: constChar };
const u8Ptr: RawType = { tag: 'pointer', size: 8, target: { tag: 'typedef', name: 'uint8_t', target: { tag: 'base', name: 'unsigned char', size: 1, enc: 8 } } };
const intT: RawType = { tag: 'base', name: 'int', size: 4, enc: 5 };
const structPtr: RawType = { tag: 'pointer', size: 8, target: { tag: 'struct', name: 'rte_vdev_device', size: 120 } };
const enumT: RawType = { tag: 'enum', name: 'rte_iova_mode', size: 4, enumerators: [['RTE_IOVA_DC', 0], ['RTE_IOVA_PA', 1], ['RTE_IOVA_VA', 2]] };

function memory(cells: Record<string, Buffer>, syms: Record<string, string> = {}): Memory {
  return {
    peek: (addr, len) => {
      for (const [k, b] of Object.entries(cells)) {
        const base = BigInt(k);
        if (addr >= base && addr < base + BigInt(b.length)) return b.subarray(Number(addr - base), Number(addr - base) + len);
      }
      return null;
    },
    symbol: (addr) => (syms['0x' + addr.toString(16)] ? { fn: syms['0x' + addr.toString(16)], offset: 0 } : null),
  };
}
const ptr = (v: bigint): Buffer => { const b = Buffer.alloc(8); b.writeBigUInt64LE(v); return b; };

describe('gdb-style values', () => {
  it('prints char pointers with their string, other pointers bare or with their symbol', () => {
    const mem = memory({ '0x1000': ptr(0x2000n), '0x2000': Buffer.from('vdev\0'), '0x3000': ptr(0x4000n), '0x5000': ptr(0n) }, { '0x4000': 'pmd_pcap_drv' });
    expect(formatValueAt(strPtr, 0x1000n, mem, true)).toBe('0x2000 "vdev"');
    expect(formatValueAt(structPtr, 0x3000n, mem, true)).toBe('0x4000 <pmd_pcap_drv>');
    expect(formatValueAt(strPtr, 0x5000n, mem, true)).toBe('0x0');
    expect(formatValueAt({ ...u8Ptr }, 0x1000n, mem, true)).toBe('0x2000'); // uint8_t * is not text
  });
  it('prints ints, enums, aggregates (`...` in bt, as gdb), unreadable memory', () => {
    const n = Buffer.alloc(4); n.writeInt32LE(-14);
    const e = Buffer.alloc(4); e.writeInt32LE(2);
    const mem = memory({ '0x10': n, '0x20': e });
    expect(formatValueAt(intT, 0x10n, mem, true)).toBe('-14');
    expect(formatValueAt(enumT, 0x20n, mem, true)).toBe('RTE_IOVA_VA');
    expect(formatValueAt({ tag: 'struct', name: 'x', size: 16 }, 0x10n, mem, true)).toBe('...');
    expect(formatValueAt(intT, 0x9999n, mem, true)).toMatch(/Cannot access memory at address 0x9999/);
  });
  it('escapes like gdb and names types like C', () => {
    expect(cString(Buffer.from([0x61, 0x22, 0x0a, 0xf5]))).toBe('"a\\"\\n\\365"');
    expect(typeText(strPtr)).toBe('const char *');
    expect(typeText(structPtr)).toBe('struct rte_vdev_device *');
  });
  it('evaluates -O0 locations: fbreg on the CFA, addr plus load bias', () => {
    const cfa = [{ op: 0x9c, n1: 0n, n2: 0n }];
    expect(varAddress([{ op: 0x91, n1: BigInt.asUintN(64, -40n), n2: 0n }], cfa, 0x7ffc1000n, 0n)).toBe(0x7ffc1000n - 40n);
    expect(varAddress([{ op: 0x03, n1: 0x1234n, n2: 0n }], cfa, null, 0x7f0000000000n)).toBe(0x7f0000001234n);
    expect(varAddress([{ op: 0x50, n1: 0n, n2: 0n }], cfa, 0x1000n, 0n)).toBeNull(); // in a register: not supported
  });
});

describe('probe references and windows', () => {
  const rec = (id: number, name: string): ProbeRecord => ({ id, input: name, devargs: { name } as ProbeRecord['devargs'], ret: 0, driver: null, alias: null, matched: null, probeEntered: true, ok: true, frames: [], log: [], at: 0, ms: 0 });
  const probes = [rec(1, 'net_null0'), { ...rec(2, 'x'), devargs: null }, rec(3, 'net_pcap0'), rec(4, 'net_null0')];
  it('N, #N, -N, DEVICE, none; clear errors otherwise', () => {
    expect((pickProbe(probes, undefined) as ProbeRecord).id).toBe(4);
    expect((pickProbe(probes, '3') as ProbeRecord).id).toBe(3);
    expect((pickProbe(probes, '#1') as ProbeRecord).id).toBe(1);
    expect((pickProbe(probes, '-1') as ProbeRecord).id).toBe(3);
    expect((pickProbe(probes, 'net_null0') as ProbeRecord).id).toBe(4);
    expect(pickProbe(probes, '2')).toMatch(/no probe #2/); // a parse error never reached DPDK
    expect(pickProbe(probes, '-9')).toMatch(/only 3 probe/);
    expect(pickProbe(probes, 'nosuch')).toMatch(/neither a probe id nor a probed device/);
    expect(pickProbe([], undefined)).toMatch(/no probe yet/);
  });
  it("centres like gdb's list and clamps at the file's ends", () => {
    const f = { rel: 'x.c', abs: '/x.c', lines: Array.from({ length: 300 }, (_, i) => `l${i + 1}`) };
    expect(centredWindow(f, 210)).toEqual({ first: 205, last: 214 });
    expect(centredWindow(f, 2)).toEqual({ first: 1, last: 10 });
    expect(centredWindow(f, 299)).toEqual({ first: 291, last: 300 });
  });
  it('shapes a chain: PMD probe first, trampoline dropped, cut after the shell frame', () => {
    const fr = (fn: string, origin: Frame['origin'] = 'dpdk'): Frame => ({ n: 0, addr: '0x1', fn, file: null, line: null, module: null, origin });
    const raw = [fr('vdev::trampoline_probe', 'shell'), fr('vdev_probe_all_drivers'), fr('rte_eal_hotplug_add'), fr('vdev::HotplugAdd', 'shell'), fr('v8::x', 'node')];
    expect(shapeProbeChain(raw, fr('pmd_pcap_probe')).map((f) => `${f.n}:${f.fn}`)).toEqual(['0:pmd_pcap_probe', '1:vdev_probe_all_drivers', '2:rte_eal_hotplug_add', '3:vdev::HotplugAdd']);
  });
});
