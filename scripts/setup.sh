#!/usr/bin/env bash
# Brings a machine to the state vdev-shell needs, idempotently:
#   1. Debian packages (build deps, gdb/tcpdump oracles)
#   2. the DPDK source (the distribution's source package, or $VDEV_SHELL_DPDK_SRC)
#   3. a DPDK build with debug info + driver SDK, cached per user by version, build type, options
#   4. npm dependencies
#   5. the native addon (links DPDK statically), one per DPDK build
# When everything is in place it only runs a few stat() calls: `npm start` pays well under 1 s.
# Each step says which step failed and what to do instead of dumping meson's output.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
# shellcheck source=scripts/dpdk-env.sh
source "$ROOT/scripts/dpdk-env.sh"

QUIET=${VDEV_SHELL_SETUP_QUIET:-0}
say() { [ "$QUIET" = 1 ] || echo "vdev-shell setup: $*" >&2; }
fail() {
  echo "vdev-shell setup: step '$1' failed: $2" >&2
  [ -n "${3:-}" ] && echo "  log: $3 (last lines below)" >&2 && tail -n 15 "$3" >&2
  exit 1
}

APT_PACKAGES=(meson ninja-build python3-pyelftools libelf-dev libdw-dev elfutils libpcap-dev
  libnuma-dev libbsd-dev pkg-config build-essential xz-utils gdb tcpdump iproute2 tmux ieee-data)

step_apt() {
  local missing=()
  for p in "${APT_PACKAGES[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  [ "$(id -u)" = 0 ] || fail apt "missing Debian packages: ${missing[*]} and not root" \
    "" || true
  say "installing Debian packages: ${missing[*]}"
  local log="$VDEV_CACHE/apt.log"
  mkdir -p "$VDEV_CACHE"
  { apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends "${missing[@]}"; } \
    >"$log" 2>&1 || fail apt "apt-get install ${missing[*]} did not succeed; run it by hand to see why" "$log"
}

# The distribution's source package is the default DPDK. apt needs a deb-src line: we add our
# own file, derived from the machine's existing deb stanzas, and never edit the machine's files.
fetch_debian_source() {
  local dir="$VDEV_CACHE/debian" log="$VDEV_CACHE/source.log"
  say "downloading the distribution's DPDK source (apt-get source dpdk)"
  mkdir -p "$dir"
  local srcfile=/etc/apt/sources.list.d/vdev-shell-deb-src.sources
  if [ ! -f "$srcfile" ] && ! grep -rqs '^Types:.*deb-src' /etc/apt/sources.list.d/ && ! grep -qs '^deb-src' /etc/apt/sources.list; then
    [ -f /etc/apt/sources.list.d/debian.sources ] || fail source "no deb-src source and no /etc/apt/sources.list.d/debian.sources to derive one from; set VDEV_SHELL_DPDK_SRC to a DPDK tarball or tree"
    sed 's/^Types: deb$/Types: deb-src/' /etc/apt/sources.list.d/debian.sources >"$srcfile"
  fi
  (cd "$dir" && apt-get update && apt-get source --download-only dpdk) >"$log" 2>&1 ||
    fail source "apt-get source dpdk failed; set VDEV_SHELL_DPDK_SRC to a DPDK tarball or tree" "$log"
  [ -n "$(dpdk_debian_tarball)" ] || fail source "apt-get source dpdk gave no dpdk_*.orig.tar.* in $dir; set VDEV_SHELL_DPDK_SRC" "$log"
}

# A tree is usable when it has what the build and the shell read: its VERSION, the EAL and the
# vdev bus.
is_dpdk_tree() { [ -f "$1/VERSION" ] && [ -f "$1/meson.build" ] && [ -d "$1/lib/eal" ] && [ -d "$1/drivers/bus/vdev" ]; }

# A DPDK older than the shell supports is refused before anything of it is kept.
check_version() {
  local v lowest
  v=$(tr -d ' \n' <"$1/VERSION")
  lowest=$(printf '%s\n%s\n' "$DPDK_MIN_VERSION" "$v" | sort -V | head -n1)
  [ "$lowest" = "$DPDK_MIN_VERSION" ] && return 0
  [ "$1" != "$2" ] && rm -rf "$1"
  fail source "DPDK $v found in $2; vdev-shell needs DPDK $DPDK_MIN_VERSION or newer (any LTS from 22.11 on). Point VDEV_SHELL_DPDK_SRC at a newer tarball or tree, or unset it for the distribution's"
}

