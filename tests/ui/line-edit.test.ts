import { describe, expect, it } from 'vitest';
import * as L from '../../src/ui/line-edit.js';

const at = (text: string, cursor = text.length): L.Line => ({ text, cursor });

describe('line editing', () => {
  it('inserts at the cursor and moves', () => {
    expect(L.insert(at('probe net_null0', 6), 'x')).toEqual(at('probe xnet_null0', 7));
    expect(L.left(at('ab', 0))).toEqual(at('ab', 0));
    expect(L.right(at('ab', 2))).toEqual(at('ab', 2));
    expect(L.home(at('abc'))).toEqual(at('abc', 0));
    expect(L.end(at('abc', 1))).toEqual(at('abc', 3));
  });
  it('deletes backwards and forwards', () => {
    expect(L.backspace(at('abc', 2))).toEqual(at('ac', 1));
    expect(L.backspace(at('abc', 0))).toEqual(at('abc', 0));
    expect(L.deleteForward(at('abc', 1))).toEqual(at('ac', 1));
    expect(L.deleteForward(at('abc'))).toEqual(at('abc'));
  });
  it('moves by words like Alt-B / Alt-F (letters and digits)', () => {
    const l = at('probe net_pcap0,tx_pcap=x');
    expect(L.wordLeft(l).cursor).toBe('probe net_pcap0,tx_pcap='.length);
    expect(L.wordLeft(L.wordLeft(l)).cursor).toBe('probe net_pcap0,tx_'.length);
    expect(L.wordRight(at(l.text, 0)).cursor).toBe(5);
  });
  it('kills to end, to start and the word before, returning what was cut', () => {
    expect(L.killToEnd(at('show port info 0', 5))).toEqual({ line: at('show ', 5), killed: 'port info 0' });
    expect(L.killToStart(at('show port info 0', 5))).toEqual({ line: at('port info 0', 0), killed: 'show ' });
    expect(L.killWordBack(at('probe net_pcap0,tx_pcap=x  '))).toEqual({ line: at('probe ', 6), killed: 'net_pcap0,tx_pcap=x  ' });
    expect(L.killWordForward(at('mac 0 02:70', 4))).toEqual({ line: at('mac  02:70', 4), killed: '0' });
  });
});
