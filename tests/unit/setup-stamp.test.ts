// The set-up stamp on a project tree made in a temp directory: ready only while every input and
// output is as set-up left it, and only for the settings it was made with.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkReady, currentSettings, stampedBuild, writeStamp } from '../../src/util/setup-stamp.js';
import type { DpdkBuild } from '../../src/util/paths.js';
import { tmpDir } from '../helpers/tmp.js';

const settings = { src: '', buildtype: 'debug', cache: '/nowhere/cache' };

function project(): { root: string; build: DpdkBuild } {
  const root = tmpDir('vdevsh-stamp-');
  const put = (f: string, text = 'x'): void => { fs.mkdirSync(path.dirname(path.join(root, f)), { recursive: true }); fs.writeFileSync(path.join(root, f), text); };
  for (const f of ['package.json', 'package-lock.json', 'tsconfig.json', 'scripts/setup.sh', 'scripts/dpdk-env.sh', 'native/addon.cc',
    'native/vdev.h', 'native/binding.gyp', 'src/cli.ts', 'src/session/session.ts', 'node_modules/.package-lock.json',
    'native/build/Release/channel.node', 'dist/.built', 'dist/cli.js', 'dist/shell.js', 'native/out/k/vdev.node', 'cache/dpdk-k/.complete', 'cache/src-1/VERSION']) put(f);
  const build: DpdkBuild = { prefix: path.join(root, 'cache/dpdk-k'), src: path.join(root, 'cache/src-1'), addon: path.join(root, 'native/out/k/vdev.node'), version: '22.11.11', buildtype: 'debug', key: 'k' };
  return { root, build };
}
const later = (root: string, f: string): void => { const t = new Date(Date.now() + 5000); fs.utimesSync(path.join(root, f), t, t); };

describe('setup stamp', () => {
  it('is ready right after it is written, with the build it recorded', () => {
    const { root, build } = project();
    writeStamp(root, build, settings);
    expect(checkReady(root, settings)).toEqual({ ready: true, build });
    expect(stampedBuild(root, settings)).toEqual(build);
  });

  it('is not ready before set-up ran, or for other settings', () => {
    const { root, build } = project();
    expect(checkReady(root, settings)).toMatchObject({ ready: false, why: /has not run/ });
    writeStamp(root, build, settings);
    expect(checkReady(root, { ...settings, buildtype: 'debugoptimized' })).toMatchObject({ ready: false });
    expect(checkReady(root, { ...settings, src: '/work/dpdk.tar.xz' })).toMatchObject({ ready: false });
    expect(checkReady(root, { ...settings, cache: '/elsewhere' })).toMatchObject({ ready: false });
  });

  it('keeps one entry per settings: a second selection does not undo the first', () => {
    const { root, build } = project();
    const other = { ...build, key: 'k2', buildtype: 'debugoptimized' };
    writeStamp(root, build, settings);
    writeStamp(root, other, { ...settings, buildtype: 'debugoptimized' });
    expect(checkReady(root, settings)).toEqual({ ready: true, build });
    expect(checkReady(root, { ...settings, buildtype: 'debugoptimized' })).toEqual({ ready: true, build: other });
  });

  it.each(['src/session/session.ts', 'package.json', 'package-lock.json', 'native/vdev.h', 'native/binding.gyp', 'scripts/setup.sh', 'native/out/k/vdev.node'])(
    'is stale when %s changed', (f) => {
      const { root, build } = project();
      writeStamp(root, build, settings);
      later(root, f);
      expect(checkReady(root, settings)).toMatchObject({ ready: false, why: expect.stringContaining(`${f} changed`) });
    });

  it('is stale when a source file is added to src/ or native/', () => {
    const { root, build } = project();
    writeStamp(root, build, settings);
    fs.writeFileSync(path.join(root, 'src/session/new.ts'), '');
    expect(checkReady(root, settings).ready).toBe(false);
    const r2 = project();
    writeStamp(r2.root, r2.build, settings);
    fs.writeFileSync(path.join(r2.root, 'native/extra.cc'), '');
    expect(checkReady(r2.root, settings)).toMatchObject({ ready: false, why: /native/ });
  });

  it.each(['dist/cli.js', 'native/build/Release/channel.node', 'cache/dpdk-k/.complete', 'native/out/k/vdev.node'])('is not ready when %s is gone', (f) => {
    const { root, build } = project();
    writeStamp(root, build, settings);
    fs.rmSync(path.join(root, f));
    expect(checkReady(root, settings)).toMatchObject({ ready: false, why: expect.stringContaining('missing') });
  });

  it('resolves the settings as dpdk-env.sh does', () => {
    const dir = tmpDir('vdevsh-stamp-src-');
    fs.writeFileSync(path.join(dir, 'dpdk.tar.xz'), '');
    fs.symlinkSync(path.join(dir, 'dpdk.tar.xz'), path.join(dir, 'link.tar.xz'));
    expect(currentSettings({ HOME: '/h' }, '/')).toEqual({ src: '', buildtype: 'debug', cache: '' });
    // another HOME is still the default cache: what was set up there is recorded by absolute path
    expect(currentSettings({ HOME: '/elsewhere', XDG_CACHE_HOME: '/x' }, '/')).toEqual(currentSettings({ HOME: '/h' }, '/'));
    expect(currentSettings({ HOME: '/h', VDEV_SHELL_CACHE: '/c', VDEV_SHELL_DPDK_BUILDTYPE: 'release' }, '/')).toMatchObject({ cache: '/c', buildtype: 'release' });
    expect(currentSettings({ VDEV_SHELL_CACHE: 'rel' }, '/w').cache).toBe('/w/rel');
    // relative to npm's INIT_CWD (where the user typed), else the working directory; symlinks resolved
    expect(currentSettings({ HOME: '/h', VDEV_SHELL_DPDK_SRC: 'link.tar.xz', INIT_CWD: dir }, '/').src).toBe(fs.realpathSync(path.join(dir, 'dpdk.tar.xz')));
    expect(currentSettings({ HOME: '/h', VDEV_SHELL_DPDK_SRC: 'link.tar.xz' }, dir).src).toBe(fs.realpathSync(path.join(dir, 'dpdk.tar.xz')));
  });
});
