import { describe, expect, it } from 'vitest';
import { BINDINGS, decodeInput, keysHelp } from '../../src/ui/keys.js';

describe('key binding table', () => {
  it('binds every sequence once', () => {
    const seqs = BINDINGS.flatMap((b) => b.seqs);
    expect(new Set(seqs).size).toBe(seqs.length);
  });
  it('tells Backspace (DEL) from Delete (ESC[3~), which Ink alone cannot', () => {
    expect(decodeInput('\x7f')).toEqual([{ action: 'backspace' }]);
    expect(decodeInput('\x1b[3~')).toEqual([{ action: 'delete' }]);
  });
  it('decodes readline keys', () => {
    expect(decodeInput('\x01')).toEqual([{ action: 'home' }]);
    expect(decodeInput('\x05')).toEqual([{ action: 'end' }]);
    expect(decodeInput('\x0b')).toEqual([{ action: 'kill-end' }]);
    expect(decodeInput('\x15')).toEqual([{ action: 'kill-start' }]);
    expect(decodeInput('\x17')).toEqual([{ action: 'kill-word-back' }]);
    expect(decodeInput('\x1bb')).toEqual([{ action: 'word-left' }]);
    expect(decodeInput('\x1bf')).toEqual([{ action: 'word-right' }]);
    expect(decodeInput('\x12')).toEqual([{ action: 'search-back' }]);
    expect(decodeInput('\x03')).toEqual([{ action: 'interrupt' }]);
    expect(decodeInput('\x04')).toEqual([{ action: 'eof' }]);
    expect(decodeInput('\x1b[A')).toEqual([{ action: 'history-prev' }]);
    expect(decodeInput('\x1b[5~')).toEqual([{ action: 'page-up' }]);
  });
  it('splits text typed or pasted together with control keys', () => {
    expect(decodeInput('bt\r')).toEqual([{ text: 'bt' }, { action: 'submit' }]);
    expect(decodeInput('probe net_pc\tap')).toEqual([{ text: 'probe net_pc' }, { action: 'complete' }, { text: 'ap' }]);
  });
  it('never inserts an unbound escape sequence or control character', () => {
    expect(decodeInput('\x1b[24~')).toEqual([]);
    expect(decodeInput('a\x1cb')).toEqual([{ text: 'a' }, { text: 'b' }]);
  });
  it('documents every binding, Ctrl-D confirmation included', () => {
    const help = keysHelp().join('\n');
    for (const b of BINDINGS) expect(help).toContain(b.keys);
    expect(help).toMatch(/Ctrl-D.*ports attached, press it twice/);
  });
});
