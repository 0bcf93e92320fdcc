# Sourced by setup and build scripts: where the pinned DPDK lives and how it is built.
# The cache key covers version and meson options, so changing either builds a new tree
# beside the old one and every clone shares the same build.
DPDK_VERSION=22.11.11
DPDK_DEB_VERSION=22.11.11-0+deb12u1
VDEV_CACHE=${VDEV_SHELL_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/vdev-shell}
DPDK_MESON_OPTIONS="-Dbuildtype=debug -Ddefault_library=static -Denable_driver_sdk=true -Dtests=false \
-Dplatform=generic -Denable_docs=false -Denable_kmods=false -Dcheck_includes=false \
-Denable_apps=test-pmd \
-Denable_drivers=bus/pci,bus/vdev,net/pcap,net/null,net/ring,net/tap,net/virtio,net/af_packet,net/vhost,mempool/ring"
DPDK_KEY=$DPDK_VERSION-$(printf '%s' "$DPDK_MESON_OPTIONS" | sha256sum | cut -c1-10)
DPDK_SRC_DIR=$VDEV_CACHE/dpdk-src-$DPDK_VERSION
DPDK_PREFIX=$VDEV_CACHE/dpdk-$DPDK_KEY
DPDK_PKGCONFIG=$DPDK_PREFIX/lib/x86_64-linux-gnu/pkgconfig
