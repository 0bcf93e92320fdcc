// The UI in a real terminal (tmux): the seed story typed key by key, and an inferior SIGKILLed
// under the live UI. Each step waits for what the screen must show.
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { tmpDir } from '../helpers/tmp.js';
import { Tmux, promptRow, statusPid } from './tmux-helpers.js';

let tm: Tmux;
afterEach(() => { tm?.killServer(); });

const alive = (pid: number): boolean => { try { process.kill(pid, 0); return true; } catch { return false; } };

describe('vdev-shell in a real terminal', () => {
  it('types the seed story: failing virtio_user probe, Tab completion, pcap probe, mac, bt, ops, Ctrl-R, quit', async () => {
    tm = new Tmux();
    const dir = tmpDir('vdevsh-tmux-');
    const t = tm.start('seed', dir);
    await tm.waitFor(t, (s) => promptRow(s) === '(vdev)' && /● EAL running pid \d+ │ 0 ports/.test(s), 'the prompt and a running EAL');
    const pid = statusPid(tm.screen(t))!;

    // 1. the seed's failing probe, with the hint before Enter
    tm.type(t, 'probe virtio_user0,tx_pcap=report.pcap');
    await tm.waitFor(t, (s) => s.includes('✗ check: net_virtio_user does not accept "tx_pcap" (net_pcap does)'), 'the hint');
    tm.keys(t, 'Enter');
    await tm.waitFor(t, (s) => s.includes('error when parsing param') && /error: .*tx_pcap/.test(s) && /✗ probe virtio_user0.*key-wrong-driver/.test(s), 'the failure');

    // 2. Tab completion: driver name, then the key of that driver
    tm.type(t, 'probe net_pc'); tm.keys(t, 'Tab');
    await tm.waitFor(t, (s) => promptRow(s) === '(vdev) probe net_pcap', 'the driver name completed');
    tm.type(t, '_pdump_0,tx_'); tm.keys(t, 'Tab');
    await tm.waitFor(t, (s) => /tx_pcap=<string>\s+tx_iface=<ifc>/.test(s), 'the candidates listed');
    tm.type(t, 'p'); tm.keys(t, 'Tab');
    await tm.waitFor(t, (s) => promptRow(s) === '(vdev) probe net_pcap_pdump_0,tx_pcap=', 'the key completed');

    // 3. the working probe
    tm.type(t, 'report.pcap');
    await tm.waitFor(t, (s) => s.includes('✓ check: net_pcap claims "net_pcap_pdump_0"'), 'the ok hint');
    tm.keys(t, 'Enter');
    await tm.waitFor(t, (s) => s.includes('Port 0 attached: net_pcap_pdump_0') && /│ 1 port │ ✓ probe net_pcap_pdump_0/.test(s), 'port 0');
    expect(fs.existsSync(path.join(dir, 'report.pcap'))).toBe(true);

    // 4. mac 0, bt, ops 0
    tm.type(t, 'mac 0'); tm.keys(t, 'Enter');
    await tm.waitFor(t, (s) => s.includes('MAC 02:70:63:61:70:00') && s.includes('"\\x02pcap\\0"'), 'the pcap MAC explained');
    tm.type(t, 'bt'); tm.keys(t, 'Enter');
    await tm.waitFor(t, (s) => /#0 +pmd_pcap_probe\b/.test(s) && /drivers\/net\/pcap\/pcap_ethdev\.c:\d+/.test(s) && /#\d+ .*rte_eal_hotplug_add\b/.test(s), 'the probe chain');
    tm.type(t, 'ops 0'); tm.keys(t, 'Enter');
    // the whole frame is on screen: the burst functions, or the pager's mark that more lines follow
    // (a capture taken while the terminal is still drawing the table shows neither)
    await tm.waitFor(t, (s) => /eth_dev_ops of port 0 \(net_pcap_pdump_0, net_pcap\)/.test(s) && /dev_start +eth_dev_start/.test(s) &&
      (/more lines?: PageDown/.test(s) || /tx_pkt_burst +eth_pcap_tx/.test(s)), 'the ops table');
    const opsScreen = tm.screen(t);
    if (/more lines?: PageDown/.test(opsScreen)) {
      tm.keys(t, 'PageDown');
      await tm.waitFor(t, (s) => /tx_pkt_burst +eth_pcap_tx/.test(s), 'the burst functions after PageDown');
    } else expect(opsScreen).toMatch(/tx_pkt_burst +eth_pcap_tx/);

    // 5. Ctrl-R finds the failing probe again; Ctrl-G leaves the search
    tm.keys(t, 'C-r'); tm.type(t, 'virtio');
    await tm.waitFor(t, (s) => promptRow(s) === "(reverse-i-search)'virtio': probe virtio_user0,tx_pcap=report.pcap", 'the search match');
    tm.keys(t, 'C-g');
    await tm.waitFor(t, (s) => promptRow(s) === '(vdev)', 'the search cancelled');

    // 6. quit: the shell exits, the EAL is gone, the history file has the story
    tm.type(t, 'quit'); tm.keys(t, 'Enter');
    await tm.waitFor(t, () => tm.dead(t), 'the shell to exit');
    expect(alive(pid)).toBe(false);
    expect(fs.readFileSync(path.join(dir, 'history'), 'utf8').split('\n').filter(Boolean)).toEqual([
      'probe virtio_user0,tx_pcap=report.pcap', 'probe net_pcap_pdump_0,tx_pcap=report.pcap', 'mac 0', 'bt', 'ops 0', 'quit',
    ]);
  });

  it('survives SIGKILL of the inferior: banner, restart brings the EAL back, history intact', async () => {
    tm = new Tmux();
    const dir = tmpDir('vdevsh-tmux-');
    const t = tm.start('kill', dir, { columns: 60, rows: 24 });
    await tm.waitFor(t, (s) => /EAL running pid \d+/.test(s), 'a running EAL');
    tm.type(t, 'probe net_null0'); tm.keys(t, 'Enter');
    await tm.waitFor(t, (s) => /│ 1 port │/.test(s), 'a port');
    const pid = statusPid(tm.screen(t))!;
    process.kill(pid, 'SIGKILL');
    await tm.waitFor(t, (s) => s.includes(`The EAL died (inferior pid ${pid}, killed by`) && s.includes("Type 'run' (or") && /✗ EAL crashed/.test(s), 'the crash banner');
    expect(tm.dead(t)).toBe(false);
    tm.type(t, 'restart'); tm.keys(t, 'Enter');
    await tm.waitFor(t, (s) => !s.includes('The EAL died') && /● EAL running pid \d+/.test(s) && statusPid(s) !== pid, 'a new EAL');
    const pid2 = statusPid(tm.screen(t))!;
    tm.type(t, 'info eal'); tm.keys(t, 'Enter');
    await tm.waitFor(t, (s) => new RegExp(`pid +${pid2}`).test(s) && /✓ info eal/.test(s), 'the new EAL answers');
    tm.keys(t, 'Up'); tm.keys(t, 'Up');
    await tm.waitFor(t, (s) => promptRow(s) === '(vdev) restart', 'history walks back over the crash');
    expect(fs.readFileSync(path.join(dir, 'history'), 'utf8')).toBe('probe net_null0\nrestart\ninfo eal\n');
    tm.keys(t, 'C-u', 'C-d');
    await tm.waitFor(t, () => tm.dead(t), 'Ctrl-D to quit');
    expect(alive(pid2)).toBe(false);
  });
});

describe('vdev-shell terminal layout', () => {
  it('re-lays out on resize: 100 columns, then 60', async () => {
    tm = new Tmux();
    const dir = tmpDir('vdevsh-tmux-');
    const t = tm.start('resize', dir, { columns: 100, rows: 30 });
    await tm.waitFor(t, (s) => /EAL running pid \d+/.test(s), 'a running EAL');
    tm.type(t, 'show port summary all'); tm.keys(t, 'Enter');
    tm.type(t, 'probe net_null0'); tm.keys(t, 'Enter');
    const wide = await tm.waitFor(t, (s) => /│ 1 port │ ✓ probe net_null0/.test(s), 'a port at 100 columns');
    expect(wide.split('\n').some((l) => l.trimEnd().length > 60)).toBe(true);
    tm.tmux('resize-window', '-t', t, '-x', '60', '-y', '30');
    const narrow = await tm.waitFor(t, (s) => s.split('\n').every((l) => l.trimEnd().length <= 60) && /Port 0 attached: net_null0/.test(s), 'every row within 60 columns');
    // the status line is still one row and still says what matters
    expect(narrow.split('\n').filter((l) => /EAL running pid \d+ │ 1 port/.test(l))).toHaveLength(1);
    tm.keys(t, 'C-d', 'C-d');
    await tm.waitFor(t, () => tm.dead(t), 'Ctrl-D twice quits with a port attached');
  });
});

describe('vdev-shell start-up in a terminal', () => {
  it('keeps keys typed before the UI and the EAL are up, and runs the line once the EAL is ready', async () => {
    tm = new Tmux();
    const dir = tmpDir('vdevsh-tmux-');
    const t = tm.start('early', dir, { columns: 80, rows: 24 });
    tm.type(t, 'info eal'); tm.keys(t, 'Enter'); // at once: the shell may not even have painted yet
    // The keys are in the terminal before this capture, and the EAL was not up at the capture.
    expect(tm.screen(t)).not.toMatch(/EAL running/);
    const s = await tm.waitFor(t, (x) => /EAL arguments +--no-huge -m 64/.test(x) && /✓ info eal/.test(x), 'the early line ran');
    // The shell itself SIGKILLed: the history already holds the line, and the orphaned EAL goes away.
    const inferior = statusPid(s)!;
    process.kill(tm.panePid(t), 'SIGKILL');
    await tm.waitFor(t, () => tm.dead(t), 'the shell killed');
    expect(fs.readFileSync(path.join(dir, 'history'), 'utf8')).toBe('info eal\n');
    const deadline = Date.now() + 10_000;
    while (alive(inferior) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 25));
    expect(alive(inferior)).toBe(false);
  });
});

