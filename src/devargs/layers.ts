// DPDK's layered devargs syntax (bus=vdev,name=X/class=eth/driver=Y) and what hotplug makes of it.
// rte_eal_hotplug_add("vdev", NAME, ARGS) hands rte_devargs_parse the string "vdev:NAME,ARGS". If a
// "/" followed by bus=, class= or driver= cuts it into layers (rte_devargs_layers_parse), each
// layer's first key says what it is; the first layer starts with "vdev:" and so is never a bus
// layer. A class layer with no bus layer is accepted by rte_devargs_parse ("da->bus != NULL ||
// da->cls != NULL": return 0), and local_dev_probe then reads da->bus->plug through a NULL bus: a
// SIGSEGV (22.11 to 25.11). Whether the selected DPDK still does both is read from its source.
import fs from 'node:fs';
import path from 'node:path';
import { functionsOf } from '../diagnose/sites.js';
import { dpdkPaths } from '../util/paths.js';
import type { Devargs } from './parse.js';

const LAYER_KEYS = ['bus', 'class', 'driver'] as const;
type LayerKey = typeof LAYER_KEYS[number];

export interface Layer { key: string; value: string; kv: string[]; text: string }

/** The layers rte_devargs_layers_parse cuts a string into (a "/" counts only before a layer key). */
export function layersOf(s: string): Layer[] {
  const parts: string[] = [];
  let start = 0;
  for (let i = s.indexOf('/'); i >= 0; i = s.indexOf('/', i + 1)) {
    if (LAYER_KEYS.some((k) => s.startsWith(`${k}=`, i + 1))) { parts.push(s.slice(start, i)); start = i + 1; }
  }
  parts.push(s.slice(start));
  return parts.map((text) => {
    const [head, ...kv] = text.split(',');
    const eq = head.indexOf('=');
    return { key: eq < 0 ? head : head.slice(0, eq), value: eq < 0 ? '' : head.slice(eq + 1), kv, text };
  });
}

/** The layers of the string hotplug builds for these devargs; null when it has none (the legacy NAME,ARGS form). */
export function hotplugLayers(d: Devargs): Layer[] | null {
  const layers = layersOf(`vdev:${d.name}${d.args ? `,${d.args}` : ''}`);
  return layers.length > 1 ? layers : null;
}

/** The plain NAME[,ARGS] a layered string means: the bus layer's name= (or the text before the first layer), the driver and class layers' keys. */
export function plainOfLayers(text: string): { name: string | null; args: string[]; driver: string | null; given: string[] } {
  const layers = layersOf(text);
  const by = (k: LayerKey): Layer | undefined => layers.find((l) => l.key === k);
  const lead = layers[0].text.split(',')[0];
  const name = (/^[^=:]+$/.test(lead) ? lead : null) ?? by('bus')?.kv.find((x) => x.startsWith('name='))?.slice(5) ?? null;
  return {
    name, driver: by('driver')?.value ?? null,
    args: [...(by('driver')?.kv ?? []), ...(by('class')?.kv ?? [])].filter(Boolean),
    given: layers.filter((l) => (LAYER_KEYS as readonly string[]).includes(l.key)).map((l) => l.key),
  };
}

export interface SourceSite { file: string; line: number }
/** Where the selected DPDK accepts a class without a bus and where hotplug then reads the bus; null when it does not both. */
export interface NullBusFacts { accepts: SourceSite; reads: SourceSite; /** Classes the source registers (RTE_REGISTER_CLASS): another class name fails the layered parse cleanly. */ classes: string[] }

const cache = new Map<string, NullBusFacts | null>();

