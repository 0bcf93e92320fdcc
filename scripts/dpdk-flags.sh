#!/usr/bin/env bash
# Compiler or linker flags of the selected DPDK build, for binding.gyp (static link, no system DPDK).
# setup.sh passes the build as VDEV_DPDK_PREFIX; run alone, the selection is resolved again.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/dpdk-env.sh"
if [ -n "${VDEV_DPDK_PREFIX:-}" ]; then
  DPDK_PREFIX=$VDEV_DPDK_PREFIX
  DPDK_SRC_DIR=${VDEV_DPDK_SRC:-}
elif ! dpdk_resolve; then
  echo "dpdk-flags.sh: the selected DPDK source is not set up yet; run 'npm run setup'" >&2
  exit 1
fi
PKG_CONFIG_PATH=$(dpdk_pkgconfig_dir "$DPDK_PREFIX" || true)
export PKG_CONFIG_PATH
case "${1:-}" in
  cflags) pkg-config --cflags libdpdk ;;
  # --as-needed would drop libraries only the whole-archive drivers reference; libpcap's own
  # static deps (dbus, systemd) are not needed because libpcap itself links dynamically.
  libs) pkg-config --static --libs libdpdk | sed -e 's/-Wl,--as-needed//g' -e 's/ -ldbus-1//g' -e 's/ -lsystemd//g' ;;
  # -D flags for APIs that exist only in some releases, read from the installed headers
  # (native/dpdk_compat.h uses them; signatures that changed are told apart there by type).
  features)
    inc=$(pkg-config --variable=includedir libdpdk)
    grep -qs 'rte_pcapng_add_interface' "$inc/rte_pcapng.h" && echo "-DVDEV_HAVE_PCAPNG_ADD_INTERFACE"
    true ;;
  prefix) echo "$DPDK_PREFIX" ;;
  src) echo "$DPDK_SRC_DIR" ;;
  # The selection as src/util/paths.ts reads it (when setup's record does not match the settings).
  describe)
    printf '{"prefix":"%s","src":"%s","addon":"%s","version":"%s","buildtype":"%s","key":"%s"}\n' "$DPDK_PREFIX" "$DPDK_SRC_DIR" \
      "$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)/native/out/$DPDK_KEY/vdev.node" "$DPDK_VERSION" "$DPDK_BUILDTYPE" "$DPDK_KEY" ;;
  *) echo "usage: dpdk-flags.sh cflags|libs|features|prefix|src|describe" >&2; exit 2 ;;
esac
