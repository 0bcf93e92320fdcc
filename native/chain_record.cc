// The probe-chain recorder: the shell's breakpoint on the PMD probe. The trampoline (eal.cc)
// calls RecordProbeEntry just before the PMD's probe runs; it unwinds from there to the shell's
// own HotplugAdd frame, copies that span of the stack (where every caller's arguments and locals
// live), and runs the gather plan for this chain of return addresses: which pointed-to bytes the
// printing will need (strings behind char * arguments, device fields). Nothing is printed here:
// src/inferior/probe-capture.ts formats a record only when bt asks for it.
//
// The plan comes from JS the first time a chain of return addresses is seen (the planner runs
// the real printer once on live memory and notes each read it made), so a probe of a chain seen
// before never enters JS. Records are kept for the last kKeep probes.
#include <pthread.h>
#include <unwind.h>
#include <cstring>
#include <deque>
#include <string>
#include <unordered_map>
#include <vector>
#include "vdev.h"

namespace vdev {
namespace {

constexpr size_t kKeep = 512;
constexpr size_t kMaxStack = 64 * 1024;
constexpr size_t kMaxFrames = 48;

// One gather step: start at cfa[cfa_index] + off (or at abs when cfa_index < 0), follow each
// deref (read a pointer there, add the offset), then copy len bytes.
struct Step {
  int cfa_index;
  int reg_frame;  // >= 0: start at the value of callee-saved register reg of that frame instead
  int reg;
  int64_t off;
  uint64_t abs;
  std::vector<int64_t> derefs;
  uint32_t len;
};

struct Chunk {
  uint64_t addr;
  std::vector<uint8_t> bytes;
};

struct Record {
  uint32_t seq;
  std::vector<uint64_t> ip, cfa, regs;
  uint64_t dev, probe_addr, stack_low;
  std::vector<uint8_t> stack;
  std::vector<Chunk> chunks;
};

std::deque<Record> records;
uint32_t next_seq = 1;
std::unordered_map<std::string, std::vector<Step>> plans;
std::unordered_map<std::string, int> replans;
constexpr int kMaxReplans = 3;
uintptr_t hotplug_top = 0;  // HotplugAdd's frame address: the unwind stops just above it
int last_seq = 0;

Napi::FunctionReference planner;
napi_env planner_env = nullptr;
pthread_t planner_thread;  // JS may only be entered from the thread that set the planner

// The callee-saved registers of x86-64 (DWARF numbers rbx, rbp, r12-r15): the unwinder restores
// them frame by frame, so each frame's values are known where an optimized build keeps a
// variable in one. Caller-saved registers are not (gdb prints those variables <optimized out>).
constexpr int kSavedRegs[] = {3, 6, 12, 13, 14, 15};
constexpr size_t kNumSaved = sizeof kSavedRegs / sizeof kSavedRegs[0];

struct Unwound {
  std::vector<uint64_t> ip, cfa, regs;  // regs: kNumSaved per frame
  int past_top = 0;
};

_Unwind_Reason_Code Collect(struct _Unwind_Context* ctx, void* arg) {
  auto* u = static_cast<Unwound*>(arg);
  u->ip.push_back(_Unwind_GetIP(ctx));
  uint64_t cfa = _Unwind_GetCFA(ctx);
  u->cfa.push_back(cfa);
  for (int r : kSavedRegs) u->regs.push_back(_Unwind_GetGR(ctx, r));
  // The unwinder reports with each frame's ip the CFA of the frame below it: HotplugAdd's own
  // CFA arrives one entry after it. Two entries past the top cover it.
  if (hotplug_top != 0 && cfa > hotplug_top) u->past_top++;
  return u->past_top >= 2 || u->ip.size() >= kMaxFrames ? _URC_END_OF_STACK : _URC_NO_REASON;
}

// Frame i's callee-saved registers as {DWARF number: value}.
Napi::Object RegsOf(Napi::Env env, const std::vector<uint64_t>& regs, size_t i) {
  Napi::Object o = Napi::Object::New(env);
  for (size_t k = 0; k < kNumSaved && i * kNumSaved + k < regs.size(); k++) o.Set(kSavedRegs[k], Big(env, regs[i * kNumSaved + k]));
  return o;
}

std::string Key(const std::vector<uint64_t>& ip) {
  return std::string(reinterpret_cast<const char*>(ip.data()), ip.size() * sizeof(uint64_t));
}


// Asks JS for the plan of a chain seen for the first time. False when there is none (the
// planner failed): this probe is recorded without gathers and the next one asks again.
bool AskPlanner(const Unwound& u, void* dev, uint64_t low, uint64_t high, std::vector<Step>& steps) {
  if (planner.IsEmpty() || planner_env == nullptr || !pthread_equal(pthread_self(), planner_thread)) return false;
  Napi::Env env(planner_env);
  Napi::HandleScope scope(env);
  try {
    Napi::Array frames = Napi::Array::New(env, u.ip.size());
    for (size_t i = 0; i < u.ip.size(); i++) {
      Napi::Object f = Napi::Object::New(env);
      f.Set("ip", Big(env, u.ip[i]));
      f.Set("cfa", Big(env, u.cfa[i]));
      f.Set("regs", RegsOf(env, u.regs, i));
      frames.Set(i, f);
    }
    Napi::Value r = planner.Call({frames, Big(env, reinterpret_cast<uint64_t>(dev)), Big(env, low), Big(env, high)});
    if (!r.IsArray()) return false;
    Napi::Array a = r.As<Napi::Array>();
    for (uint32_t i = 0; i < a.Length(); i++) {
      Napi::Object o = a.Get(i).As<Napi::Object>();
      Napi::Value rf = o.Get("regFrame"), rg = o.Get("reg");
      Step s{o.Get("cfaIndex").As<Napi::Number>().Int32Value(), rf.IsNumber() ? rf.As<Napi::Number>().Int32Value() : -1,
             rg.IsNumber() ? rg.As<Napi::Number>().Int32Value() : -1, I64(o.Get("off")), U64(o.Get("abs")), {},
             o.Get("len").As<Napi::Number>().Uint32Value()};
      Napi::Array d = o.Get("derefs").As<Napi::Array>();
      for (uint32_t k = 0; k < d.Length(); k++) s.derefs.push_back(I64(d.Get(k)));
      steps.push_back(std::move(s));
    }
  } catch (const Napi::Error&) {
    // A failing planner must never unwind through DPDK's C frames: record without gathers.
    steps.clear();
    return false;
  }
  return true;
}

void Gather(Record& r, const std::vector<Step>& steps) {
  uint64_t high = r.stack_low + r.stack.size();
  auto in_stack = [&](uint64_t a, size_t n) { return a >= r.stack_low && a + n <= high; };
  for (const Step& s : steps) {
    if (s.cfa_index >= static_cast<int>(r.cfa.size())) continue;
    uint64_t at = s.cfa_index >= 0 ? r.cfa[s.cfa_index] + s.off : s.abs;
    size_t first = 0;
    if (s.reg_frame >= 0) {
      // The register holds the pointer itself: its value plus the first offset is the address.
      size_t slot = static_cast<size_t>(s.reg_frame) * kNumSaved;
      size_t ri = 0;
      while (ri < kNumSaved && kSavedRegs[ri] != s.reg) ri++;
      if (ri == kNumSaved || slot + ri >= r.regs.size() || s.derefs.empty()) continue;
      at = r.regs[slot + ri] + s.off + s.derefs[0];
      first = 1;
    }
    bool ok = true;
    for (size_t di = first; di < s.derefs.size(); di++) {
      int64_t d = s.derefs[di];
      uint64_t v = 0;
      if (GuardedCopy(&v, at, sizeof v) != sizeof v) { ok = false; break; }
      if (!in_stack(at, sizeof v)) r.chunks.push_back({at, std::vector<uint8_t>(reinterpret_cast<uint8_t*>(&v), reinterpret_cast<uint8_t*>(&v) + sizeof v)});
      at = v + d;
    }
    if (!ok || s.len == 0 || in_stack(at, s.len)) continue;
    std::vector<uint8_t> bytes(s.len);
    size_t got = GuardedCopy(bytes.data(), at, s.len);
    if (got == 0) continue;
    bytes.resize(got);
    r.chunks.push_back({at, std::move(bytes)});
  }
}

Napi::Value SetProbeHook(const Napi::CallbackInfo& info) {
  if (info[0].IsFunction()) {
    planner = Napi::Persistent(info[0].As<Napi::Function>());
    planner_env = info.Env();
    planner_thread = pthread_self();
  } else {
    planner.Reset();
  }
  plans.clear();
  replans.clear();
  return info.Env().Undefined();
}

// dropPlan(ips) -> whether a plan was dropped: printing a record found a read its plan had not
// gathered (a pointer NULL when the plan was made, set now), so the next probe plans again. A
// few times per chain only: a read that fails on live memory too (a garbage pointer in an unset
// local) misses every time and must not make every probe plan.
Napi::Value DropPlan(const Napi::CallbackInfo& info) {
  Napi::Array a = info[0].As<Napi::Array>();
  std::vector<uint64_t> ip(a.Length());
  for (uint32_t i = 0; i < a.Length(); i++) ip[i] = U64(a.Get(i));
  std::string key = Key(ip);
  if (replans[key] >= kMaxReplans) return Napi::Boolean::New(info.Env(), false);
  replans[key]++;
  return Napi::Boolean::New(info.Env(), plans.erase(key) > 0);
}

// chainRecord(seq) -> { ip[], cfa[], dev, probeAddr, stackLow, stack, chunks[{addr, bytes}] } | null
Napi::Value ChainRecord(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  uint32_t seq = info[0].As<Napi::Number>().Uint32Value();
  for (const Record& r : records) {
    if (r.seq != seq) continue;
    Napi::Object o = Napi::Object::New(env);
    Napi::Array ip = Napi::Array::New(env, r.ip.size()), cfa = Napi::Array::New(env, r.cfa.size());
    for (size_t i = 0; i < r.ip.size(); i++) {
      ip.Set(i, Big(env, r.ip[i]));
      cfa.Set(i, Big(env, r.cfa[i]));
    }
    o.Set("ip", ip);
    o.Set("cfa", cfa);
    Napi::Array regs = Napi::Array::New(env, r.ip.size());
    for (size_t i = 0; i < r.ip.size(); i++) regs.Set(i, RegsOf(env, r.regs, i));
    o.Set("regs", regs);
    o.Set("dev", Big(env, r.dev));
    o.Set("probeAddr", Big(env, r.probe_addr));
    o.Set("stackLow", Big(env, r.stack_low));
    o.Set("stack", Napi::Buffer<uint8_t>::Copy(env, r.stack.data(), r.stack.size()));
    Napi::Array chunks = Napi::Array::New(env, r.chunks.size());
    for (size_t i = 0; i < r.chunks.size(); i++) {
      Napi::Object c = Napi::Object::New(env);
      c.Set("addr", Big(env, r.chunks[i].addr));
      c.Set("bytes", Napi::Buffer<uint8_t>::Copy(env, r.chunks[i].bytes.data(), r.chunks[i].bytes.size()));
      chunks.Set(i, c);
    }
    o.Set("chunks", chunks);
    return o;
  }
  return env.Null();
}

}  // namespace

void SetHotplugTop(uintptr_t top) {
  hotplug_top = top;
  last_seq = 0;
}

int LastChainSeq() { return last_seq; }

void RecordProbeEntry(void* dev, void* probe) {
  if (planner.IsEmpty()) return;  // not armed (VDEV_SHELL_TRACE=off): no recording at all
  volatile char here = 0;  // the lowest address of interest: every caller's frame is above it
  uint64_t low = reinterpret_cast<uintptr_t>(&here) & ~uint64_t{15};
  Unwound u;
  _Unwind_Backtrace(Collect, &u);
  if (u.cfa.empty()) return;
  uint64_t high = u.cfa.back();
  if (high <= low || high - low > kMaxStack) high = low + kMaxStack;
  Record r{next_seq++, u.ip, u.cfa, u.regs, reinterpret_cast<uint64_t>(dev), reinterpret_cast<uint64_t>(probe), low, {}, {}};
  r.stack.resize(high - low);
  r.stack.resize(GuardedCopy(r.stack.data(), low, high - low));
  std::string key = Key(u.ip);
  auto it = plans.find(key);
  if (it != plans.end()) {
    Gather(r, it->second);
  } else {
    std::vector<Step> steps;
    if (AskPlanner(u, dev, low, low + r.stack.size(), steps)) Gather(r, plans.emplace(key, std::move(steps)).first->second);
  }
  last_seq = static_cast<int>(r.seq);
  records.push_back(std::move(r));
  if (records.size() > kKeep) records.pop_front();
}

void InitChainRecord(Napi::Env env, Napi::Object exports) {
  exports.Set("setProbeHook", Napi::Function::New(env, SetProbeHook));
  exports.Set("chainRecord", Napi::Function::New(env, ChainRecord));
  exports.Set("dropPlan", Napi::Function::New(env, DropPlan));
}

}  // namespace vdev