step_source() {
  local origin
  case "$DPDK_BUILDTYPE" in
    debug | debugoptimized | release | plain | minsize) ;;
    *) fail source "VDEV_SHELL_DPDK_BUILDTYPE=$DPDK_BUILDTYPE is not a meson build type; use debug (default), debugoptimized or release" ;;
  esac
  origin=$(dpdk_origin)
  if [ -z "$origin" ]; then
    [ -n "$(dpdk_debian_tarball)" ] || fetch_debian_source
    origin=$(dpdk_debian_tarball)
  fi
  [ -e "$origin" ] || fail source "VDEV_SHELL_DPDK_SRC=${VDEV_SHELL_DPDK_SRC:-} does not exist ($origin); point it at a DPDK source tarball or tree"
  if [ -d "$origin" ]; then
    is_dpdk_tree "$origin" || fail source "$origin is not a DPDK source tree (no VERSION, meson.build, lib/eal or drivers/bus/vdev); point VDEV_SHELL_DPDK_SRC at the top of a DPDK tree or at its tarball"
    check_version "$origin" "$origin"
  else
    local id dir
    id=$(dpdk_source_id "$origin")
    dir="$VDEV_CACHE/src-$id"
    if [ ! -f "$dir/VERSION" ]; then
      say "unpacking $origin"
      rm -rf "$dir.tmp" && mkdir -p "$dir.tmp"
      if ! tar -xf "$origin" -C "$dir.tmp" --strip-components=1 2>"$VDEV_CACHE/unpack.log"; then
        rm -rf "$dir.tmp"
        fail source "cannot unpack $origin: not a readable tarball (tar says: $(head -n1 "$VDEV_CACHE/unpack.log")); give a DPDK source tarball or tree"
      fi
      if ! is_dpdk_tree "$dir.tmp"; then
        rm -rf "$dir.tmp"
        fail source "$origin unpacked, but it is not a DPDK source (no VERSION, lib/eal or drivers/bus/vdev at its top level)"
      fi
      check_version "$dir.tmp" "$origin"
      mv "$dir.tmp" "$dir"
    fi
  fi
  dpdk_resolve || fail source "the DPDK source from $origin is not usable"
}

step_build() {
  [ -f "$DPDK_PREFIX/.complete" ] && return 0
  mkdir -p "$VDEV_CACHE"
  # One build of a key at a time, whoever else runs setup (another clone, a test, CI).
  exec 9>"$VDEV_CACHE/build-$DPDK_KEY.lock"
  flock 9
  [ -f "$DPDK_PREFIX/.complete" ] && return 0
  say "building DPDK $DPDK_VERSION ($DPDK_BUILDTYPE) into $DPDK_PREFIX (about 2-6 minutes on 2 cores)"
  local build="$DPDK_PREFIX.build" log="$VDEV_CACHE/build-$DPDK_KEY.log"
  rm -rf "$build" "$DPDK_PREFIX"
  # meson must run DPDK's python scripts with the distribution's python3 (pyelftools is a
  # Debian package), not one earlier in PATH.
  if ! {
    # shellcheck disable=SC2086
    PATH=/usr/bin:$PATH meson setup "$build" "$DPDK_SRC_DIR" --prefix="$DPDK_PREFIX" $DPDK_MESON_OPTIONS &&
      PATH=/usr/bin:$PATH ninja -C "$build" install
  } >"$log" 2>&1; then
    rm -rf "$build" "$DPDK_PREFIX"   # a failed build never becomes the cached one
    fail build "meson/ninja could not build DPDK $DPDK_VERSION ($DPDK_BUILDTYPE) from $DPDK_SRC_DIR; a missing dependency? see the log" "$log"
  fi
  cp "$log" "$DPDK_PREFIX/build.log"
  echo "$DPDK_MESON_OPTIONS" >"$DPDK_PREFIX/.complete"
  rm -rf "$build"
}

step_npm() {
  cd "$ROOT"
  if [ -d node_modules ] && [ node_modules/.package-lock.json -nt package-lock.json ] 2>/dev/null; then return 0; fi
  say "installing npm dependencies"
  local log="$VDEV_CACHE/npm.log"
  { if [ -f package-lock.json ]; then npm ci --ignore-scripts --no-audit --no-fund; else npm install --ignore-scripts --no-audit --no-fund; fi; } \
    >"$log" 2>&1 || fail npm "npm could not install dependencies" "$log"
  touch node_modules/.package-lock.json
}

