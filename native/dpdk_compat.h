// DPDK APIs whose signatures changed between the LTS releases the shell builds against (22.11 on).
// Each wrapper picks its call by what the installed header declares, checked at compile time
// (std::is_invocable on the real function's type; VDEV_HAVE_* from scripts/dpdk-flags.sh
// `features`, which reads the installed headers), never by a version number. A release that
// changes a signature again fails to compile here, not at run time.
#pragma once
#include <cstdint>
#include <type_traits>
#include <rte_cycles.h>
#include <rte_pcapng.h>

namespace vdev::compat {

// Fn is a template parameter so that only the branch the header's signature takes is compiled.
template <typename Fn>
struct rte_mbuf* PcapngCopyWith(Fn fn, uint16_t port, uint32_t queue, const struct rte_mbuf* m,
                                struct rte_mempool* mp, enum rte_pcapng_direction dir) {
  // Until 23.11 the caller passes the timestamp; from then lib pcapng takes it itself and the
  // last argument is a per-packet comment.
  if constexpr (std::is_invocable_v<Fn, uint16_t, uint32_t, const struct rte_mbuf*, struct rte_mempool*,
                                    uint32_t, uint64_t, enum rte_pcapng_direction>)
    return fn(port, queue, m, mp, UINT32_MAX, rte_get_tsc_cycles(), dir);
  else
    return fn(port, queue, m, mp, UINT32_MAX, dir, nullptr);
}
inline struct rte_mbuf* PcapngCopy(uint16_t port, uint32_t queue, const struct rte_mbuf* m,
                                   struct rte_mempool* mp, enum rte_pcapng_direction dir) {
  return PcapngCopyWith(&rte_pcapng_copy, port, queue, m, mp, dir);
}

// Interface statistics block: the time span parameters went away in 23.11.
template <typename Fn>
ssize_t PcapngWriteStatsWith(Fn fn, rte_pcapng_t* w, uint16_t port, uint64_t start_ns, uint64_t end_ns,
                             uint64_t received, uint64_t dropped) {
  if constexpr (std::is_invocable_v<Fn, rte_pcapng_t*, uint16_t, uint64_t, uint64_t, const char*>)
    return fn(w, port, received, dropped, nullptr);
  else
    return fn(w, port, nullptr, start_ns, end_ns, received, dropped);
}
inline ssize_t PcapngWriteStats(rte_pcapng_t* w, uint16_t port, uint64_t start_ns, uint64_t end_ns,
                                uint64_t received, uint64_t dropped) {
  return PcapngWriteStatsWith(&rte_pcapng_write_stats, w, port, start_ns, end_ns, received, dropped);
}

#ifdef VDEV_HAVE_PCAPNG_ADD_INTERFACE
// From 23.03 a port's packets are written only after the port was added as an interface; 25.11
// adds the link type (Ethernet: LINKTYPE_ETHERNET = 1).
template <typename Fn>
int PcapngAddInterfaceWith(Fn fn, rte_pcapng_t* w, uint16_t port, const char* name) {
  if constexpr (std::is_invocable_v<Fn, rte_pcapng_t*, uint16_t, uint16_t, const char*, const char*, const char*>)
    return fn(w, port, 1, name, nullptr, nullptr);
  else
    return fn(w, port, name, nullptr, nullptr);
}
inline int PcapngAddInterface(rte_pcapng_t* w, uint16_t port, const char* name) {
  return PcapngAddInterfaceWith(&rte_pcapng_add_interface, w, port, name);
}
#else
// Before 23.03 rte_pcapng_fdopen() describes every port itself.
inline int PcapngAddInterface(rte_pcapng_t*, uint16_t, const char*) { return 0; }
#endif

}  // namespace vdev::compat
