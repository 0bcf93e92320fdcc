// Rules about the input and the session before any driver's own words: the devargs did not parse,
// the EAL is gone, the layered syntax, a name DPDK refuses, no driver claims it, the name is taken,
// the port table is full.
import type { Candidate } from '../types.js';
import { driverNames, nameStem, nearestDriverNames, otherBus } from '../classify.js';
import { dropKey, freeName, renameTo } from '../edit.js';
import { claimText, find, matchedPrefixOf, plain, reads, site, taken, type InputCtx, type Rule, type RuleCtx } from './context.js';

// The DPDK lines these rules read (registered at load for the coverage report).
const LAYERED_SYNTAX_1 = reads('layeredSyntax', /failed to parse device|Could not find (?:bus|class) "|devargs name too long/);
const NAME_TOO_LONG_1 = reads('nameTooLong', /device name should be shorter than (\d+)/);
const DRIVER_UNKNOWN_1 = reads('driverUnknown', /failed to parse device/);
const NAME_IN_USE_1 = reads('nameInUse', /Failed to attach device/);
const PORT_LIMIT_1 = reads('portLimit', /Reached maximum number of Ethernet ports/);
const BUS_PLUG_1 = reads('busPlug', /Function (un)?plug not supported by bus \((.*)\)/);


export const parseRule: Rule<RuleCtx> = (c) => {
  const e = c.a.parseError;
  if (!e) return null;
  return {
    cause: 'bus-wrong', summary: e.message, facts: [`the devargs parser said: ${e.code}`], candidates: [],
    explain: ['vdev-shell hot-plugs on the vdev bus: rte_eal_hotplug_add("vdev", NAME, ARGS). A bus prefix other than vdev:,', 'a PCI address or text that is not NAME[,KEY=VALUE...] never reaches a driver.', e.hint],
  };
};

export const downRule: Rule<InputCtx> = (c) => {
  const a = c.a;
  if (a.died && a.devargs) {
    // The probe itself killed (or blocked) the EAL: find the key responsible by ablation in a fresh scratch EAL.
    const hung = !!a.death?.hung;
    const d = a.devargs;
    return {
      cause: hung ? 'hang' : 'crash',
      summary: hung ? `the probe of "${d.name}" did not return: the driver waits forever (${a.death?.how ?? 'blocked'})`
        : `DPDK died inside the probe of "${d.name}" (${a.death?.how ?? 'the EAL process ended'})`,
      facts: [claimText(c), ...(a.death?.lines.length ? [`last DPDK lines: ${a.death.lines.slice(-3).join(' | ')}`] : []),
        c.inferiorDown ? "the session's EAL is gone: 'run' starts a new one" : 'the EAL that died was a throwaway one; the session is untouched'],
      explain: ['A PMD bug or a blocking call inside rte_dev_probe takes the whole EAL process with it; the shell keeps the EAL in a', "child process so it survives. 'bt' after a crash shows the frames; dropping one key at a time in a scratch EAL finds the culprit."],
      candidates: d.kv.map((kv) => ({ devargs: dropKey(d, kv.key), why: `without ${kv.value === null ? kv.key : `${kv.key}=${kv.value}`}`, probeOnly: { key: kv.key }, ...(c.inferiorDown ? { before: ['run'] } : {}) })),
    };
  }
  if (!c.inferiorDown) return null;
  return {
    cause: 'inferior-down', summary: 'the EAL is not running, so nothing can be probed',
    facts: ['the inferior process is not running'],
    explain: ['The EAL lives in a child process (the inferior). When it dies, every port and probe of it is gone;', "'run' starts a fresh EAL with the same arguments (and 'info inferior' says how it ended)."],
    candidates: a.devargs ? [{ devargs: plain(c), before: ['run'], why: 'start the EAL again, then probe' }] : [],
  };
};

/**
 * The EAL's hotplug path on a bus without plug (or unplug): local_dev_probe / local_dev_remove
 * refuse before any driver runs. The shell always hot-plugs on the vdev bus, which has both; the
 * line is read so an application's log pasted in, or a bus of another build, still gets a cause.
 */
export const busPlugRule: Rule<InputCtx> = (c) => {
  const hit = find(c.a.log, BUS_PLUG_1);
  if (!hit) return null;
  const bus = hit.m[2], what = hit.m[1] ? 'unplug (detach)' : 'plug (hot-plug)';
  return {
    cause: 'bus-wrong', site: site(hit.line), summary: `the ${bus} bus cannot ${what} devices at run time: DPDK refused before any driver was asked`,
    facts: [`DPDK said: ${hit.line.text}`],
    explain: [`rte_dev_probe() calls the bus's plug function (rte_dev_remove() its unplug); the ${bus} bus has none, so hotplug is refused.`, 'Virtual devices hot-plug on the vdev bus (NAME[,KEY=VALUE...]); a device of another bus is attached at EAL start instead.'],
    candidates: [],
  };
};

/** The bus=/class=/driver= layered syntax handed to hotplug, which takes NAME[,KEY=VALUE...]. */
export const layeredSyntaxRule: Rule<InputCtx> = (c) => {
  const d = c.d;
  // The layered form given whole, or a layer glued onto a name ("net_null0/bus=vdev,name=x").
  if (!/^(bus|class|driver)=|\/(bus|class|driver)=/.test(d.text)) return null;
  const layers = new Map<string, { value: string; kv: string[] }>();
  for (const layer of d.text.split('/')) {
    const [head, ...kv] = layer.split(',');
    const eq = head.indexOf('=');
    if (eq > 0) layers.set(head.slice(0, eq), { value: head.slice(eq + 1), kv });
  }
  const named = layers.get('bus')?.kv.find((x) => x.startsWith('name='))?.slice(5);
  const drvName = layers.get('driver')?.value;
  const drv = drvName ? c.drivers.find((x) => x.name === drvName || x.alias === drvName) : undefined;
  const args = [...(layers.get('driver')?.kv ?? []), ...(layers.get('class')?.kv ?? [])].filter(Boolean);
  const lead = d.text.split('/')[0].split(',')[0];
  const name = (/^[^=:]+$/.test(lead) ? lead : undefined) ?? named ?? (drv ? freeName(drv.name, taken(c)) : undefined);
  const line = find(c.a.log, LAYERED_SYNTAX_1);
  return {
    cause: 'devargs-syntax', site: site(line?.line),
    summary: `"${d.text}" is the bus=/class=/driver= devargs syntax; hotplug takes a device NAME[,KEY=VALUE...]`,
    facts: [`layers given: ${[...layers.keys()].join(', ') || '(none)'}`, ...(drvName ? [`driver layer: ${drvName}${drv ? '' : ' (no such vdev driver in this build)'}`] : [])],
    explain: ['rte_eal_hotplug_add(bus, name, args) builds "bus:name,args" for rte_devargs_parse; the layered form', '(bus=vdev,name=X/class=eth/driver=Y) is for device iteration and --allow/--block, not a device to probe.',
      'On the vdev bus the driver is chosen by the NAME prefix, so driver=net_null becomes a name such as net_null0.'],
    candidates: name ? [{ devargs: [name, ...args].join(','), why: drv ? `the device name starts with ${drv.name}, so the vdev bus gives it to that driver` : 'the name from the bus layer' }] : [],
  };
};

/** rte_devargs_parse: the name is copied into a fixed buffer and refused at its size (logged with the limit). */
export const nameTooLongRule: Rule<InputCtx> = (c) => {
  const a = c.a, d = c.d;
  const hit = find(a.log, NAME_TOO_LONG_1);
  if (!hit) return null;
  const limit = Number(hit.m[1]);
  const drv = a.driver ?? c.drivers.find((x) => matchedPrefixOf(x, d.name));
  const prefix = drv ? (a.matched?.matched ?? drv.name) : d.name.slice(0, Math.min(16, limit - 4));
  const num = /(\d+)$/.exec(d.name)?.[1] ?? '0';
  const short = (prefix + num).length < limit ? prefix + num : d.name.slice(0, limit - 1);
  return {
    cause: 'name-too-long', site: site(hit.line), key: undefined,
    summary: `the device name is ${d.name.length} characters; DPDK keeps names shorter than ${limit}`,
    facts: [`DPDK said: ${hit.line.text}`, drv ? `${drv.name} would claim it by its prefix "${prefix}"` : 'no driver prefix matches it either'],
    explain: ['rte_devargs_parse copies the device name into struct rte_devargs name[RTE_DEV_NAME_MAX_LEN] and refuses', 'a longer one before any bus or driver sees it. Only the prefix matters to the vdev bus: a short name works the same.'],
    candidates: [{ devargs: renameTo(d, short, taken(c), true), why: `${short} keeps the driver prefix and fits` }],
  };
};

export const driverUnknownRule: Rule<InputCtx> = (c) => {
  const a = c.a;
  if (a.driver) return null;
  const d = c.d;
  const bus = otherBus(d.name);
  if (bus) {
    return {
      cause: 'bus-wrong', summary: `"${d.name}" names ${bus}, not a virtual device`, site: site(find(a.log, DRIVER_UNKNOWN_1)?.line),
      facts: [`return code ${a.ret}`, 'the EAL looked for it on the vdev bus'], candidates: [],
      explain: ['vdev-shell hot-plugs on the vdev bus only: rte_eal_hotplug_add("vdev", NAME, ARGS) with a vdev NAME such as net_pcap0.'],
    };
  }
  const names = driverNames(c.drivers);
  const stem = nameStem(d.name);
  const near = nearestDriverNames(d.name, c.drivers);
  const used = new Set<string>();
  const cands: Candidate[] = [];
  // Drivers that declare the keys given are the likeliest owners; then names close to the one typed.
  const owners = c.drivers.filter((x) => d.kv.length && d.kv.every((kv) => x.keys.some((k) => k.key === kv.key)));
  for (const o of owners) { used.add(o.name); cands.push({ devargs: renameTo(d, o.name, taken(c)), why: `${o.name} declares ${d.kv.map((k) => k.key).join(', ')}` }); }
  for (const n of near) {
    const drv = c.drivers.find((x) => x.name === n || x.alias === n);
    if (!drv || used.has(drv.name)) continue;
    used.add(drv.name);
    cands.push({ devargs: renameTo(d, n, taken(c)), why: `"${n}" is the ${drv.name === n ? 'driver name' : `alias of ${drv.name}`} closest to "${stem}"` });
  }
  const line = find(a.log, DRIVER_UNKNOWN_1);
  return {
    cause: 'driver-unknown', site: site(line?.line),
    summary: `no vdev driver claims "${d.name}"` + (near.length ? `; did you mean ${near.join(', ')}?` : ''),
    facts: [`return code ${a.ret} (rte_devargs_parse found no driver)`, `driver names and aliases in this build: ${names.join(' ')}`],
    explain: ['The vdev bus picks a driver by NAME PREFIX: the device name must start with a registered driver name or alias', '(case-sensitive), e.g. net_pcap0 or eth_pcap0 for net_pcap. Nothing else in the name matters to it.'],
    candidates: cands,
  };
};

export const nameInUseRule: Rule<InputCtx> = (c) => {
  const a = c.a;
  // ret 0 and no port is name-in-use only when the name was on the bus before (a driver can also
  // return 0 without creating a port: net_vhost queues=99999 in 22.11).
  if (!a.silentFailure || a.alreadyOnBus === false) return null;
  const d = c.d;
  const holder = c.ports.find((p) => p.device === d.name || p.name === d.name);
  const fresh = freeName(d.name, taken(c));
  return {
    cause: 'name-in-use',
    summary: holder ? `"${d.name}" is already attached as port ${holder.port}; DPDK returned 0 and attached nothing`
      : `"${d.name}" is already probed on the vdev bus (its port may have been closed); DPDK returned 0 and attached nothing`,
    site: site(find(a.log, NAME_IN_USE_1)?.line),
    facts: [holder ? `port ${holder.port} holds device ${d.name}${holder.devargs ? ` (args "${holder.devargs}")` : ''}` : 'no port holds that name, but the device is still on the vdev bus', 'return code 0, no new port'],
    explain: ['rte_dev_probe finds the name already on the vdev bus, logs "Failed to attach device on primary process" and', 'returns 0 in DPDK 22.11: the new arguments are dropped. Detach the old device first or choose another name.'],
    candidates: [
      { devargs: renameTo(d, fresh, taken(c), true), why: `${fresh} is not in use` },
      ...(holder ? [{ devargs: plain(c), before: [`port detach ${holder.port}`], why: `frees ${d.name}, then probes it again` }] : []),
    ],
  };
};

export const portLimitRule: Rule<InputCtx> = (c) => {
  const a = c.a;
  const line = find(a.log, PORT_LIMIT_1);
  if (!line && !(a.ret === -12 && c.ports.length >= c.maxPorts)) return null;
  const last = [...c.ports].sort((x, y) => y.port - x.port)[0];
  return {
    cause: 'port-limit', site: site(line?.line),
    summary: `all ${c.maxPorts} ethdev ports are in use (RTE_MAX_ETHPORTS = ${c.maxPorts})`,
    facts: [`ports in use: ${c.ports.map((p) => `${p.port}:${p.name}`).join(' ') || '(none listed)'}`, `return code ${a.ret}`],
    explain: ['Every ethdev takes a slot in rte_eth_devices[RTE_MAX_ETHPORTS], fixed when DPDK is built (32 here).', 'A full table makes rte_eth_dev_allocate fail before the driver can finish its probe.'],
    candidates: last ? [{ devargs: plain(c), before: [`port detach ${last.port}`], why: `frees port ${last.port} (${last.name})` }] : [],
  };
};