# The addon links one DPDK build statically, so each build gets its own copy, kept side by side
# in native/out/<build key>/ (node-gyp's own build/ directory is wiped by every rebuild).
ADDON_DIR=
step_addon() {
  cd "$ROOT"
  ADDON_DIR="native/out/$DPDK_KEY"
  local out="$ADDON_DIR/vdev.node"
  if [ -f "$out" ] && [ -f native/build/Release/channel.node ] &&
    [ -z "$(find native -maxdepth 1 -newer "$out" \( -name '*.cc' -o -name '*.h' -o -name '*.gyp' \) -print -quit)" ]; then
    return 0
  fi
  say "building the native addon against DPDK $DPDK_VERSION ($DPDK_BUILDTYPE)"
  local log="$VDEV_CACHE/addon.log"
  # Build against the machine's own Node headers: nothing is downloaded.
  local nodedir=() inc
  inc=$(dirname "$(dirname "$(command -v node)")")
  for d in "$inc" /usr /usr/local; do
    if [ -f "$d/include/node/node.h" ]; then nodedir=(--nodedir="$d"); break; fi
  done
  (cd native && VDEV_DPDK_PREFIX="$DPDK_PREFIX" VDEV_DPDK_SRC="$DPDK_SRC_DIR" "$ROOT/node_modules/.bin/node-gyp" rebuild "${nodedir[@]}") >"$log" 2>&1 ||
    fail addon "node-gyp could not build native/vdev.node against DPDK $DPDK_VERSION" "$log"
  mkdir -p "$ADDON_DIR"
  cp native/build/Release/vdev.node "$out.tmp" && mv "$out.tmp" "$out"
}

step_ts() {
  cd "$ROOT"
  # Compile TypeScript only when a source is newer than the output.
  if [ -f dist/.built ] && [ -z "$(find src package.json tsconfig.json -newer dist/.built -print -quit)" ]; then return 0; fi
  say "compiling TypeScript"
  local log="$VDEV_CACHE/tsc.log"
  rm -rf dist
  node_modules/.bin/tsc -p tsconfig.json >"$log" 2>&1 || fail typescript "tsc reported errors" "$log"
  # Ink + React bundled into one module: the interactive UI starts ~3x faster (optional step).
  node scripts/bundle-ui.mjs >>"$log" 2>&1 || say "UI bundle skipped (see $log); the UI still works, it only starts slower"
  # The shell and the inferior as bundles: start-up loads a few files, not ~130 modules (optional).
  node scripts/bundle-app.mjs >>"$log" 2>&1 || say "app bundle skipped (see $log); the shell still works, it only starts slower"
  touch dist/.built
}

# Which DPDK build, source and addon the shell uses, for dpdkPaths() (src/util/paths.ts), with the
# settings the choice depends on: a shell started with other settings resolves them again.
step_paths() {
  local f="$ROOT/dist/dpdk-paths.json" want
  want=$(printf '{"prefix":"%s","src":"%s","addon":"%s","version":"%s","buildtype":"%s","key":"%s","origin":"%s","cache":"%s","srcOverride":"%s","buildtypeOverride":"%s"}' \
    "$DPDK_PREFIX" "$DPDK_SRC_DIR" "$ROOT/$ADDON_DIR/vdev.node" "$DPDK_VERSION" "$DPDK_BUILDTYPE" "$DPDK_KEY" "$DPDK_ORIGIN" \
    "${VDEV_SHELL_CACHE:-}" "${VDEV_SHELL_DPDK_SRC:-}" "${VDEV_SHELL_DPDK_BUILDTYPE:-}")
  [ "$(cat "$f" 2>/dev/null)" = "$want" ] || printf '%s' "$want" >"$f"
}

mkdir -p "$VDEV_CACHE"
step_apt
step_source
step_build
[ "${1:-}" = dpdk ] && exit 0   # `setup.sh dpdk`: only the DPDK half
step_npm
step_addon
step_ts
step_paths
# Last: the stamp bin/vdev-shell checks instead of running this script (src/util/setup-stamp.ts).
node "$ROOT/scripts/setup-stamp.mjs" write
