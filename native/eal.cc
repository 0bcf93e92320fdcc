// EAL life cycle and vdev hotplug. The probe of the driver that claims a name is wrapped in a
// trampoline for the duration of one rte_eal_hotplug_add() so the call chain at the moment DPDK
// entered the PMD can be recorded (chain_record.cc; symbolized and printed later, on demand).
#include <cstring>
#include <utility>
#include <rte_bus.h>
#include <rte_dev.h>
#include <rte_devargs.h>
#include <rte_eal.h>
#include <rte_errno.h>
#include <rte_lcore.h>
#include <rte_version.h>
#include <bus_driver.h>
#include <bus_vdev_driver.h>
#include "vdev.h"

namespace vdev {
namespace {
bool eal_ready = false;

// Drivers whose probe is swapped for the trampoline: one during a hotplug, those the --vdev
// arguments name during rte_eal_init (the inferior is single-threaded for both).
struct Swapped {
  struct rte_vdev_driver* drv;
  rte_vdev_probe_t* original;
};
std::vector<Swapped> swapped;
rte_vdev_probe_t* original_probe = nullptr;  // of the hotplug in flight
bool probe_entered = false;
int probe_ret = 0;
std::vector<std::pair<std::string, int>> start_chains;  // device name -> chain record, at init
bool in_init = false;

struct rte_vdev_driver* claiming_driver(const std::string& name);

// The driver the bus is probing `dev` with (device.driver is set only after a successful probe):
// the one whose name or alias claims the device's name, as the bus chose it.
rte_vdev_probe_t* OriginalOf(struct rte_vdev_device* dev) {
  if (swapped.size() == 1) return swapped[0].original;
  struct rte_vdev_driver* drv = claiming_driver(rte_vdev_device_name(dev));
  for (const Swapped& s : swapped)
    if (s.drv == drv) return s.original;
  return nullptr;
}

// The frames a recorded chain passes through stay unoptimized whatever the addon's level (VDEV_FRAME):
// bt reads `dev` (the probe's argument) from the trampoline's stack slot, where -O0 keeps it, and
// the callers of the chain's entries (HotplugAdd, EalInit) then describe no call sites, so bt
// prints the entry's optimized-out parameters as gdb does, not from our call's entry values.
#define VDEV_FRAME __attribute__((optimize("O0"), noinline))

VDEV_FRAME int trampoline_probe(struct rte_vdev_device* dev) {
  rte_vdev_probe_t* original = OriginalOf(dev);
  if (original == nullptr) return -ENOTSUP;  // cannot happen: only swapped drivers get here
  probe_entered = true;
  // chain_record.cc: the callers' frames while they are still on the stack
  int before = LastChainSeq();
  RecordProbeEntry(dev, reinterpret_cast<void*>(original));
  if (in_init && LastChainSeq() != before) start_chains.emplace_back(rte_vdev_device_name(dev), LastChainSeq());
  probe_ret = original(dev);
  return probe_ret;
}

void Swap(struct rte_vdev_driver* drv) {
  for (const Swapped& s : swapped)
    if (s.drv == drv) return;
  swapped.push_back({drv, drv->probe});
  drv->probe = trampoline_probe;
}

void Unswap() {
  for (const Swapped& s : swapped) s.drv->probe = s.original;
  swapped.clear();
}

struct rte_vdev_driver* claiming_driver(const std::string& name) {
  struct rte_bus* bus = rte_bus_find_by_name("vdev");
  struct rte_vdev_driver* drv = nullptr;
  if (bus == nullptr || bus->parse == nullptr) return nullptr;
  if (bus->parse(name.c_str(), &drv) != 0) return nullptr;
  return drv;
}

Napi::Object Result(Napi::Env env, int ret) {
  Napi::Object o = Napi::Object::New(env);
  o.Set("ret", ret);
  o.Set("errno", rte_errno);
  o.Set("errnoText", std::string(rte_strerror(rte_errno)));
  return o;
}

VDEV_FRAME Napi::Value EalInit(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  if (eal_ready) {
    Napi::Error::New(env, "EAL already initialised in this process").ThrowAsJavaScriptException();
    return env.Null();
  }
  Napi::Array args = info[0].As<Napi::Array>();
  std::vector<std::string> store;
  store.push_back("vdev-shell");
  for (uint32_t i = 0; i < args.Length(); i++) store.push_back(args.Get(i).As<Napi::String>());
  std::vector<char*> argv;
  for (auto& s : store) argv.push_back(const_cast<char*>(s.c_str()));
  argv.push_back(nullptr);
  LogCaptureInstall();
  // Devices the --vdev arguments create are probed inside rte_eal_init: record their chains too
  // (the vdev bus and its drivers are registered at load time, before the EAL starts).
  start_chains.clear();
  if (info.Length() > 1 && info[1].IsArray()) {
    Napi::Array names = info[1].As<Napi::Array>();
    for (uint32_t i = 0; i < names.Length(); i++) {
      struct rte_vdev_driver* drv = claiming_driver(names.Get(i).As<Napi::String>());
      if (drv != nullptr) Swap(drv);
    }
  }
  SetHotplugTop(reinterpret_cast<uintptr_t>(__builtin_frame_address(0)));
  // The first probe's chain is printed from debug info: rte_eal_init sleeps ~100 ms calibrating
  // the TSC, time enough to load it for the code every hotplug goes through (the hotplug entry
  // and its file, the vdev bus's file, this file with the trampoline) instead of in that probe.
  WarmDebugInfo({reinterpret_cast<uintptr_t>(&rte_eal_hotplug_add), reinterpret_cast<uintptr_t>(&rte_vdev_register),
                 reinterpret_cast<uintptr_t>(&trampoline_probe)});
  rte_errno = 0;
  in_init = true;
  int ret = rte_eal_init(static_cast<int>(store.size()), argv.data());
  in_init = false;
  WarmAfterInit();
  Unswap();
  eal_ready = ret >= 0;
  Napi::Object o = Result(env, ret);
  o.Set("log", LogToJs(env, LogDrain()));
  Napi::Array chains = Napi::Array::New(env, start_chains.size());
  for (size_t i = 0; i < start_chains.size(); i++) {
    Napi::Object c = Napi::Object::New(env);
    c.Set("name", start_chains[i].first);
    c.Set("seq", start_chains[i].second);
    chains.Set(i, c);
  }
  o.Set("chains", chains);
  return o;
}

int SameName(const struct rte_device* dev, const void* name) {
  return strcmp(rte_dev_name(dev), static_cast<const char*>(name));
}

// Is a device of this name already on the vdev bus (probed, its port possibly closed)?
bool OnVdevBus(const std::string& name) {
  struct rte_bus* bus = rte_bus_find_by_name("vdev");
  return bus != nullptr && bus->find_device != nullptr && bus->find_device(nullptr, SameName, name.c_str()) != nullptr;
}

VDEV_FRAME Napi::Value HotplugAdd(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  std::string name = info[0].As<Napi::String>();
  std::string args = info[1].As<Napi::String>();
  // record=false: no trampoline, so no probe-chain record (a proof in a scratch EAL is never
  // shown by bt, and the first record of a fresh EAL plans its chain from DWARF).
  bool record = info.Length() < 3 || !info[2].IsBoolean() || info[2].As<Napi::Boolean>().Value();
  bool already_on_bus = OnVdevBus(name);
  struct rte_vdev_driver* drv = claiming_driver(name);
  SetHotplugTop(reinterpret_cast<uintptr_t>(__builtin_frame_address(0)));
  probe_entered = false;
  probe_ret = 0;
  original_probe = drv != nullptr ? drv->probe : nullptr;
  if (drv != nullptr && record) Swap(drv);
  rte_errno = 0;
  int ret = rte_eal_hotplug_add("vdev", name.c_str(), args.c_str());
  Unswap();
  Napi::Object o = Result(env, ret);
  o.Set("driver", drv ? Napi::Value(Napi::String::New(env, drv->driver.name)) : env.Null());
  o.Set("alreadyOnBus", already_on_bus);
  o.Set("probeEntered", probe_entered);
  o.Set("probeRet", probe_ret);
  if (LastChainSeq() > 0) o.Set("chainSeq", LastChainSeq());
  o.Set("probeAddr", Napi::BigInt::New(env, static_cast<uint64_t>(reinterpret_cast<uintptr_t>(drv ? original_probe : nullptr))));
  o.Set("log", LogToJs(env, LogDrain()));
  return o;
}

Napi::Value HotplugRemove(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  std::string name = info[0].As<Napi::String>();
  rte_errno = 0;
  int ret = rte_eal_hotplug_remove("vdev", name.c_str());
  Napi::Object o = Result(env, ret);
  o.Set("log", LogToJs(env, LogDrain()));
  return o;
}

// onVdevBus(name) -> is a device of that name on the vdev bus (with or without a port)?
Napi::Value OnVdevBusJs(const Napi::CallbackInfo& info) {
  return Napi::Boolean::New(info.Env(), OnVdevBus(info[0].As<Napi::String>()));
}

// The registered driver that would claim `name` (vdev bus prefix match on name or alias).
Napi::Value VdevDriver(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  struct rte_vdev_driver* drv = claiming_driver(info[0].As<Napi::String>());
  if (drv == nullptr) return env.Null();
  Napi::Object o = Napi::Object::New(env);
  o.Set("name", drv->driver.name);
  o.Set("alias", drv->driver.alias ? Napi::Value(Napi::String::New(env, drv->driver.alias)) : env.Null());
  o.Set("probe", Napi::BigInt::New(env, static_cast<uint64_t>(reinterpret_cast<uintptr_t>(drv->probe))));
  o.Set("remove", Napi::BigInt::New(env, static_cast<uint64_t>(reinterpret_cast<uintptr_t>(drv->remove))));
  o.Set("drvFlags", drv->drv_flags);
  return o;
}

// rte_eal_cleanup: a secondary process leaving an application frees what it holds there (its
// multi-process socket in the application's runtime directory) and touches nothing else.
Napi::Value EalCleanup(const Napi::CallbackInfo& info) {
  if (!eal_ready) return Napi::Number::New(info.Env(), 0);
  eal_ready = false;
  return Napi::Number::New(info.Env(), rte_eal_cleanup());
}

Napi::Value LogDrainJs(const Napi::CallbackInfo& info) { return LogToJs(info.Env(), LogDrain()); }

Napi::Value EalInfo(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  Napi::Object o = Napi::Object::New(env);
  o.Set("version", rte_version());
  o.Set("ready", eal_ready);
  if (!eal_ready) return o;
  o.Set("lcoreCount", rte_lcore_count());
  o.Set("mainLcore", rte_get_main_lcore());
  o.Set("socketCount", rte_socket_count());
  o.Set("iovaMode", rte_eal_iova_mode() == RTE_IOVA_PA ? "PA" : rte_eal_iova_mode() == RTE_IOVA_VA ? "VA" : "DC");
  o.Set("hasHugepages", rte_eal_has_hugepages() != 0);
  o.Set("hasPci", rte_eal_has_pci() != 0);
  o.Set("processType", rte_eal_process_type() == RTE_PROC_PRIMARY ? "primary" : "secondary");
  return o;
}
}  // namespace

void InitEal(Napi::Env env, Napi::Object exports) {
  exports.Set("ealInit", Napi::Function::New(env, EalInit));
  exports.Set("hotplugAdd", Napi::Function::New(env, HotplugAdd));
  exports.Set("hotplugRemove", Napi::Function::New(env, HotplugRemove));
  exports.Set("onVdevBus", Napi::Function::New(env, OnVdevBusJs));
  exports.Set("vdevDriver", Napi::Function::New(env, VdevDriver));
  exports.Set("logDrain", Napi::Function::New(env, LogDrainJs));
  exports.Set("ealInfo", Napi::Function::New(env, EalInfo));
  exports.Set("ealCleanup", Napi::Function::New(env, EalCleanup));
}

}  // namespace vdev
