// The Ink UI on ink-testing-library's terminal, against a real EAL: frames are asserted after
// real key sequences (the raw bytes a terminal sends).
import fs from 'node:fs';
import { execFileSync, spawnSync } from 'node:child_process';
import { testpmdPath } from '../../src/util/paths.js';
import path from 'node:path';
import { tmpDir } from '../helpers/tmp.js';
import { Session } from '../../src/session/session.js';
import { afterEach, describe, expect, it } from 'vitest';
import { mount, promptOf, type Mounted } from './ui-helpers.js';

const open: Mounted[] = [];
const ui = (o: Parameters<typeof mount>[0] = {}): Mounted => { const m = mount(o); open.push(m); return m; };
// A tap interface name this test owns (vdsh prefix, at most 15 characters), removed even on failure.
const TAP = `vdshui${process.pid % 1_000_000}`;
const tapExists = (): boolean => fs.existsSync(`/sys/class/net/${TAP}`);
afterEach(async () => {
  while (open.length) await open.pop()!.close();
  if (tapExists()) execFileSync('ip', ['link', 'del', TAP]);
});

const ENTER = '\r', TAB = '\t', UP = '\x1b[A', DOWN = '\x1b[B', CTRL = (c: string): string => String.fromCharCode(c.charCodeAt(0) - 96);