export function nullBusFacts(src = dpdkPaths().src): NullBusFacts | null {
  if (cache.has(src)) return cache.get(src)!;
  // A function's body and the line of a match in it (the body is a verbatim slice of the file).
  const fn = (rel: string, name: string): { body: string; lineAt: (at: number) => number } | null => {
    try {
      const text = fs.readFileSync(path.join(src, rel), 'utf8');
      const f = functionsOf(text, rel).find((x) => x.name === name);
      const start = f ? text.indexOf(f.body) : -1;
      return f && start >= 0 ? { body: f.body, lineAt: (at) => text.slice(0, start + at).split('\n').length } : null;
    } catch { return null; }
  };
  const DEVARGS = 'lib/eal/common/eal_common_devargs.c', DEV = 'lib/eal/common/eal_common_dev.c';
  const parse = fn(DEVARGS, 'rte_devargs_parse'), probe = fn(DEV, 'local_dev_probe');
  const accept = parse ? /if\s*\(\s*(\w+)->bus\s*!=\s*NULL\s*\|\|\s*\1->cls\s*!=\s*NULL\s*\)\s*return\s+0\s*;/.exec(parse.body) : null;
  const read = probe ? /(\w+)->bus->plug\b/.exec(probe.body) : null;
  // A NULL check of the bus before that read would make the form fail cleanly instead.
  const checked = probe && read ? new RegExp(`${read[1]}->bus\\s*==\\s*NULL|!\\s*${read[1]}->bus\\b`).test(probe.body.slice(0, read.index)) : false;
  const facts = parse && probe && accept && read && !checked
    ? { accepts: { file: DEVARGS, line: parse.lineAt(accept.index) }, reads: { file: DEV, line: probe.lineAt(read.index) }, classes: registeredClasses(src) } : null;
  cache.set(src, facts);
  return facts;
}

/** RTE_REGISTER_CLASS(name, ...) in the source's libraries (eth, vdpa). */
function registeredClasses(src: string): string[] {
  const out = new Set<string>();
  const walk = (dir: string): void => {
    let ents: fs.Dirent[] = [];
    try { ents = fs.readdirSync(dir, { withFileTypes: true }); } catch { return; }
    for (const e of ents) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.name.endsWith('.c')) for (const m of fs.readFileSync(p, 'utf8').matchAll(/^RTE_REGISTER_CLASS\(\s*(\w+)\s*,/gm)) out.add(m[1]);
    }
  };
  // Classes are registered by libraries (ethdev's eth, vhost's vdpa), not by drivers.
  walk(path.join(src, 'lib'));
  return [...out].sort();
}

export interface NullBusHazard { message: string; hint: string; plain: string | null; facts: NullBusFacts }

/**
 * The input, hot-plugged, parses to a class and no bus, and this DPDK then crashes in
 * local_dev_probe: what to say and the plain form that works (null when the input names no device).
 */
export function nullBusHazard(d: Devargs, src?: string): NullBusHazard | null {
  // Plain input (no "/KEY=" anywhere) has no layers: the common case costs a search, not a split.
  if (!d.text.includes('/')) return null;
  const layers = hotplugLayers(d);
  const cls = layers?.find((l) => l.key === 'class')?.value;
  if (!layers || cls === undefined || layers.some((l) => l.key === 'bus')) return null;
  const facts = nullBusFacts(src);
  if (!facts?.classes.includes(cls)) return null;
  // A value that holds "/class=..." (a path) cuts the string just the same.
  const inValue = /^[^=/]+$/.test(d.name) ? d.kv.find((kv) => kv.value && layersOf(kv.value).some((l) => l.key === 'class')) : undefined;
  const p = plainOfLayers(d.text);
  const name = p.name ?? (p.driver ? `${p.driver}0` : null);
  const plain = inValue ? null : name ? [name, ...p.args].join(',') : null;
  return {
    facts, plain,
    message: `this bus=/class= form crashes DPDK's hotplug: rte_eal_hotplug_add builds "vdev:${d.text}", whose layers give a class (${cls}) and no bus; rte_devargs_parse accepts that (${facts.accepts.file}:${facts.accepts.line}) and local_dev_probe reads the missing bus (${facts.reads.file}:${facts.reads.line}): SIGSEGV`,
    hint: inValue ? `${inValue.key}=${inValue.value} holds "/class=", which DPDK reads as a layer: give a value without it`
      : plain ? `hotplug takes NAME[,KEY=VALUE...]: probe ${plain}` : 'hotplug takes NAME[,KEY=VALUE...], e.g. probe net_null0',
  };
}
