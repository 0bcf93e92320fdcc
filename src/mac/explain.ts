// What a MAC address says about itself: the I/G and U/L bits of the first octet, the IEEE OUI
// owner (from Debian's ieee-data registry, when installed) and the bytes read as text
// (02:70:63:61:70:00 is "\x02pcap\0", the pcap PMD's default). Pure except the registry read.
import fs from 'node:fs';

export interface MacExplanation {
  mac: string;
  bytes: number[];
  multicast: boolean;
  broadcast: boolean;
  locallyAdministered: boolean;
  zero: boolean;
  oui: string;
  vendor: string | null;
  /** The six bytes as a C string literal, e.g. "\x02pcap\0". */
  asText: string;
  /** Printable ASCII run of 3+ characters found in the bytes, if any. */
  printable: string | null;
}

export function parseMac(text: string): number[] | null {
  const t = text.trim();
  const parts = t.includes(':') ? t.split(':') : t.includes('-') ? t.split('-') : t.split(' ');
  if (parts.length !== 6 || parts.some((p) => !/^[0-9a-fA-F]{1,2}$/.test(p))) return null;
  return parts.map((p) => parseInt(p, 16));
}

export const formatMac = (b: number[]): string => b.map((x) => x.toString(16).padStart(2, '0').toUpperCase()).join(':');

function cString(bytes: number[]): string {
  return bytes.map((b) => {
    if (b === 0) return '\\0';
    if (b >= 0x20 && b < 0x7f && b !== 0x5c && b !== 0x22) return String.fromCharCode(b);
    return '\\x' + b.toString(16).padStart(2, '0');
  }).join('');
}

const OUI_FILES = ['/usr/share/ieee-data/oui.txt'];
let ouiText: string | null | undefined;
export function ouiVendor(oui: string): string | null {
  if (ouiText === undefined) {
    ouiText = null;
    for (const f of OUI_FILES) { try { ouiText = fs.readFileSync(f, 'latin1'); break; } catch { /* not installed */ } }
  }
  if (!ouiText) return null;
  const key = oui.replace(/:/g, '-').toUpperCase() + '   (hex)';
  const at = ouiText.indexOf(key);
  if (at < 0) return null;
  const eol = ouiText.indexOf('\n', at);
  return ouiText.slice(at + key.length, eol < 0 ? undefined : eol).trim() || null;
}

export function explainMac(text: string): MacExplanation | null {
  const bytes = parseMac(text);
  if (!bytes) return null;
  const multicast = (bytes[0] & 1) === 1;
  const local = (bytes[0] & 2) === 2;
  const oui = formatMac(bytes).slice(0, 8);
  const printable = /[\x20-\x7e]{3,}/.exec(String.fromCharCode(...bytes))?.[0] ?? null;
  return {
    mac: formatMac(bytes),
    bytes,
    multicast,
    broadcast: bytes.every((b) => b === 0xff),
    locallyAdministered: local,
    zero: bytes.every((b) => b === 0),
    oui,
    // A locally administered address has no registered owner, whatever its first bytes say.
    vendor: local || multicast ? null : ouiVendor(oui),
    asText: cString(bytes),
    printable,
  };
}
