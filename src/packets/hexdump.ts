// tcpdump -XX style hex dump: offset, 16 bytes in groups of two, ASCII (0x21..0x7e, as tcpdump).
export function hexdump(bytes: Uint8Array): string[] {
  const out: string[] = [];
  for (let off = 0; off < bytes.length; off += 16) {
    const row = bytes.subarray(off, off + 16);
    let hex = '';
    for (let i = 0; i < row.length; i++) hex += row[i].toString(16).padStart(2, '0') + (i % 2 ? ' ' : '');
    const ascii = Array.from(row, (b) => (b > 0x20 && b < 0x7f ? String.fromCharCode(b) : '.')).join('');
    out.push(`\t0x${off.toString(16).padStart(4, '0')}:  ${hex.padEnd(40)} ${ascii}`);
  }
  return out;
}
