// The corpus: crash, hang and silent-acceptance cases found by exploring the drivers of this
// build (drivers/net/{af_packet,null,pcap,ring,tap,vhost,virtio} of DPDK 22.11.11). Each is run
// against the real EAL by corpus.test.ts. {veth} {fifo} {sock} {tmp} are filled in per test.

/**
 * Inputs that crashed DPDK 22.11's drivers. Whether one crashes the build under test, and where,
 * is not written here: testpmd of the same build and gdb on the live crash say (corpus.test.ts).
 */
export interface CrashCase { id: string; devargs: string; needs?: 'veth'; why: string }
export interface HangCase { id: string; devargs: string; needs?: 'veth' | 'fifo' | 'sock' | 'tmp'; waitingIn: RegExp; why: string }
export interface SilentCase { id: string; devargs: string; before?: string; needs?: 'veth' | 'tmp'; warnings: string[]; cleanup?: string[]; why: string }

export const crashes: CrashCase[] = [
  { id: 'ring-internal-null', devargs: 'net_ring0,internal=0', why: 'undeclared key "internal" is a raw pointer (sscanf %p) the PMD dereferences' },
  { id: 'ring-internal-ptr', devargs: 'net_ring0,internal=0x1', why: 'same, any address' },
  { id: 'ring-nodeaction-novalue', devargs: 'net_ring0,nodeaction', why: 'strdup(NULL) of a key given without value' },
  { id: 'afpacket-iface-novalue', devargs: 'net_af_packet0,iface', why: 'strlen(NULL) of the interface name' },
  { id: 'afpacket-qpairs-novalue', devargs: 'net_af_packet0,iface={veth},qpairs', needs: 'veth', why: 'atoi(NULL)' },
  { id: 'afpacket-framecnt-novalue', devargs: 'net_af_packet0,iface={veth},framecnt', needs: 'veth', why: 'atoi(NULL)' },
  { id: 'afpacket-bypass-novalue', devargs: 'net_af_packet0,iface={veth},qdisc_bypass', needs: 'veth', why: 'atoi(NULL)' },
  { id: 'pcap-iface-novalue', devargs: 'net_pcap0,iface', why: 'strlcpy from a NULL interface name' },
  { id: 'pcap-rxiface-novalue', devargs: 'net_pcap0,rx_iface', why: 'same for rx_iface' },
];

export const hangs: HangCase[] = [
  { id: 'virtio-user-server', devargs: 'net_virtio_user0,path={tmp}/vu.sock,server=1', needs: 'tmp', waitingIn: /^_*(libc_)?accept4?$/, why: 'server mode waits in accept() for a vhost-user backend' },
  { id: 'virtio-user-silent-peer', devargs: 'net_virtio_user0,path={sock}', needs: 'sock', waitingIn: /^_*(libc_)?(recv|recvmsg|recvfrom|read)$/, why: 'a backend that accepts but never answers VHOST_USER_GET_FEATURES' },
  { id: 'pcap-rx-fifo', devargs: 'net_pcap0,rx_pcap={fifo}', needs: 'fifo', waitingIn: /^_*(libc_)?open(64|at|at64)?(_nocancel)?$/, why: 'opening a FIFO for reading blocks until a writer appears' },
  { id: 'pcap-tx-fifo', devargs: 'net_pcap0,tx_pcap={fifo}', needs: 'fifo', waitingIn: /^_*(libc_)?open(64|at|at64)?(_nocancel)?$/, why: 'opening a FIFO for writing blocks until a reader appears' },
  { id: 'afpacket-qpairs-huge', devargs: 'net_af_packet0,iface={veth},qpairs=65536', needs: 'veth', waitingIn: /^_*(socket|setsockopt|mmap(64)?|munmap|bind|close)(_syscall)?$/, why: '65536 sockets with mmap rings, one after another, each set up by socket/setsockopt/mmap/bind (and nb_rx_queues is a uint16_t: 65536 would be 0)' },
];

export const silent: SilentCase[] = [
  { id: 'null-name-prefix', devargs: 'net_nullabc', warnings: ['name-prefix'], why: 'any name starting with net_null is a net_null device' },
  { id: 'null-alias', devargs: 'eth_null7', warnings: ['name-alias'], why: 'claimed through the alias' },
  { id: 'null-size-not-int', devargs: 'net_null0,size=1x', warnings: ['value-not-int'], why: 'strtoul reads 1' },
  { id: 'null-copy-not-int', devargs: 'net_null0,copy=abc', warnings: ['value-not-int'], why: 'reads 0' },
  { id: 'null-size-empty', devargs: 'net_null0,size=', warnings: ['value-empty'], why: 'empty value accepted' },
  { id: 'ring-unknown-key', devargs: 'net_ring0,foo=1', warnings: ['key-undeclared'], why: 'ring ignores ALL its args when kvargs parsing fails' },
  { id: 'ring-port-name', devargs: 'net_ring0,nodeaction=vdshr:0:CREATE', warnings: ['port-name-differs'], why: 'the ethdev is named after the nodeaction name' },
  { id: 'ring-two-ports', devargs: 'net_ring0,nodeaction=vdshr1:0:CREATE,nodeaction=vdshr2:0:CREATE', warnings: ['key-repeated', 'extra-ports'], why: 'one device, two ports' },
  { id: 'tap-mac-novalue', devargs: 'net_tap0,iface=vdshs0,mac', warnings: ['value-missing'], cleanup: ['vdshs0'], why: 'mac without value: random MAC' },
  { id: 'tap-persist', devargs: 'net_tap0,iface=vdshs1,persist', warnings: ['key-undeclared'], cleanup: ['vdshs1'], why: 'undeclared "persist" keeps the kernel interface after the EAL is gone (a flag: net_tap only counts it, so no value is right)' },
  { id: 'pcap-shared-file', before: 'net_pcap0,tx_pcap={tmp}/same.pcap', devargs: 'net_pcap1,tx_pcap={tmp}/same.pcap', needs: 'tmp', warnings: ['shared-resource'], why: 'two ports write one pcap file' },
  { id: 'vhost-undeclared', devargs: 'net_vhost0,iface={tmp}/v.sock,legacy-ol-flags=1', needs: 'tmp', warnings: ['key-undeclared'], why: 'read by the driver, not declared' },
  { id: 'pcap-tx-twice', devargs: 'net_pcap0,tx_pcap={tmp}/a.pcap,tx_pcap={tmp}/b.pcap', needs: 'tmp', warnings: ['key-repeated'], why: 'two tx queues, one per file' },
  { id: 'afpacket-bypass-not-bool', devargs: 'net_af_packet0,iface={veth},qdisc_bypass=abc', needs: 'veth', warnings: ['value-not-bool'], why: 'atoi("abc") is 0' },
];
