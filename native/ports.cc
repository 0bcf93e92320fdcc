// Ethernet ports: listing, info, stats, MAC, close, and the raw eth_dev_ops / burst pointers
// (slot names come from DWARF in TypeScript; here we only hand out addresses).
#include <algorithm>
#include <cstring>
#include <limits>
#include <string>
#include <vector>
#include <rte_ethdev.h>
#include <rte_errno.h>
#include <ethdev_driver.h>
#include "vdev.h"

namespace vdev {
namespace {
Napi::Value Addr(Napi::Env env, const void* p) {
  return Napi::BigInt::New(env, static_cast<uint64_t>(reinterpret_cast<uintptr_t>(p)));
}

std::string MacText(const struct rte_ether_addr& a) {
  char buf[RTE_ETHER_ADDR_FMT_SIZE];
  rte_ether_format_addr(buf, sizeof(buf), &a);
  return buf;
}

bool PortArg(const Napi::CallbackInfo& info, uint16_t* port) {
  uint32_t p = info[0].As<Napi::Number>().Uint32Value();
  if (p >= RTE_MAX_ETHPORTS || !rte_eth_dev_is_valid_port(static_cast<uint16_t>(p))) return false;
  *port = static_cast<uint16_t>(p);
  return true;
}

const char* StateName(enum rte_eth_dev_state s) {
  switch (s) {
    case RTE_ETH_DEV_UNUSED: return "unused";
    case RTE_ETH_DEV_ATTACHED: return "attached";
    case RTE_ETH_DEV_REMOVED: return "removed";
  }
  return "unknown";
}

// A port's facts, packed: numbers into a Float64Array the caller owns and reuses (no V8 call per
// value, no allocation), and its six strings appended to one string, each ended by '\0', which no
// C string holds. Building objects, arrays and strings through N-API one by one cost more than
// the ethdev calls; src/inferior/addon.ts assembles the RawPort.
// Numbers, in order (NaN where ethdev could not say):
//   port, maxRxQueues, maxTxQueues, maxMacAddrs, ifIndex (NaN: rte_eth_dev_info_get failed),
//   link up, speedMbps, fullDuplex, autoneg (NaN: rte_eth_link_get_nowait failed),
//   started, socket, rxQueues, txQueues, mtu, promiscuous, has a MAC, has a device
// Strings: name, driver, mac, state, device, devargs ('' where there is none).
constexpr size_t kPortNums = 17;

void PackPort(uint16_t p, double* n, std::string& strs) {
  const double nan = std::numeric_limits<double>::quiet_NaN();
  struct rte_eth_dev* dev = &rte_eth_devices[p];
  auto str = [&strs](const char* s) { strs += s; strs += '\0'; };
  n[0] = p;
  str(dev->data->name);
  struct rte_eth_dev_info di;
  memset(&di, 0, sizeof(di));
  if (rte_eth_dev_info_get(p, &di) == 0) {
    str(di.driver_name ? di.driver_name : "");
    n[1] = di.max_rx_queues;
    n[2] = di.max_tx_queues;
    n[3] = di.max_mac_addrs;
    n[4] = di.if_index;
  } else {
    str("");
    n[1] = n[2] = n[3] = n[4] = nan;
  }
  struct rte_ether_addr mac;
  n[15] = rte_eth_macaddr_get(p, &mac) == 0;
  str(n[15] ? MacText(mac).c_str() : "");
  struct rte_eth_link link;
  memset(&link, 0, sizeof(link));
  if (rte_eth_link_get_nowait(p, &link) == 0) {
    n[5] = link.link_status == RTE_ETH_LINK_UP;
    n[6] = link.link_speed;
    n[7] = link.link_duplex == RTE_ETH_LINK_FULL_DUPLEX;
    n[8] = link.link_autoneg == RTE_ETH_LINK_AUTONEG;
  } else {
    n[5] = n[6] = n[7] = n[8] = nan;
  }
  str(StateName(dev->state));
  n[9] = dev->data->dev_started != 0;
  n[10] = rte_eth_dev_socket_id(p);
  n[11] = dev->data->nb_rx_queues;
  n[12] = dev->data->nb_tx_queues;
  n[13] = dev->data->mtu;
  n[14] = dev->data->promiscuous != 0;
  n[16] = dev->device != nullptr;
  const struct rte_devargs* da = dev->device ? rte_dev_devargs(dev->device) : nullptr;
  str(dev->device ? rte_dev_name(dev->device) : "");
  str(da && da->args ? da->args : "");
}

// Packs these ports into info[nums] (kPortNums each; a port that does not fit is left out) and
// returns their strings.
Napi::Value Packed(const Napi::CallbackInfo& info, size_t nums_arg, const std::vector<uint16_t>& ports) {
  auto nums = info[nums_arg].As<Napi::Float64Array>();
  size_t fit = std::min(ports.size(), nums.ElementLength() / kPortNums);
  std::string strs;
  for (size_t i = 0; i < fit; i++) PackPort(ports[i], nums.Data() + i * kPortNums, strs);
  return Napi::String::New(info.Env(), strs);
}

// portsPacked(nums): every port.
Napi::Value PortsPacked(const Napi::CallbackInfo& info) {
  std::vector<uint16_t> ports;
  uint16_t p;
  RTE_ETH_FOREACH_DEV(p) ports.push_back(p);
  return Packed(info, 0, ports);
}

// portPacked(id, nums): that port, or null.
Napi::Value PortPacked(const Napi::CallbackInfo& info) {
  uint16_t p;
  if (!PortArg(info, &p)) return info.Env().Null();
  return Packed(info, 1, {p});
}

// The port ids alone (a hotplug's "before" list needs nothing else).
Napi::Value PortIds(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  Napi::Array arr = Napi::Array::New(env);
  uint16_t p;
  uint32_t i = 0;
  RTE_ETH_FOREACH_DEV(p) arr.Set(i++, p);
  return arr;
}

Napi::Value Stats(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  uint16_t p;
  if (!PortArg(info, &p)) return env.Null();
  struct rte_eth_stats s;
  int ret = rte_eth_stats_get(p, &s);
  Napi::Object o = Napi::Object::New(env);
  o.Set("ret", ret);
  if (ret != 0) return o;
  o.Set("ipackets", static_cast<double>(s.ipackets));
  o.Set("opackets", static_cast<double>(s.opackets));
  o.Set("ibytes", static_cast<double>(s.ibytes));
  o.Set("obytes", static_cast<double>(s.obytes));
  o.Set("imissed", static_cast<double>(s.imissed));
  o.Set("ierrors", static_cast<double>(s.ierrors));
  o.Set("oerrors", static_cast<double>(s.oerrors));
  o.Set("rxNombuf", static_cast<double>(s.rx_nombuf));
  return o;
}

Napi::Value StatsReset(const Napi::CallbackInfo& info) {
  uint16_t p;
  if (!PortArg(info, &p)) return info.Env().Null();
  return Napi::Number::New(info.Env(), rte_eth_stats_reset(p));
}

Napi::Value MacSet(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  uint16_t p;
  if (!PortArg(info, &p)) return env.Null();
  struct rte_ether_addr a;
  std::string text = info[1].As<Napi::String>();
  if (rte_ether_unformat_addr(text.c_str(), &a) != 0) return Napi::Number::New(env, -EINVAL);
  int ret = rte_eth_dev_default_mac_addr_set(p, &a);
  Napi::Object o = Napi::Object::New(env);
  o.Set("ret", ret);
  o.Set("log", LogToJs(env, LogDrain()));
  return o;
}

Napi::Value PortClose(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  uint16_t p;
  if (!PortArg(info, &p)) return env.Null();
  int ret = rte_eth_dev_close(p);
  Napi::Object o = Napi::Object::New(env);
  o.Set("ret", ret);
  o.Set("log", LogToJs(env, LogDrain()));
  return o;
}

// The raw words of *dev_ops (every slot is a function pointer) and the burst pointers both in the
// eth_dev (what the PMD installed) and in rte_eth_fp_ops (what the fast path calls right now).
Napi::Value Ops(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  uint16_t p;
  if (!PortArg(info, &p)) return env.Null();
  struct rte_eth_dev* dev = &rte_eth_devices[p];
  Napi::Object o = Napi::Object::New(env);
  o.Set("table", Addr(env, dev->dev_ops));
  o.Set("size", static_cast<uint32_t>(sizeof(struct eth_dev_ops)));
  Napi::Array words = Napi::Array::New(env);
  if (dev->dev_ops != nullptr) {
    const uintptr_t* w = reinterpret_cast<const uintptr_t*>(dev->dev_ops);
    for (size_t i = 0; i < sizeof(struct eth_dev_ops) / sizeof(uintptr_t); i++)
      words.Set(static_cast<uint32_t>(i), Napi::BigInt::New(env, static_cast<uint64_t>(w[i])));
  }
  o.Set("words", words);
  Napi::Object dev_burst = Napi::Object::New(env);
  dev_burst.Set("rx_pkt_burst", Addr(env, reinterpret_cast<void*>(dev->rx_pkt_burst)));
  dev_burst.Set("tx_pkt_burst", Addr(env, reinterpret_cast<void*>(dev->tx_pkt_burst)));
  dev_burst.Set("tx_pkt_prepare", Addr(env, reinterpret_cast<void*>(dev->tx_pkt_prepare)));
  dev_burst.Set("rx_queue_count", Addr(env, reinterpret_cast<void*>(dev->rx_queue_count)));
  dev_burst.Set("rx_descriptor_status", Addr(env, reinterpret_cast<void*>(dev->rx_descriptor_status)));
  dev_burst.Set("tx_descriptor_status", Addr(env, reinterpret_cast<void*>(dev->tx_descriptor_status)));
  o.Set("devBurst", dev_burst);
  const struct rte_eth_fp_ops* fp = &rte_eth_fp_ops[p];
  Napi::Object fp_burst = Napi::Object::New(env);
  fp_burst.Set("rx_pkt_burst", Addr(env, reinterpret_cast<void*>(fp->rx_pkt_burst)));
  fp_burst.Set("tx_pkt_burst", Addr(env, reinterpret_cast<void*>(fp->tx_pkt_burst)));
  fp_burst.Set("tx_pkt_prepare", Addr(env, reinterpret_cast<void*>(fp->tx_pkt_prepare)));
  fp_burst.Set("rx_queue_count", Addr(env, reinterpret_cast<void*>(fp->rx_queue_count)));
  fp_burst.Set("rx_descriptor_status", Addr(env, reinterpret_cast<void*>(fp->rx_descriptor_status)));
  fp_burst.Set("tx_descriptor_status", Addr(env, reinterpret_cast<void*>(fp->tx_descriptor_status)));
  o.Set("fpBurst", fp_burst);
  return o;
}
}  // namespace

void InitPorts(Napi::Env env, Napi::Object exports) {
  exports.Set("portsPacked", Napi::Function::New(env, PortsPacked));
  exports.Set("portPacked", Napi::Function::New(env, PortPacked));
  exports.Set("portIds", Napi::Function::New(env, PortIds));
  exports.Set("stats", Napi::Function::New(env, Stats));
  exports.Set("statsReset", Napi::Function::New(env, StatsReset));
  exports.Set("macSet", Napi::Function::New(env, MacSet));
  exports.Set("portClose", Napi::Function::New(env, PortClose));
  exports.Set("ops", Napi::Function::New(env, Ops));
  exports.Set("maxPorts", Napi::Number::New(env, RTE_MAX_ETHPORTS));
}

}  // namespace vdev