describe('Ink UI', () => {
  it('shows the prompt before the EAL has started; a line typed early waits for it', async () => {
    const m = ui();
    const first = m.frame();
    expect(promptOf(first)).toBe('(vdev)');
    expect(first).toMatch(/EAL starting/);
    m.type('probe net_null0' + ENTER);
    await m.waitFor((f) => /Port 0 attached: net_null0/.test(f) && /● EAL running pid \d+ │ 1 port │ ✓ probe net_null0/.test(f), 'the probe result and status');
  });

  it('edits the line with readline keys', async () => {
    const m = ui();
    m.type('probe net_null0');
    await m.waitFor((f) => promptOf(f) === '(vdev) probe net_null0', 'typed text');
    m.type(CTRL('a')); m.type('x');
    await m.waitFor((f) => promptOf(f) === '(vdev) xprobe net_null0', 'Ctrl-A then insert');
    m.type(CTRL('e')); m.type('\x1bb'); m.type('\x1bb'); m.type(CTRL('k'));
    await m.waitFor((f) => promptOf(f) === '(vdev) xprobe', 'Alt-B twice, Ctrl-K');
    m.type(CTRL('y'));
    await m.waitFor((f) => promptOf(f) === '(vdev) xprobe net_null0', 'Ctrl-Y yanks');
    m.type(CTRL('w'));
    await m.waitFor((f) => promptOf(f) === '(vdev) xprobe', 'Ctrl-W');
    m.type(CTRL('a')); m.type('\x1b[3~'); m.type(CTRL('e')); m.type('\x7f');
    await m.waitFor((f) => promptOf(f) === '(vdev) probe', 'Delete at start, Backspace at end');
    m.type('\x1b[D'); m.type('\x1b[D'); m.type('Z'); m.type('\x1b[H'); m.type('\x1b[C'); m.type('Y'); m.type('\x1b[F'); m.type('!');
    await m.waitFor((f) => promptOf(f) === '(vdev) pYroZbe!', 'arrows, Home, End');
    m.type(CTRL('u'));
    await m.waitFor((f) => promptOf(f) === '(vdev)', 'Ctrl-U');
  });

  it('keeps history in the file, walks it with Up/Down and searches it with Ctrl-R', async () => {
    const m = ui();
    for (const l of ['probe net_null0', 'info inferior', 'mac 0']) m.type(l + ENTER);
    await m.waitFor((f) => /✓ mac 0/.test(f), 'three commands ran');
    expect(fs.readFileSync(m.historyFile, 'utf8')).toBe('probe net_null0\ninfo inferior\nmac 0\n');
    m.type('draft'); m.type(UP);
    await m.waitFor((f) => promptOf(f) === '(vdev) mac 0', 'Up');
    m.type(UP); m.type(UP); m.type(DOWN); m.type(DOWN); m.type(DOWN);
    await m.waitFor((f) => promptOf(f) === '(vdev) draft', 'back to the draft');
    m.type(CTRL('u')); m.type(CTRL('r')); m.type('null');
    await m.waitFor((f) => promptOf(f) === "(reverse-i-search)'null': probe net_null0", 'Ctrl-R match');
    m.type('x');
    await m.waitFor((f) => promptOf(f) === "(reverse-i-search)'nullx' (no match):", 'no match');
    m.type('\x1b');
    await m.waitFor((f) => promptOf(f) === '(vdev)', 'Esc cancels');
    m.type(CTRL('r')); m.type('inf'); m.type(ENTER);
    await m.waitFor((f) => /EAL arguments/.test(f) && /✓ info inferior/.test(f), 'Enter runs the match');
    // a second UI on the same file sees the same history (it survives the shell)
    const m2 = ui({ historyFile: m.historyFile, session: m.session });
    m2.type(UP);
    await m2.waitFor((f) => promptOf(f) === '(vdev) info inferior', 'history read back');
  });

  it('completes on Tab and lists candidates when ambiguous', async () => {
    const m = ui();
    await m.waitFor((f) => /EAL running/.test(f), 'EAL ready');
    await m.controller.completionReady();
    m.type('probe net_pc' + TAB);
    await m.waitFor((f) => promptOf(f) === '(vdev) probe net_pcap', 'driver name completed');
    m.type('0,tx_' + TAB);
    await m.waitFor((f) => /tx_pcap=<string>\s+tx_iface=<ifc>/.test(f), 'key candidates listed');
    m.type('p' + TAB);
    await m.waitFor((f) => promptOf(f) === '(vdev) probe net_pcap0,tx_pcap=', 'key completed');
    expect(m.frame()).not.toMatch(/tx_iface=<ifc>/); // the list goes away once typing moves on
  });

  it('a Tab pressed before the EAL is up completes once it is', async () => {
    const m = ui();
    m.type('probe net_pc' + TAB); // at once: the EAL is still starting
    expect(m.session.inferior.state).toBe('starting'); // the keys arrived before the EAL was up
    await m.waitFor((f) => promptOf(f) === '(vdev) probe net_pcap', 'the completion after start-up');
  });

  it('shows what check says while a probe is typed, and updates it as the text changes', async () => {
    const m = ui();
    m.type('probe virtio_user0,tx_pcap=report.pcap');
    await m.waitFor((f) => f.includes('✗ check: net_virtio_user does not accept "tx_pcap" (net_pcap does)'), 'the wrong-driver hint');
    m.type(CTRL('u')); m.type('probe net_pcap_pdump_0,tx_pcap=report.pcap');
    await m.waitFor((f) => f.includes('✓ check: net_pcap claims "net_pcap_pdump_0"'), 'the ok hint');
    m.type(CTRL('u')); m.type('bt');
    await m.waitFor((f) => !f.includes('check:'), 'no hint for other commands');
  });

  it('typing never waits for the hint: a burst of keys gives one check, after the pause', async () => {
    const m = ui();
    await m.session.ready();
    let checks = 0;
    const claim = m.session.claim.bind(m.session);
    m.session.claim = (name: string) => { checks++; return claim(name); };
    const text = 'probe net_pcap0,tx_pcap=report.pcap';
    for (const ch of text) m.type(ch); // 35 keystrokes, each its own input event
    await m.waitFor((f) => promptOf(f) === `(vdev) ${text}`, 'every key shown');
    await m.waitFor((f) => f.includes('✓ check: net_pcap claims "net_pcap0"'), 'the hint after the pause');
    expect(checks).toBe(1); // one check for the whole burst, not one per key
  });

  it('survives a SIGKILLed inferior: banner, status, run brings the EAL back', async () => {
    const m = ui({ rows: 60 });
    m.type('probe net_null0' + ENTER);
    await m.waitFor((f) => /1 port/.test(f), 'a port attached');
    const pid = m.session.inferior.pid!;
    process.kill(pid, 'SIGKILL');
    await m.waitFor((f) => f.includes(`The EAL died (inferior pid ${pid}, killed by SIGKILL)`) && /Type 'run' \(or 'restart'\) for a new EAL/.test(f) && /✗ EAL crashed/.test(f), 'the crash banner');
    // The next command revives the EAL first (recovery guard) and the port is back.
    m.type('ops 0' + ENTER);
    await m.waitFor((f) => /eth_dev_ops of port 0 \(net_null0/.test(f) && !f.includes('The EAL died') && /● EAL running pid \d+ │ 1 port │ ✓ ops 0/.test(f), 'ops after a revival');
    const revived = m.session.inferior.pid;
    expect(revived).not.toBe(pid);
    process.kill(revived!, 'SIGKILL');
    await m.waitFor((f) => f.includes(`The EAL died (inferior pid ${revived}, killed by SIGKILL)`), 'the banner again');
    m.type('run' + ENTER);
    await m.waitFor((f) => !f.includes('The EAL died') && /● EAL running pid \d+ │ 0 ports │ ✓ run/.test(f), 'banner gone after run');
    expect(m.session.inferior.pid).not.toBe(revived);
  });

  it('an EAL that does not start: DPDK\'s reason shown, banner says how to retry', async () => {
    // DPDK's reason, as testpmd of the same build prints it for the same arguments: 22.11's EAL
    // says "EAL: Invalid 'command line' arguments.", 25.11's argparse "ARGPARSE: unknown argument ..."
    const pmd = spawnSync(testpmdPath(), ['--no-huge', '--bogus-flag'], { encoding: 'utf8', timeout: 30_000 });
    const reason = `${pmd.stdout}\n${pmd.stderr}`.split('\n').find((l) => /^[A-Z_]+: /.test(l) && !/Detected|exiting with code|Unregistering/.test(l));
    expect(reason, pmd.stderr).toBeDefined();
    const m = ui({ session: new Session(['--no-huge', '--bogus-flag']) });
    await m.waitFor((f) => /The EAL did not start \(inferior pid \d+, exit code \d+\)/.test(f) && f.includes(`│ ${reason}`) && /✗ EAL init-failed/.test(f), 'the init failure');
    m.type('run --no-huge -m 64 --no-pci --no-shconf -l 0 --no-telemetry' + ENTER);
    await m.waitFor((f) => !f.includes('The EAL did not start') && /● EAL running pid \d+ │ 0 ports │ ✓ run/.test(f), 'a running EAL');
  });

  it('Ctrl-C clears the line; Ctrl-D asks again when ports are attached, then quits and closes the session', async () => {
    const m = ui();
    m.type('probe net_null0' + ENTER);
    await m.waitFor((f) => /1 port/.test(f), 'a port attached');
    m.type('something'); m.type(CTRL('c'));
    await m.waitFor((f) => promptOf(f) === '(vdev)', 'Ctrl-C cleared the line');
    m.type(CTRL('d'));
    await m.waitFor((f) => /1 port attached: Ctrl-D again to detach and quit/.test(f), 'the confirmation');
    expect(m.controller.state.quitting).toBe(false);
    const pid = m.session.inferior.pid!;
    m.type(CTRL('d'));
    await m.controller.finished;
    // session.close() has returned: the inferior process is gone (it detached its devices first)
    expect(() => process.kill(pid, 0)).toThrow();
  });

  it('quit (Ctrl-D twice) awaits session.close(): the tap interface the session created is gone', async () => {
    const m = ui();
    m.type(`probe net_tap0,iface=${TAP}` + ENTER);
    await m.waitFor((f) => /1 port/.test(f), 'the tap port');
    expect(tapExists()).toBe(true);
    m.type(CTRL('d')); m.type(CTRL('d'));
    await m.controller.finished;
    expect(tapExists()).toBe(false);
  });

  it('Ctrl-C while a probe hangs in the EAL cancels it; the shell and the session stay', async () => {
    const m = ui();
    const fifo = path.join(tmpDir('vdevsh-ui-'), 'pipe');
    execFileSync('mkfifo', [fifo]); // opening it for writing blocks inside the pcap PMD's probe
    m.type('probe net_null0' + ENTER);
    await m.waitFor((f) => /1 port/.test(f), 'a port');
    const pid = m.session.inferior.pid;
    m.type(`probe --force net_pcap0,tx_pcap=${fifo}` + ENTER);
    await m.waitFor((f) => /running: probe --force/.test(f), 'the probe running');
    await m.waitFor((f) => /'probe --force net_pcap0,tx_pcap=\S+' still running after [\d.]+ s: waiting .*from open_single_tx_pcap .*Ctrl-C cancels it/.test(f.replace(/\n/g, ' ')), 'the slow notice: where the EAL waits');
    m.type(CTRL('c'));
    await m.waitFor((f) => /interrupting 'probe --force/.test(f), 'the interrupt notice');
    await m.waitFor((f) => /✗ probe --force/.test(f) && /● EAL running pid \d+/.test(f), 'the cancelled result and a running EAL', 30_000);
    expect(m.session.inferior.pid).not.toBe(pid);
    m.type('show port summary all' + ENTER);
    await m.waitFor((f) => /✓ show port summary all/.test(f), 'the shell still answers');
  });

  it('pages long output and scrolls with PageUp/PageDown', async () => {
    const m = ui({ rows: 16 });
    m.type('help' + ENTER);
    const f = await m.waitFor((x) => /-- \d+ more lines: PageDown/.test(x), 'the more indicator');
    expect(f).toMatch(/\(vdev\) help/); // the page starts at the command
    const before = Number(/-- (\d+) more lines/.exec(f)![1]);
    m.type('\x1b[6~');
    const after = await m.waitFor((x) => { const n = /-- (\d+) more lines/.exec(x); return !n || Number(n[1]) < before; }, 'PageDown moved');
    expect(after).not.toMatch(/\(vdev\) help/);
    m.type('\x1b[5~');
    await m.waitFor((x) => /\(vdev\) help/.test(x), 'PageUp back');
  });

  it('reads well at 60 columns and keeps colour off when asked', async () => {
    const m = ui({ columns: 60 });
    m.type('probe virtio_user0,tx_pcap=report.pcap' + ENTER);
    const f = await m.waitFor((x) => /✗ probe virtio_user0/.test(x), 'the failure');
    for (const line of f.split('\n')) expect(line.length, line).toBeLessThanOrEqual(60);
    expect(f).toMatch(/key-wrong-driver/);
    expect(m.rawFrame()).not.toMatch(/\x1b\[3\dm/); // no colour codes (only the cursor's inverse)
    const c = ui({ color: true });
    await c.waitFor(() => /\x1b\[3\dm/.test(c.rawFrame()), 'colour when wanted');
  });

  it('F1 lists the keys from the binding table, with the Ctrl-D rule; help says so too', async () => {
    const m = ui({ rows: 400 }); // the whole help fits: no paging in this test
    m.type('\x1bOP');
    await m.waitFor((f) => /Ctrl-R\s+search the history/.test(f) && /press it twice/.test(f), 'the key list');
    m.type('help' + ENTER);
    await m.waitFor((f) => /Ctrl-D on an empty line quits \(press it twice when ports are attached/.test(f.replace(/\n/g, ' ')), 'the UI note after help');
  });
});
