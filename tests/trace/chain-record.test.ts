// The probe-chain record (native/chain_record.cc): kept in the inferior until bt asks, printed
// from the bytes copied at probe entry, per probe (not from whatever memory holds later), fetched
// before a deliberate restart, and said to be gone when its EAL died first.
import { afterEach, describe, expect, it } from 'vitest';
import { Session } from '../../src/session/session.js';
import { DEFAULT_EAL_ARGS, Inferior } from '../../src/session/inferior.js';
import { runCli } from '../helpers/cli.js';

let session: Session | undefined;
afterEach(async () => { await session?.close(); session = undefined; });

const argOf = (frames: { fn: string | null; args?: { name: string; value: string }[] }[], fn: string, name: string): string | undefined =>
  frames.find((f) => f.fn === fn)?.args?.find((a) => a.name === name)?.value;

describe('recorded probe chains', () => {
  it('each probe of one chain prints its own values, fetched only when asked', () => {
    const r = runCli(['--json', '-q'], {
      input: ['probe net_null0', 'port detach 0', 'probe net_null1,size=128', 'info probes', 'bt 1', 'bt 2', 'info probes', 'run', 'bt 2'].join('\n') + '\n',
    });
    const by = (cmd: string, k = 0) => r.json.filter((l) => l.cmd === cmd)[k];
    expect(by('info probes').data.probes.map((p: { chain: string }) => p.chain)).toEqual(['recorded', 'recorded']);
    const bt1 = by('bt 1').data.frames, bt3 = by('bt 2').data.frames;
    // rte_dev_probe's devargs has a value in every build (on the stack at -O0, in a callee-saved
    // register of an optimized build), and the string behind it is gathered per probe either way;
    // rte_eal_hotplug_add's arguments are <optimized out> in an optimized build, as gdb says too.
    expect(argOf(bt1, 'rte_dev_probe', 'devargs')).toMatch(/ "vdev:net_null0,?"$/);
    expect(argOf(bt3, 'rte_dev_probe', 'devargs')).toMatch(/ "vdev:net_null1,size=128"$/);
    expect(bt1[0].args[0].fields.map((f: { value: string }) => f.value).join(' ')).toMatch(/"net_null0"/);
    expect(by('info probes', 1).data.probes.map((p: { chain: string }) => p.chain)).toEqual(['loaded', 'loaded']);
    // `run` starts a new EAL: what was recorded in the old one is still there.
    expect(by('run').ok).toBe(true);
    expect(argOf(by('bt 2', 1).data.frames, 'rte_dev_probe', 'devargs')).toMatch(/ "vdev:net_null1,size=128"$/);
  });

  it('a chain whose EAL was killed before bt asked is reported gone, not printed empty', async () => {
    session = new Session();
    const rec = await session.probe('net_null0');
    expect(rec.chainSeq).toBeGreaterThan(0);
    const died = new Promise((res) => session!.inferior.once('death', res));
    process.kill(session.inferior.pid!, 'SIGKILL');
    await died;
    expect(await session.chainOf(rec)).toEqual([]);
    expect(rec.chainLost).toMatch(/the EAL that recorded it is gone/);
  });

  it('a probe asked not to record (a scratch proof) leaves no chain and unsymbolized lines; the next one records', async () => {
    const inf = new Inferior(DEFAULT_EAL_ARGS);
    try {
      await inf.ready;
      const quiet = await inf.request('hotplugAdd', { name: 'virtio_user0', args: '', emitters: false, record: false });
      expect(quiet.ret).toBeLessThan(0);
      expect(quiet.probeEntered).toBe(false);
      expect(quiet.chainSeq).toBeUndefined();
      expect(quiet.log.some((l) => /path is mandatory/.test(l.text))).toBe(true);
      expect(quiet.log.every((l) => l.emitter === undefined)).toBe(true);
      const full = await inf.request('hotplugAdd', { name: 'virtio_user1', args: '' });
      expect(full.probeEntered).toBe(true);
      expect(full.chainSeq).toBeGreaterThan(0);
      expect(full.log.find((l) => /path is mandatory/.test(l.text))?.emitter).toMatchObject({ fn: 'virtio_user_pmd_probe' });
    } finally { await inf.stop(); }
  });
});
