// Shared declarations of the addon. The addon only exposes facts (return codes, rte_errno,
// log lines, raw addresses, struct contents); every interpretation lives in TypeScript.
#pragma once
#include <napi.h>
#include <cstdint>
#include <string>
#include <vector>

typedef struct Dwfl Dwfl;  // libdwfl's session type
typedef struct Dwfl_Module Dwfl_Module;

namespace vdev {

// BigInt <-> 64-bit values across the boundary (addresses, offsets).
inline uint64_t U64(Napi::Value v) {
  bool lossless;
  return v.As<Napi::BigInt>().Uint64Value(&lossless);
}
inline int64_t I64(Napi::Value v) {
  bool lossless;
  return v.As<Napi::BigInt>().Int64Value(&lossless);
}
inline Napi::Value Big(Napi::Env env, uint64_t v) { return Napi::BigInt::New(env, v); }

// One DPDK log line with the raw return addresses of the stack that wrote it.
struct LogLine {
  std::string text;
  std::vector<uintptr_t> frames;
};

// log_capture.cc
void LogCaptureInstall();
std::vector<LogLine> LogDrain();
Napi::Array LogToJs(Napi::Env env, const std::vector<LogLine>& lines);
Napi::Array FramesToJs(Napi::Env env, const std::vector<uintptr_t>& frames);

// crash.cc: reads memory of this process that may not be mapped (bytes copied; 0 = none)
size_t GuardedCopy(void* dst, uintptr_t src, size_t n);

// module registration per area
void InitEal(Napi::Env env, Napi::Object exports);
void InitPorts(Napi::Env env, Napi::Object exports);
void InitSymbols(Napi::Env env, Napi::Object exports);
void InitCrash(Napi::Env env, Napi::Object exports);
void InitPackets(Napi::Env env, Napi::Object exports);
void InitDwarf(Napi::Env env, Napi::Object exports);
void InitChannel(Napi::Env env, Napi::Object exports);
void InitChainRecord(Napi::Env env, Napi::Object exports);
void InitTelemetry(Napi::Env env, Napi::Object exports);  // channel.node only

// symbols.cc: the one libdwfl session of the process.
Dwfl* SharedDwfl();
// Loads the debug info around these addresses in a background thread (their CUs, line tables,
// the symbol table); the first SharedDwfl() waits for it.
void WarmDebugInfo(std::vector<uintptr_t> pcs);
void WarmAfterInit();  // rte_eal_init returned: the warm-up reports the modules it mapped
// The FUNC/OBJECT symbols called NAME in module m (the addon), in symbol-table order, from the
// warm-up's index (made on first use when the warm-up did not make it for m).
struct NamedSymbol { uint64_t addr, size; bool func; };
const std::vector<NamedSymbol>* IndexedSymbols(Dwfl_Module* m, const std::string& name);

// chain_record.cc: the probe-chain recorder the trampoline (eal.cc) calls.
void SetHotplugTop(uintptr_t frame);  // HotplugAdd's frame: where the recorded chain ends
void RecordProbeEntry(void* dev, void* pmd_probe);
int LastChainSeq();  // the record of the last hotplug, 0 when none was made

}  // namespace vdev
