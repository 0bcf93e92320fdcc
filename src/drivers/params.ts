// Reads a driver's registered parameter string (RTE_PMD_REGISTER_PARAM_STRING) as DPDK wrote it.
// The strings are not a tidy grammar: "phy_mac=<int>infinite_rx=<0|1>" (no space) in net_pcap,
// "no-rx=0|1" without brackets in net_null. Pure.

export interface ParamSpec {
  key: string;
  /** The declared value syntax, verbatim: "<int>", "<0|1>", "fixed|xx:xx:xx:xx:xx:xx". */
  syntax: string;
  kind: 'int' | 'bool' | 'mac' | 'path' | 'string' | 'iface' | 'other';
}

const KEY = /\s*([A-Za-z_][\w-]*)=(<[^>]*>|[^\s<]+)/y;

function kindOf(syntax: string): ParamSpec['kind'] {
  const s = syntax.replace(/^<|>$/g, '');
  if (s === 'int') return 'int';
  if (s === '0|1') return 'bool';
  if (/mac/.test(s) || /xx:xx/.test(s)) return 'mac';
  if (s === 'path') return 'path';
  if (s === 'ifc') return 'iface';
  if (s === 'string') return 'string';
  return 'other';
}

export function parseParamString(params: string): ParamSpec[] {
  const out: ParamSpec[] = [];
  let i = 0;
  while (i < params.length) {
    KEY.lastIndex = i;
    const m = KEY.exec(params);
    if (!m) {
      // Skip one unreadable token rather than giving up on the rest.
      const next = params.slice(i).search(/\s\S/);
      if (next < 0) break;
      i += next + 1;
      continue;
    }
    out.push({ key: m[1], syntax: m[2], kind: kindOf(m[2]) });
    i = KEY.lastIndex;
  }
  return out;
}
