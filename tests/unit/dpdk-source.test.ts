// scripts/setup.sh refuses a DPDK source it cannot use with one clear error that names the step
// and the version it found, and keeps nothing of it: no unpacked tree, no half-installed build.
// Each case runs set-up's DPDK half with a cache of its own; all of them fail before any build
// of DPDK itself starts (the failing build is a tree whose meson.build stops at once).
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { projectRoot } from '../../src/util/paths.js';
import { tmpDir } from '../helpers/tmp.js';

/** A directory shaped like the top of a DPDK tree: what set-up checks before it builds. */
function fakeTree(version: string, mesonBuild = "project('dpdk', 'c')\n"): string {
  const d = path.join(tmpDir(), `dpdk-${version}`);
  for (const sub of ['lib/eal', 'drivers/bus/vdev']) fs.mkdirSync(path.join(d, sub), { recursive: true });
  fs.writeFileSync(path.join(d, 'VERSION'), `${version}\n`);
  fs.writeFileSync(path.join(d, 'meson.build'), mesonBuild);
  fs.writeFileSync(path.join(d, 'meson_options.txt'), '');
  return d;
}

function tarball(tree: string): string {
  const out = path.join(tmpDir(), `${path.basename(tree)}.tar.xz`);
  const r = spawnSync('tar', ['-cJf', out, '-C', path.dirname(tree), path.basename(tree)]);
  expect(r.status).toBe(0);
  return out;
}

function setup(env: Record<string, string>): { status: number | null; stderr: string; cache: string } {
  const cache = tmpDir('vdevsh-cache-');
  const r = spawnSync('bash', [path.join(projectRoot, 'scripts', 'setup.sh'), 'dpdk'], {
    env: { ...process.env, VDEV_SHELL_CACHE: cache, VDEV_SHELL_DPDK_BUILDTYPE: '', ...env }, encoding: 'utf8',
  });
  return { status: r.status, stderr: r.stderr, cache };
}

/** What a failed set-up left in its cache besides its logs and locks. */
const leftovers = (cache: string): string[] => fs.readdirSync(cache).filter((f) => !/\.(log|lock)$/.test(f));

describe('set-up refuses a DPDK source it cannot use', () => {
  it('a DPDK older than 22.11, as a tarball and as a tree: names the version, keeps nothing', () => {
    const tree = fakeTree('21.11.0');
    for (const src of [tarball(tree), tree]) {
      const r = setup({ VDEV_SHELL_DPDK_SRC: src });
      expect(r.status, r.stderr).toBe(1);
      expect(r.stderr).toMatch(/step 'source' failed: DPDK 21\.11\.0 found in .*needs DPDK 22\.11 or newer/);
      expect(leftovers(r.cache)).toEqual([]);
    }
  });

  it('a directory that is not a DPDK tree, a file that is not a tarball, a path that does not exist', () => {
    const notTree = tmpDir();
    const notTar = path.join(tmpDir(), 'dpdk.tar.xz');
    fs.writeFileSync(notTar, 'not a tarball\n');
    const cases: [string, RegExp][] = [
      [notTree, /is not a DPDK source tree \(no VERSION/],
      [notTar, /cannot unpack .*dpdk\.tar\.xz: not a readable tarball/],
      [path.join(notTree, 'missing'), /does not exist/],
    ];
    for (const [src, msg] of cases) {
      const r = setup({ VDEV_SHELL_DPDK_SRC: src });
      expect(r.status, r.stderr).toBe(1);
      expect(r.stderr).toMatch(/step 'source' failed/);
      expect(r.stderr).toMatch(msg);
      expect(leftovers(r.cache)).toEqual([]);
    }
  });

  it('a build type meson does not know', () => {
    const r = setup({ VDEV_SHELL_DPDK_SRC: fakeTree('24.11.6'), VDEV_SHELL_DPDK_BUILDTYPE: 'fastest' });
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/VDEV_SHELL_DPDK_BUILDTYPE=fastest is not a meson build type/);
  });

  it('a build that fails never becomes the cached build', () => {
    const tree = fakeTree('23.11.0', "project('dpdk', 'c')\nerror('broken on purpose')\n");
    const r = setup({ VDEV_SHELL_DPDK_SRC: tree });
    expect(r.status, r.stderr).toBe(1);
    expect(r.stderr).toMatch(/step 'build' failed: meson\/ninja could not build DPDK 23\.11\.0 \(debug\)/);
    expect(r.stderr).toMatch(/broken on purpose/); // the end of meson's log is shown
    expect(leftovers(r.cache)).toEqual([]);
  }, 60_000);
});
