#!/usr/bin/env bash
# Brings a machine to the state vdev-shell needs, idempotently:
#   1. Debian packages (build deps, gdb/tcpdump oracles)
#   2. the pinned DPDK source (Debian's source package, or $VDEV_SHELL_DPDK_SRC)
#   3. a DPDK build with debug info + driver SDK, cached per user by version and options
#   4. npm dependencies
#   5. the native addon (links DPDK statically)
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

# Debian's source package is the pinned DPDK. apt needs a deb-src line: we add our own file,
# derived from the machine's existing deb stanzas, and never edit the machine's files.
step_source() {
  [ -f "$DPDK_SRC_DIR/meson.build" ] && return 0
  mkdir -p "$VDEV_CACHE"
  local tarball=""
  if [ -n "${VDEV_SHELL_DPDK_SRC:-}" ]; then
    if [ -d "$VDEV_SHELL_DPDK_SRC" ]; then
      [ -f "$VDEV_SHELL_DPDK_SRC/meson.build" ] || fail source "VDEV_SHELL_DPDK_SRC=$VDEV_SHELL_DPDK_SRC has no meson.build; point it at a DPDK source tree or tarball"
      rm -rf "$DPDK_SRC_DIR.tmp" && cp -a "$VDEV_SHELL_DPDK_SRC" "$DPDK_SRC_DIR.tmp" && mv "$DPDK_SRC_DIR.tmp" "$DPDK_SRC_DIR"
      return 0
    fi
    tarball=$VDEV_SHELL_DPDK_SRC
  else
    tarball=$(ls "$VDEV_CACHE"/dpdk_"$DPDK_VERSION".orig.tar.xz 2>/dev/null || true)
    if [ -z "$tarball" ]; then
      say "downloading DPDK $DPDK_VERSION source (Debian source package)"
      local srcfile=/etc/apt/sources.list.d/vdev-shell-deb-src.sources
      if [ ! -f "$srcfile" ] && ! grep -rqs '^Types:.*deb-src' /etc/apt/sources.list.d/ && ! grep -qs '^deb-src' /etc/apt/sources.list; then
        [ -f /etc/apt/sources.list.d/debian.sources ] || fail source "no deb-src source and no /etc/apt/sources.list.d/debian.sources to derive one from; set VDEV_SHELL_DPDK_SRC to a DPDK $DPDK_VERSION tarball"
        sed 's/^Types: deb$/Types: deb-src/' /etc/apt/sources.list.d/debian.sources >"$srcfile"
      fi
      local log="$VDEV_CACHE/source.log"
      (cd "$VDEV_CACHE" && apt-get update && apt-get source --download-only "dpdk=$DPDK_DEB_VERSION") >"$log" 2>&1 ||
        (cd "$VDEV_CACHE" && apt-get source --download-only dpdk) >>"$log" 2>&1 ||
        fail source "apt-get source dpdk failed; set VDEV_SHELL_DPDK_SRC to a DPDK $DPDK_VERSION tarball or tree" "$log"
      tarball=$(ls "$VDEV_CACHE"/dpdk_"$DPDK_VERSION".orig.tar.xz 2>/dev/null || true)
      [ -n "$tarball" ] || fail source "Debian's dpdk source is not version $DPDK_VERSION (see $VDEV_CACHE); set VDEV_SHELL_DPDK_SRC"
    fi
  fi
  say "unpacking $tarball"
  rm -rf "$DPDK_SRC_DIR.tmp" && mkdir -p "$DPDK_SRC_DIR.tmp"
  tar -xf "$tarball" -C "$DPDK_SRC_DIR.tmp" --strip-components=1 || fail source "cannot unpack $tarball"
  mv "$DPDK_SRC_DIR.tmp" "$DPDK_SRC_DIR"
}

step_build() {
  [ -f "$DPDK_PREFIX/.complete" ] && return 0
  say "building DPDK $DPDK_VERSION into $DPDK_PREFIX (about 2-4 minutes on 2 cores)"
  local build="$DPDK_PREFIX.build" log="$VDEV_CACHE/build-$DPDK_KEY.log"
  rm -rf "$build" "$DPDK_PREFIX"
  {
    # shellcheck disable=SC2086
    meson setup "$build" "$DPDK_SRC_DIR" --prefix="$DPDK_PREFIX" $DPDK_MESON_OPTIONS &&
      ninja -C "$build" install
  } >"$log" 2>&1 || fail build "meson/ninja could not build DPDK; missing dependency? see the log" "$log"
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

step_addon() {
  cd "$ROOT"
  local out=native/build/Release/vdev.node stamp=native/build/.key
  if [ -f "$out" ] && [ -f native/build/Release/channel.node ] && [ "$(cat "$stamp" 2>/dev/null)" = "$DPDK_KEY" ] &&
    [ -z "$(find native -maxdepth 1 -newer "$out" \( -name '*.cc' -o -name '*.h' -o -name '*.gyp' \) -print -quit)" ]; then
    return 0
  fi
  say "building the native addon"
  local log="$VDEV_CACHE/addon.log"
  # Build against the machine's own Node headers: nothing is downloaded.
  local nodedir=() inc
  inc=$(dirname "$(dirname "$(command -v node)")")
  for d in "$inc" /usr /usr/local; do
    if [ -f "$d/include/node/node.h" ]; then nodedir=(--nodedir="$d"); break; fi
  done
  (cd native && "$ROOT/node_modules/.bin/node-gyp" rebuild "${nodedir[@]}") >"$log" 2>&1 ||
    fail addon "node-gyp could not build native/vdev.node" "$log"
  echo "$DPDK_KEY" >"$stamp"
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
  touch dist/.built
}

# Where the DPDK build and source are, for dpdkPaths() (src/util/paths.ts), which would otherwise
# run scripts/dpdk-flags.sh twice per process (~15 ms). Recorded with the settings it depends on.
step_paths() {
  local f="$ROOT/dist/dpdk-paths.json" want
  want=$(printf '{"prefix":"%s","src":"%s","cache":"%s","srcOverride":"%s"}' "$DPDK_PREFIX" "$DPDK_SRC_DIR" "${VDEV_SHELL_CACHE:-}" "${VDEV_SHELL_DPDK_SRC:-}")
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
