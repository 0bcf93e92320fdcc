// What a key's value names on the host, per driver. The parameter strings say only "<string>" or
// "<ifc>" (net_vhost's iface=<ifc> is a socket path), so the role comes from reading each driver's
// probe in DPDK 22.11 (file:function cited); everything else about keys comes from the EAL.
export type KeyRole =
  | 'pcap-in'        // pcap_ethdev.c open_single_rx_pcap: pcap_open_offline(), the file must exist and be a capture
  | 'pcap-out'       // pcap_ethdev.c open_single_tx_pcap: pcap_dump_open(), the directory must exist
  | 'host-iface'     // pcap_ethdev.c open_iface_live / rte_eth_af_packet.c SIOCGIFINDEX / rte_eth_tap.c remote: must exist
  | 'new-iface'      // rte_eth_tap.c tun_alloc: TUNSETIFF creates it (or reuses a tun/tap of that name)
  | 'vhost-socket'   // virtio_user_ethdev.c: a listening vhost-user socket (or a vhost char device)
  | 'backend-iface'  // virtio_user_ethdev.c iface: the tap a vhost-kernel backend (path= a char device) creates, tap%d when not given
  | 'socket-to-create'; // rte_eth_vhost.c: the vhost-user socket it will create on port start

const ROLES: Record<string, Record<string, KeyRole>> = {
  net_pcap: { rx_pcap: 'pcap-in', tx_pcap: 'pcap-out', rx_iface: 'host-iface', rx_iface_in: 'host-iface', tx_iface: 'host-iface', iface: 'host-iface' },
  net_af_packet: { iface: 'host-iface' },
  net_tap: { iface: 'new-iface', remote: 'host-iface' },
  net_tun: { iface: 'new-iface' },
  net_virtio_user: { path: 'vhost-socket', iface: 'backend-iface' },
  net_vhost: { iface: 'socket-to-create' },
};

export function keyRole(driver: string | null | undefined, key: string): KeyRole | null {
  return (driver && ROLES[driver]?.[key]) || null;
}

/** Capability a driver's probe needs: TUNSETIFF needs CAP_NET_ADMIN, packet sockets CAP_NET_RAW. */
export function capNeeded(driver: string | null | undefined, keys: string[]): 'netAdmin' | 'netRaw' | null {
  if (driver === 'net_tap' || driver === 'net_tun') return 'netAdmin';
  if (driver === 'net_af_packet') return 'netRaw';
  if (driver && keys.some((k) => keyRole(driver, k) === 'host-iface')) return 'netRaw';
  return null;
}