describe('vdev-shell colour in a terminal', () => {
  const colourSgr = /\x1b\[(?:[0-9;]*;)?(?:3[0-7]|9[0-7]|4[0-7]|38;5;\d+|38;2;[\d;]+)m/;
  it('colours results on a terminal, and NO_COLOR turns colour off (UI chrome included)', async () => {
    tm = new Tmux();
    const dir = tmpDir('vdevsh-tmux-');
    const colour = tm.start('colour', dir, { columns: 80, rows: 24 });
    const plain = tm.start('plain', dir, { columns: 80, rows: 24, env: { NO_COLOR: '1', VDEV_SHELL_HISTORY: path.join(dir, 'h2') } });
    for (const t of [colour, plain]) { tm.type(t, 'probe virtio_user0,tx_pcap=x.pcap'); tm.keys(t, 'Enter'); }
    for (const t of [colour, plain]) await tm.waitFor(t, (s) => /✗ probe virtio_user0/.test(s), 'the failure');
    const withEsc = (t: string): string => tm.tmux('capture-pane', '-p', '-e', '-t', t);
    expect(withEsc(colour)).toMatch(colourSgr);
    expect(withEsc(plain)).not.toMatch(colourSgr);
    for (const t of [colour, plain]) tm.keys(t, 'C-d');
    for (const t of [colour, plain]) await tm.waitFor(t, () => tm.dead(t), 'quit');
  });
});
