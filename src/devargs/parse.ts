// Accepts every form in which users paste a vdev: plain devargs, EAL --vdev, OVS dpdk-devargs,
// and the C call rte_eal_hotplug_add("vdev", "name", "args"). Pure: no DPDK here.

export type DevargsForm = 'plain' | 'eal' | 'ovs' | 'c-call';

export interface KeyValue { key: string; value: string | null; raw: string }

export interface Devargs {
  bus: 'vdev';
  name: string;
  /** The args exactly as they will be handed to rte_eal_hotplug_add. */
  args: string;
  kv: KeyValue[];
  form: DevargsForm;
  /** The canonical plain form: name[,args]. */
  text: string;
}

export interface DevargsError { code: 'bus-wrong' | 'devargs-malformed'; message: string; hint: string }

export type ParseResult = { ok: true; devargs: Devargs } | { ok: false; error: DevargsError };

const unquote = (s: string): string => {
  const t = s.trim();
  if (t.length >= 2 && (t[0] === '"' || t[0] === "'") && t[t.length - 1] === t[0]) return t.slice(1, -1);
  return t;
};

/** Split "a=1,b=[x,y],c" at the commas that are not inside [] (rte_kvargs allows lists in []). */
export function splitArgs(args: string): KeyValue[] {
  const out: KeyValue[] = [];
  let depth = 0, cur = '';
  const push = (): void => {
    if (cur === '') return;
    const eq = cur.indexOf('=');
    out.push(eq < 0 ? { key: cur, value: null, raw: cur } : { key: cur.slice(0, eq), value: cur.slice(eq + 1), raw: cur });
    cur = '';
  };
  for (const ch of args) {
    if (ch === '[') depth++;
    if (ch === ']') depth = Math.max(0, depth - 1);
    if (ch === ',' && depth === 0) push();
    else cur += ch;
  }
  push();
  return out;
}

function make(name: string, args: string, form: DevargsForm): ParseResult {
  if (name === '') return fail('devargs-malformed', 'no device name given', 'write the device name first, e.g. net_null0 or net_pcap0,tx_pcap=out.pcap');
  if (/\s/.test(name)) return fail('devargs-malformed', `device name "${name}" contains whitespace`, 'a vdev name is one word such as net_pcap0; separate args with commas');
  if (/^[0-9a-f]{4}:[0-9a-f]{2}:[0-9a-f]{2}\.[0-7]$/i.test(name) || /^[0-9a-f]{2}:[0-9a-f]{2}\.[0-7]$/i.test(name))
    return fail('bus-wrong', `"${name}" is a PCI address, not a virtual device`, 'vdev-shell hot-plugs on the vdev bus only; give a vdev name such as net_pcap0');
  return { ok: true, devargs: { bus: 'vdev', name, args, kv: splitArgs(args), form, text: args ? `${name},${args}` : name } };
}

function fail(code: DevargsError['code'], message: string, hint: string): ParseResult {
  return { ok: false, error: { code, message, hint } };
}

function fromPlain(s: string, form: DevargsForm): ParseResult {
  let text = unquote(s);
  const bus = /^(\w+):(?!\d)(.*)$/.exec(text);   // "vdev:net_null0" style bus prefix
  if (bus && !/^[0-9a-f]{4}$/i.test(bus[1])) {
    if (bus[1] !== 'vdev') return fail('bus-wrong', `bus "${bus[1]}" is not the vdev bus`, 'only virtual devices can be hot-plugged here; drop the bus prefix or use vdev:');
    text = bus[2];
  }
  const comma = text.indexOf(',');
  return comma < 0 ? make(text, '', form) : make(text.slice(0, comma), text.slice(comma + 1), form);
}

const C_CALL = /^(?:\w+\s*=\s*)?rte_eal_hotplug_add\s*\(\s*"([^"]*)"\s*,\s*"([^"]*)"\s*,\s*"([^"]*)"\s*\)\s*;?$/;

/**
 * The parse of each recent input, shared: a probe reads its devargs in pre-flight, again to probe
 * and in the commands around it. Results are frozen (nobody may change a shared one).
 */
const parsed = new Map<string, ParseResult>();
const PARSED_KEEP = 256;

export function parseDevargs(input: string): ParseResult {
  let r = parsed.get(input);
  if (r) return r;
  r = deepFreeze(parseOnce(input));
  if (parsed.size >= PARSED_KEEP) parsed.clear();
  parsed.set(input, r);
  return r;
}

function deepFreeze<T>(v: T): T {
  if (v && typeof v === 'object' && !Object.isFrozen(v)) {
    for (const x of Object.values(v)) deepFreeze(x);
    Object.freeze(v);
  }
  return v;
}

function parseOnce(input: string): ParseResult {
  const s = input.trim();
  if (s === '') return fail('devargs-malformed', 'no devargs given', 'usage: probe NAME[,KEY=VALUE...], e.g. probe net_null0');
  if (s.includes('rte_eal_hotplug_add')) {
    const m = C_CALL.exec(s);
    if (!m) return fail('devargs-malformed', 'could not read the rte_eal_hotplug_add(...) call', 'paste it as rte_eal_hotplug_add("vdev", "name", "args") with string literals');
    if (m[1] !== 'vdev') return fail('bus-wrong', `bus "${m[1]}" is not the vdev bus`, 'vdev-shell hot-plugs virtual devices: use rte_eal_hotplug_add("vdev", ...)');
    return make(m[2], m[3], 'c-call');
  }
  const eal = /^--vdev(?:=|\s+)(.+)$/s.exec(s);
  if (eal) return fromPlain(eal[1], 'eal');
  if (s === '--vdev') return fail('devargs-malformed', '--vdev needs a device', 'e.g. --vdev=net_tap0,iface=foo0');
  const ovs = /^(?:options:)?dpdk-devargs=(.+)$/s.exec(s);
  if (ovs) return fromPlain(ovs[1], 'ovs');
  if (s.startsWith('-')) return fail('devargs-malformed', `"${s.split(/\s/)[0]}" is not a device`, 'give NAME[,KEY=VALUE...] or --vdev=NAME,...');
  return fromPlain(s, 'plain');
}
