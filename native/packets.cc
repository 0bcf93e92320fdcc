// Packet paths (port start/stop, tx, rx, forward, capture, xstats). Loops run here, never per
// packet in JS. Only facts go out: counts, return codes, raw bytes, burst function addresses.
#include <cerrno>
#include <cstring>
#include <ctime>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>
#include <vector>
#include <rte_cycles.h>
#include <rte_errno.h>
#include <rte_ethdev.h>
#include <rte_ip.h>
#include <rte_mbuf.h>
#include <rte_pcapng.h>
#include "dpdk_compat.h"
#include <rte_udp.h>
#include <rte_version.h>
#include <ethdev_driver.h>
#include "vdev.h"

namespace vdev {
namespace {

// One pool the shell owns for every port: small enough for the default `--no-huge -m 64`.
constexpr unsigned kPoolSize = 4095;
constexpr unsigned kPoolCache = 256;
constexpr const char* kPoolName = "vdsh_pkts";
constexpr uint16_t kRxDesc = 512;
constexpr uint16_t kTxDesc = 512;
constexpr uint16_t kMaxBurst = 64;
// Capture copies are written at once and freed, so a few bursts' worth is enough.
constexpr unsigned kCapPoolSize = 511;
constexpr const char* kCapPoolName = "vdsh_capture";

struct rte_mempool* g_pool = nullptr;
int g_pool_errno = 0;

struct rte_mempool* Pool() {
  if (g_pool == nullptr) {
    g_pool = rte_pktmbuf_pool_create(kPoolName, kPoolSize, kPoolCache, 0, RTE_MBUF_DEFAULT_BUF_SIZE, SOCKET_ID_ANY);
    if (g_pool == nullptr) g_pool_errno = rte_errno;
  }
  return g_pool;
}

uint64_t NowNs() {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return static_cast<uint64_t>(ts.tv_sec) * 1000000000ull + static_cast<uint64_t>(ts.tv_nsec);
}

uint64_t RealNs() {
  struct timespec ts;
  clock_gettime(CLOCK_REALTIME, &ts);
  return static_cast<uint64_t>(ts.tv_sec) * 1000000000ull + static_cast<uint64_t>(ts.tv_nsec);
}

Napi::Value Addr(Napi::Env env, const void* p) {
  return Napi::BigInt::New(env, static_cast<uint64_t>(reinterpret_cast<uintptr_t>(p)));
}

bool PortArg(const Napi::Value& v, uint16_t* port) {
  uint32_t p = v.As<Napi::Number>().Uint32Value();
  if (p >= RTE_MAX_ETHPORTS || !rte_eth_dev_is_valid_port(static_cast<uint16_t>(p))) return false;
  *port = static_cast<uint16_t>(p);
  return true;
}

uint32_t OptU32(const Napi::Object& o, const char* key, uint32_t def) {
  Napi::Value v = o.Get(key);
  return v.IsNumber() ? v.As<Napi::Number>().Uint32Value() : def;
}

Napi::Object Result(Napi::Env env, int ret, const char* stage) {
  Napi::Object o = Napi::Object::New(env);
  o.Set("ret", ret);
  o.Set("stage", stage);
  o.Set("errno", ret < 0 ? -ret : 0);
  o.Set("errnoText", ret < 0 ? rte_strerror(-ret) : "");
  return o;
}

Napi::Object PoolObject(Napi::Env env, struct rte_mempool* mp, const char* name, unsigned size) {
  Napi::Object o = Napi::Object::New(env);
  o.Set("name", name);
  o.Set("size", size);
  o.Set("created", mp != nullptr);
  if (mp != nullptr) {
    o.Set("cacheSize", mp->cache_size);
    o.Set("dataRoom", rte_pktmbuf_data_room_size(mp));
    o.Set("eltSize", mp->elt_size);
    o.Set("avail", rte_mempool_avail_count(mp));
    o.Set("inUse", rte_mempool_in_use_count(mp));
  }
  return o;
}

// --- pool and port start/stop -------------------------------------------------------------

Napi::Value PktPool(const Napi::CallbackInfo& info) {
  Napi::Object o = PoolObject(info.Env(), g_pool, kPoolName, kPoolSize);
  o.Set("cacheSize", kPoolCache);
  o.Set("dataRoom", RTE_MBUF_DEFAULT_BUF_SIZE);
  if (g_pool_errno) o.Set("createErrno", g_pool_errno);
  return o;
}

// Configures one rx and one tx queue on the shell's pool (first time only) and starts the port.
Napi::Value PortStart(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  uint16_t p;
  if (!PortArg(info[0], &p)) return env.Null();
  struct rte_eth_dev* dev = &rte_eth_devices[p];
  auto done = [&](int ret, const char* stage) {
    Napi::Object o = Result(env, ret, stage);
    o.Set("started", dev->data->dev_started != 0);
    o.Set("rxQueues", dev->data->nb_rx_queues);
    o.Set("txQueues", dev->data->nb_tx_queues);
    o.Set("log", LogToJs(env, LogDrain()));
    return o;
  };
  if (Pool() == nullptr) return done(-g_pool_errno, "mempool");
  if (dev->data->dev_started) {
    Napi::Object o = done(0, "already-started");
    return o;
  }
  if (!dev->data->dev_configured) {
    struct rte_eth_conf conf;
    memset(&conf, 0, sizeof(conf));
    int ret = rte_eth_dev_configure(p, 1, 1, &conf);
    if (ret < 0) return done(ret, "configure");
    uint16_t nrx = kRxDesc, ntx = kTxDesc;
    ret = rte_eth_dev_adjust_nb_rx_tx_desc(p, &nrx, &ntx);
    if (ret < 0) return done(ret, "adjust-desc");
    int socket = rte_eth_dev_socket_id(p);
    ret = rte_eth_rx_queue_setup(p, 0, nrx, static_cast<unsigned>(socket), nullptr, Pool());
    if (ret < 0) return done(ret, "rx-queue-setup");
    ret = rte_eth_tx_queue_setup(p, 0, ntx, static_cast<unsigned>(socket), nullptr);
    if (ret < 0) return done(ret, "tx-queue-setup");
  }
  int ret = rte_eth_dev_start(p);
  return done(ret, "start");
}

Napi::Value PortStop(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  uint16_t p;
  if (!PortArg(info[0], &p)) return env.Null();
  bool was = rte_eth_devices[p].data->dev_started != 0;
  int ret = was ? rte_eth_dev_stop(p) : 0;
  Napi::Object o = Result(env, ret, was ? "stop" : "already-stopped");
  o.Set("log", LogToJs(env, LogDrain()));
  return o;
}

// --- tx -----------------------------------------------------------------------------------

bool ParseMac(const Napi::Value& v, struct rte_ether_addr* a) {
  if (!v.IsString()) return false;
  std::string s = v.As<Napi::String>();
  return rte_ether_unformat_addr(s.c_str(), a) == 0;
}

// The frame every packet of one tx call carries: Ethernet, then IPv4/UDP with DPDK's own
// checksum helpers, or a raw payload after the ethertype. Payload bytes count up from 0.
std::vector<uint8_t> BuildFrame(const Napi::Object& o, uint16_t port, std::string* err) {
  uint32_t size = OptU32(o, "size", 64);
  std::string proto = o.Get("proto").IsString() ? o.Get("proto").As<Napi::String>().Utf8Value() : "udp";
  bool udp = proto == "udp";
  uint32_t min = udp ? sizeof(struct rte_ether_hdr) + sizeof(struct rte_ipv4_hdr) + sizeof(struct rte_udp_hdr)
                     : sizeof(struct rte_ether_hdr);
  if (size < min || size > RTE_MBUF_DEFAULT_DATAROOM) {
    *err = "size out of range";
    return {};
  }
  std::vector<uint8_t> f(size);
  for (uint32_t i = 0; i < size; i++) f[i] = static_cast<uint8_t>(i);
  auto* eth = reinterpret_cast<struct rte_ether_hdr*>(f.data());
  if (!ParseMac(o.Get("dst"), &eth->dst_addr)) memset(&eth->dst_addr, 0xff, RTE_ETHER_ADDR_LEN);
  if (!ParseMac(o.Get("src"), &eth->src_addr)) rte_eth_macaddr_get(port, &eth->src_addr);
  if (!udp) {
    eth->ether_type = rte_cpu_to_be_16(static_cast<uint16_t>(OptU32(o, "ethertype", 0x88b5)));
    return f;
  }
  eth->ether_type = rte_cpu_to_be_16(RTE_ETHER_TYPE_IPV4);
  auto* ip = reinterpret_cast<struct rte_ipv4_hdr*>(eth + 1);
  memset(ip, 0, sizeof(*ip));
  ip->version_ihl = RTE_IPV4_VHL_DEF;
  ip->total_length = rte_cpu_to_be_16(static_cast<uint16_t>(size - sizeof(*eth)));
  ip->time_to_live = static_cast<uint8_t>(OptU32(o, "ttl", 64));
  ip->next_proto_id = IPPROTO_UDP;
  ip->src_addr = rte_cpu_to_be_32(OptU32(o, "srcIp", 0xc6120001));  // 198.18.0.1 (RFC 2544)
  ip->dst_addr = rte_cpu_to_be_32(OptU32(o, "dstIp", 0xc6120002));
  ip->hdr_checksum = 0;
  ip->hdr_checksum = rte_ipv4_cksum(ip);
  auto* u = reinterpret_cast<struct rte_udp_hdr*>(ip + 1);
  u->src_port = rte_cpu_to_be_16(static_cast<uint16_t>(OptU32(o, "sport", 9)));
  u->dst_port = rte_cpu_to_be_16(static_cast<uint16_t>(OptU32(o, "dport", 9)));
  u->dgram_len = rte_cpu_to_be_16(static_cast<uint16_t>(size - sizeof(*eth) - sizeof(*ip)));
  u->dgram_cksum = 0;
  u->dgram_cksum = rte_ipv4_udptcp_cksum(ip, u);
  return f;
}

struct TxCounts { uint64_t sent = 0, refused = 0, bursts = 0, ns = 0; bool nombuf = false; };

TxCounts TxLoop(uint16_t port, const uint8_t* frame, uint32_t size, uint64_t count, uint16_t burst) {
  TxCounts c;
  struct rte_mbuf* pkts[kMaxBurst];
  uint64_t done = 0;
  uint64_t t0 = NowNs();
  while (done < count) {
    uint16_t n = static_cast<uint16_t>(RTE_MIN(static_cast<uint64_t>(burst), count - done));
    if (rte_pktmbuf_alloc_bulk(g_pool, pkts, n) != 0) { c.nombuf = true; break; }
    for (uint16_t i = 0; i < n; i++) {
      struct rte_mbuf* m = pkts[i];
      rte_memcpy(rte_pktmbuf_mtod(m, void*), frame, size);
      m->data_len = static_cast<uint16_t>(size);
      m->pkt_len = size;
    }
    uint16_t sent = rte_eth_tx_burst(port, 0, pkts, n);
    if (sent < n) {
      rte_pktmbuf_free_bulk(pkts + sent, n - sent);
      c.refused += n - sent;
    }
    c.sent += sent;
    c.bursts++;
    done += n;
  }
  c.ns = NowNs() - t0;
  return c;
}

Napi::Value Tx(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  uint16_t p;
  if (!PortArg(info[0], &p)) return env.Null();
  Napi::Object opts = info[1].As<Napi::Object>();
  if (!rte_eth_devices[p].data->dev_started) return Result(env, -ENETDOWN, "not-started");
  if (Pool() == nullptr) return Result(env, -g_pool_errno, "mempool");
  std::string err;
  std::vector<uint8_t> frame = BuildFrame(opts, p, &err);
  if (frame.empty()) return Result(env, -EINVAL, "frame");
  uint64_t count = static_cast<uint64_t>(opts.Get("count").As<Napi::Number>().DoubleValue());
  uint16_t burst = static_cast<uint16_t>(RTE_MAX(1u, RTE_MIN(OptU32(opts, "burst", 32), static_cast<uint32_t>(kMaxBurst))));
  TxCounts c = TxLoop(p, frame.data(), static_cast<uint32_t>(frame.size()), count, burst);
  Napi::Object o = Result(env, 0, "tx");
  o.Set("requested", static_cast<double>(count));
  o.Set("sent", static_cast<double>(c.sent));
  o.Set("refused", static_cast<double>(c.refused));
  o.Set("bursts", static_cast<double>(c.bursts));
  o.Set("burstSize", burst);
  o.Set("ns", static_cast<double>(c.ns));
  o.Set("nombuf", c.nombuf);
  o.Set("frameLen", static_cast<uint32_t>(frame.size()));
  o.Set("frame", Napi::Buffer<uint8_t>::Copy(env, frame.data(), frame.size()));
  o.Set("burstFn", Addr(env, reinterpret_cast<void*>(rte_eth_fp_ops[p].tx_pkt_burst)));
  o.Set("log", LogToJs(env, LogDrain()));
  return o;
}

// --- rx and forward -----------------------------------------------------------------------

Napi::Value Rx(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  uint16_t p;
  if (!PortArg(info[0], &p)) return env.Null();
  Napi::Object opts = info[1].As<Napi::Object>();
  if (!rte_eth_devices[p].data->dev_started) return Result(env, -ENETDOWN, "not-started");
  uint32_t count = OptU32(opts, "count", 10);
  uint32_t timeout_ms = OptU32(opts, "timeoutMs", 1000);
  uint32_t snap = OptU32(opts, "snap", RTE_MBUF_DEFAULT_DATAROOM);
  Napi::Array out = Napi::Array::New(env);
  struct rte_mbuf* pkts[kMaxBurst];
  uint32_t got = 0;
  uint64_t polls = 0;
  uint64_t t0 = NowNs();
  uint64_t deadline = t0 + static_cast<uint64_t>(timeout_ms) * 1000000ull;
  std::vector<uint8_t> buf;
  while (got < count) {
    uint16_t want = static_cast<uint16_t>(RTE_MIN(static_cast<uint32_t>(kMaxBurst), count - got));
    uint16_t n = rte_eth_rx_burst(p, 0, pkts, want);
    polls++;
    for (uint16_t i = 0; i < n; i++) {
      struct rte_mbuf* m = pkts[i];
      uint32_t len = rte_pktmbuf_pkt_len(m);
      uint32_t cap = RTE_MIN(len, snap);
      buf.resize(cap);
      const void* d = rte_pktmbuf_read(m, 0, cap, buf.data());
      Napi::Object pk = Napi::Object::New(env);
      pk.Set("len", len);
      pk.Set("data", Napi::Buffer<uint8_t>::Copy(env, static_cast<const uint8_t*>(d), cap));
      pk.Set("segs", m->nb_segs);
      pk.Set("atNs", static_cast<double>(NowNs() - t0));
      out.Set(got++, pk);
    }
    if (n > 0) rte_pktmbuf_free_bulk(pkts, n);
    if (n == 0) {
      if (NowNs() >= deadline) break;
      usleep(50);  // kernel-fed ports (tap) trickle; do not spin a core while waiting
    }
  }
  Napi::Object o = Result(env, 0, "rx");
  o.Set("packets", out);
  o.Set("polls", static_cast<double>(polls));
  o.Set("ns", static_cast<double>(NowNs() - t0));
  o.Set("timedOut", got < count);
  o.Set("burstFn", Addr(env, reinterpret_cast<void*>(rte_eth_fp_ops[p].rx_pkt_burst)));
  o.Set("log", LogToJs(env, LogDrain()));
  return o;
}

// io forwarding, testpmd's simplest engine: what src receives goes out of dst unchanged.
Napi::Value Fwd(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  uint16_t src, dst;
  if (!PortArg(info[0], &src) || !PortArg(info[1], &dst)) return env.Null();
  Napi::Object opts = info[2].As<Napi::Object>();
  if (!rte_eth_devices[src].data->dev_started || !rte_eth_devices[dst].data->dev_started)
    return Result(env, -ENETDOWN, "not-started");
  uint64_t count = static_cast<uint64_t>(opts.Get("count").As<Napi::Number>().DoubleValue());
  uint64_t idle_ns = static_cast<uint64_t>(OptU32(opts, "idleMs", 200)) * 1000000ull;
  struct rte_mbuf* pkts[kMaxBurst];
  uint64_t rx = 0, tx = 0, dropped = 0, polls = 0;
  uint64_t t0 = NowNs(), last = t0;
  while (rx < count) {
    uint16_t want = static_cast<uint16_t>(RTE_MIN(static_cast<uint64_t>(32), count - rx));
    uint16_t n = rte_eth_rx_burst(src, 0, pkts, want);
    polls++;
    if (n == 0) {
      uint64_t now = NowNs();
      if (now - last >= idle_ns) break;
      usleep(20);
      continue;
    }
    rx += n;
    uint16_t sent = rte_eth_tx_burst(dst, 0, pkts, n);
    tx += sent;
    if (sent < n) {
      rte_pktmbuf_free_bulk(pkts + sent, n - sent);
      dropped += n - sent;
    }
    last = NowNs();
  }
  Napi::Object o = Result(env, 0, "fwd");
  o.Set("rx", static_cast<double>(rx));
  o.Set("tx", static_cast<double>(tx));
  o.Set("dropped", static_cast<double>(dropped));
  o.Set("polls", static_cast<double>(polls));
  o.Set("ns", static_cast<double>(NowNs() - t0));
  o.Set("rxBurstFn", Addr(env, reinterpret_cast<void*>(rte_eth_fp_ops[src].rx_pkt_burst)));
  o.Set("txBurstFn", Addr(env, reinterpret_cast<void*>(rte_eth_fp_ops[dst].tx_pkt_burst)));
  o.Set("log", LogToJs(env, LogDrain()));
  return o;
}

// --- capture with lib pcapng (what dpdk-dumpcap writes) -------------------------------------

struct Capture {
  rte_pcapng_t* w = nullptr;
  std::string path;
  std::string portName;  // a detached port's id can be reused by the next attach
  uint16_t port = 0;
  const struct rte_eth_rxtx_callback* rxcb = nullptr;
  const struct rte_eth_rxtx_callback* txcb = nullptr;
  int fd = -1;
  uint64_t rx = 0, tx = 0, dropped = 0, writeErrors = 0, startNs = 0;
};
Capture* g_cap = nullptr;
struct rte_mempool* g_cap_pool = nullptr;

void CaptureBurst(Capture* c, uint16_t port, uint16_t queue, struct rte_mbuf** pkts, uint16_t n,
                  enum rte_pcapng_direction dir, uint64_t* counter) {
  struct rte_mbuf* copies[RTE_MAX(kMaxBurst, 256)];
  uint16_t k = 0;
  for (uint16_t i = 0; i < n && k < RTE_DIM(copies); i++) {
    struct rte_mbuf* mc = compat::PcapngCopy(port, queue, pkts[i], g_cap_pool, dir);
    if (mc == nullptr) { c->dropped++; continue; }
    copies[k++] = mc;
  }
  if (k == 0) return;
  if (rte_pcapng_write_packets(c->w, copies, k) < 0) c->writeErrors++;
  else *counter += k;
  rte_pktmbuf_free_bulk(copies, k);  // write_packets does not free them (dumpcap frees too)
}

uint16_t CaptureRx(uint16_t port, uint16_t queue, struct rte_mbuf* pkts[], uint16_t n, uint16_t, void* user) {
  auto* c = static_cast<Capture*>(user);
  CaptureBurst(c, port, queue, pkts, n, RTE_PCAPNG_DIRECTION_IN, &c->rx);
  return n;
}

uint16_t CaptureTx(uint16_t port, uint16_t queue, struct rte_mbuf* pkts[], uint16_t n, void* user) {
  auto* c = static_cast<Capture*>(user);
  CaptureBurst(c, port, queue, pkts, n, RTE_PCAPNG_DIRECTION_OUT, &c->tx);
  return n;
}

Napi::Object CaptureObject(Napi::Env env, const Capture* c) {
  Napi::Object o = Napi::Object::New(env);
  o.Set("port", c->port);
  o.Set("path", c->path);
  o.Set("rxHooked", c->rxcb != nullptr);
  o.Set("txHooked", c->txcb != nullptr);
  o.Set("rx", static_cast<double>(c->rx));
  o.Set("tx", static_cast<double>(c->tx));
  o.Set("dropped", static_cast<double>(c->dropped));
  o.Set("writeErrors", static_cast<double>(c->writeErrors));
  return o;
}

// args: port, path, wantRx, wantTx. The file is created here; on any failure it is removed.
Napi::Value CaptureStart(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  uint16_t p;
  if (!PortArg(info[0], &p)) return env.Null();
  std::string path = info[1].As<Napi::String>();
  bool want_rx = info[2].As<Napi::Boolean>();
  bool want_tx = info[3].As<Napi::Boolean>();
  if (g_cap != nullptr) return Result(env, -EBUSY, "busy");
  if (g_cap_pool == nullptr) {
    g_cap_pool = rte_pktmbuf_pool_create(kCapPoolName, kCapPoolSize, 0, 0,
                                         rte_pcapng_mbuf_size(RTE_MBUF_DEFAULT_DATAROOM), SOCKET_ID_ANY);
    if (g_cap_pool == nullptr) return Result(env, -rte_errno, "capture-mempool");
  }
  int fd = open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (fd < 0) return Result(env, -errno, "open");
  auto* c = new Capture();
  c->path = path;
  c->port = p;
  c->portName = rte_eth_devices[p].data->name;
  c->fd = fd;
  c->startNs = RealNs();
  auto fail = [&](int ret, const char* stage) {
    if (c->rxcb) rte_eth_remove_rx_callback(p, 0, c->rxcb);
    if (c->txcb) rte_eth_remove_tx_callback(p, 0, c->txcb);
    if (c->w) rte_pcapng_close(c->w); else close(fd);
    unlink(path.c_str());
    delete c;
    Napi::Object o = Result(env, ret, stage);
    o.Set("log", LogToJs(env, LogDrain()));
    return o;
  };
  std::string app = std::string("vdev-shell (") + rte_version() + ")";
  c->w = rte_pcapng_fdopen(fd, nullptr, nullptr, app.c_str(), nullptr);
  if (c->w == nullptr) return fail(-rte_errno, "pcapng-open");
  // Every port gets an interface block, in port order and named by lib pcapng (dpdk:N, or the
  // kernel's name for a tap), as 22.11's rte_pcapng_fdopen wrote them: a capture file looks the
  // same whichever DPDK wrote it, and packets of port N are interface N.
  uint16_t q;
  RTE_ETH_FOREACH_DEV(q) {
    if (int r = compat::PcapngAddInterface(c->w, q, nullptr); r < 0) return fail(r, "pcapng-interface");
  }
  if (want_rx) {
    c->rxcb = rte_eth_add_rx_callback(p, 0, CaptureRx, c);
    if (c->rxcb == nullptr) return fail(-rte_errno, "rx-callback");
  }
  if (want_tx) {
    c->txcb = rte_eth_add_tx_callback(p, 0, CaptureTx, c);
    if (c->txcb == nullptr) return fail(-rte_errno, "tx-callback");
  }
  g_cap = c;
  Napi::Object o = Result(env, 0, "capture");
  o.Set("capture", CaptureObject(env, c));
  o.Set("log", LogToJs(env, LogDrain()));
  return o;
}

Napi::Value CaptureInfo(const Napi::CallbackInfo& info) {
  if (g_cap == nullptr) return info.Env().Null();
  return CaptureObject(info.Env(), g_cap);
}

// Writes DPDK's interface statistics block, unhooks the callbacks and closes the file.
Napi::Value CaptureStop(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  if (g_cap == nullptr) return env.Null();
  Capture* c = g_cap;
  g_cap = nullptr;
  bool port_alive = rte_eth_dev_is_valid_port(c->port) != 0 && c->portName == rte_eth_devices[c->port].data->name;
  if (port_alive) {
    if (c->rxcb) rte_eth_remove_rx_callback(c->port, 0, c->rxcb);
    if (c->txcb) rte_eth_remove_tx_callback(c->port, 0, c->txcb);
    compat::PcapngWriteStats(c->w, c->port, c->startNs, RealNs(), c->rx + c->tx, c->dropped);
  }
  struct stat st;
  Napi::Object o = Result(env, 0, "capture-stop");
  o.Set("capture", CaptureObject(env, c));
  o.Set("portAlive", port_alive);
  if (fstat(c->fd, &st) == 0) o.Set("bytes", static_cast<double>(st.st_size));
  rte_pcapng_close(c->w);
  delete c;
  o.Set("log", LogToJs(env, LogDrain()));
  return o;
}

// --- xstats -------------------------------------------------------------------------------

Napi::Value Xstats(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  uint16_t p;
  if (!PortArg(info[0], &p)) return env.Null();
  int n = rte_eth_xstats_get_names(p, nullptr, 0);
  Napi::Object o = Napi::Object::New(env);
  if (n < 0) { o.Set("ret", n); return o; }
  std::vector<struct rte_eth_xstat_name> names(n);
  std::vector<struct rte_eth_xstat> vals(n);
  int got_names = rte_eth_xstats_get_names(p, names.data(), n);
  int got = rte_eth_xstats_get(p, vals.data(), n);
  o.Set("ret", got < 0 ? got : (got_names < 0 ? got_names : 0));
  Napi::Array arr = Napi::Array::New(env);
  for (int i = 0; i < got && i < got_names; i++) {
    Napi::Object x = Napi::Object::New(env);
    x.Set("id", static_cast<double>(vals[i].id));
    x.Set("name", names[vals[i].id < static_cast<uint64_t>(got_names) ? vals[i].id : i].name);
    x.Set("value", static_cast<double>(vals[i].value));
    arr.Set(static_cast<uint32_t>(i), x);
  }
  o.Set("xstats", arr);
  o.Set("log", LogToJs(env, LogDrain()));
  return o;
}

Napi::Value XstatsReset(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  uint16_t p;
  if (!PortArg(info[0], &p)) return env.Null();
  Napi::Object o = Napi::Object::New(env);
  o.Set("statsRet", rte_eth_stats_reset(p));
  o.Set("xstatsRet", rte_eth_xstats_reset(p));
  o.Set("log", LogToJs(env, LogDrain()));
  return o;
}

}  // namespace

void InitPackets(Napi::Env env, Napi::Object exports) {
  exports.Set("pktPool", Napi::Function::New(env, PktPool));
  exports.Set("portStart", Napi::Function::New(env, PortStart));
  exports.Set("portStop", Napi::Function::New(env, PortStop));
  exports.Set("tx", Napi::Function::New(env, Tx));
  exports.Set("rx", Napi::Function::New(env, Rx));
  exports.Set("fwd", Napi::Function::New(env, Fwd));
  exports.Set("captureStart", Napi::Function::New(env, CaptureStart));
  exports.Set("captureInfo", Napi::Function::New(env, CaptureInfo));
  exports.Set("captureStop", Napi::Function::New(env, CaptureStop));
  exports.Set("xstats", Napi::Function::New(env, Xstats));
  exports.Set("xstatsReset", Napi::Function::New(env, XstatsReset));
}

}  // namespace vdev
