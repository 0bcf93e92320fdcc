# Sourced by setup and build scripts: which DPDK the shell is built against and where it lives.
#
# The DPDK comes from one of:
#   - VDEV_SHELL_DPDK_SRC=PATH   a DPDK source tarball (.tar.xz/.tar.gz/...) or source tree
#   - otherwise the distribution's `dpdk` source package (apt-get source dpdk): 22.11 on
#     Debian 12, 24.11 on Debian 13; downloaded once into $VDEV_CACHE/debian/
# built as VDEV_SHELL_DPDK_BUILDTYPE (meson buildtype: debug, the default, debugoptimized or
# release). Nothing here knows a DPDK version: the version is read from the tree's VERSION file
# and the meson options are checked against the tree's own meson_options.txt.
#
# Cache layout (shared by every clone and CI run):
#   $VDEV_CACHE/src-<source id>/                 an unpacked source (id: sha256 of the tarball,
#                                                or of the tree's real path)
#   $VDEV_CACHE/dpdk-<version>-<buildtype>-<h>/  an installed build; h hashes the meson options
#                                                and the source id. '.complete' marks it usable.
VDEV_CACHE=${VDEV_SHELL_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/vdev-shell}
DPDK_BUILDTYPE=${VDEV_SHELL_DPDK_BUILDTYPE:-debug}
# The oldest DPDK the shell supports (the driver SDK headers and the probe chain it reads).
DPDK_MIN_VERSION=22.11

# Options the project wants; an option the tree does not declare is left out (enable_kmods
# was removed in 25.11), decided by the tree's meson_options.txt, not by its version.
DPDK_WANTED_OPTIONS=(
  -Ddefault_library=static -Denable_driver_sdk=true -Dtests=false -Dplatform=generic
  -Denable_docs=false -Denable_kmods=false -Dcheck_includes=false -Denable_apps=test-pmd
  -Denable_drivers=bus/pci,bus/vdev,net/pcap,net/null,net/ring,net/tap,net/virtio,net/af_packet,net/vhost,mempool/ring
)

# The user's path, resolved against the directory they typed the command in (npm runs scripts
# from the package root and says where the user was in INIT_CWD).
dpdk_origin() {
  local p=${VDEV_SHELL_DPDK_SRC:-}
  [ -z "$p" ] && return 0
  case "$p" in /*) ;; *) p="${INIT_CWD:-$PWD}/$p" ;; esac
  readlink -f "$p" 2>/dev/null || echo "$p"
}

# A short id of a source: the tarball's content, or the tree's path.
dpdk_source_id() {
  local origin=$1
  if [ -d "$origin" ]; then
    printf 'tree:%s' "$origin" | sha256sum | cut -c1-12
  else
    sha256sum "$origin" | cut -c1-12
  fi
}

# Sets DPDK_VERSION, DPDK_MESON_OPTIONS, DPDK_KEY and DPDK_PREFIX from the
# unpacked source in $1 and the source id $2.
dpdk_derive() {
  DPDK_SRC_DIR=$1
  DPDK_SOURCE_ID=$2
  DPDK_VERSION=$(tr -d ' \n' <"$DPDK_SRC_DIR/VERSION" 2>/dev/null || true)
  local opts_file="$DPDK_SRC_DIR/meson_options.txt" o name kept=()
  [ -f "$opts_file" ] || opts_file="$DPDK_SRC_DIR/meson.options"
  for o in "${DPDK_WANTED_OPTIONS[@]}"; do
    name=${o#-D}; name=${name%%=*}
    if [ "$name" = default_library ] || grep -q "option('$name'" "$opts_file" 2>/dev/null; then kept+=("$o"); fi
  done
  DPDK_MESON_OPTIONS="-Dbuildtype=$DPDK_BUILDTYPE ${kept[*]}"
  DPDK_KEY=$DPDK_VERSION-$DPDK_BUILDTYPE-$(printf '%s|%s' "$DPDK_MESON_OPTIONS" "$DPDK_SOURCE_ID" | sha256sum | cut -c1-10)
  DPDK_PREFIX=$VDEV_CACHE/dpdk-$DPDK_KEY
}

# The source tarball apt-get source gave (newest first), if it was downloaded.
dpdk_debian_tarball() {
  ls -t "$VDEV_CACHE"/debian/dpdk_*.orig.tar.* 2>/dev/null | head -n1
}

# Resolves the selected source to DPDK_ORIGIN/DPDK_SRC_DIR and derives the rest, without
# downloading or unpacking anything. Returns 1 when the source is not there yet.
dpdk_resolve() {
  DPDK_ORIGIN=$(dpdk_origin)
  [ -z "$DPDK_ORIGIN" ] && DPDK_ORIGIN=$(dpdk_debian_tarball)
  [ -n "$DPDK_ORIGIN" ] && [ -e "$DPDK_ORIGIN" ] || return 1
  local id dir
  id=$(dpdk_source_id "$DPDK_ORIGIN")
  if [ -d "$DPDK_ORIGIN" ]; then dir=$DPDK_ORIGIN; else dir=$VDEV_CACHE/src-$id; fi
  [ -f "$dir/VERSION" ] || return 1
  dpdk_derive "$dir" "$id"
}

# pkg-config directory of an installed build (meson picks lib/<triplet> on Debian).
dpdk_pkgconfig_dir() {
  local d
  for d in "$1"/lib/*/pkgconfig "$1"/lib/pkgconfig "$1"/lib64/pkgconfig; do
    [ -f "$d/libdpdk.pc" ] && { echo "$d"; return 0; }
  done
  return 1
}
