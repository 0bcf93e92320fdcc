#!/usr/bin/env bash
# Compiler or linker flags of the cached DPDK build, for binding.gyp (static link, no system DPDK).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/dpdk-env.sh"
export PKG_CONFIG_PATH=$DPDK_PKGCONFIG
case "${1:-}" in
  cflags) pkg-config --cflags libdpdk ;;
  # --as-needed would drop libraries only the whole-archive drivers reference; libpcap's own
  # static deps (dbus, systemd) are not needed because libpcap itself links dynamically.
  libs) pkg-config --static --libs libdpdk | sed -e 's/-Wl,--as-needed//g' -e 's/ -ldbus-1//g' -e 's/ -lsystemd//g' ;;
  prefix) echo "$DPDK_PREFIX" ;;
  src) echo "$DPDK_SRC_DIR" ;;
  *) echo "usage: dpdk-flags.sh cflags|libs|prefix|src" >&2; exit 2 ;;
esac
