// DPDK log capture: rte_openlog_stream() gets an unbuffered fopencookie stream whose write
// callback keeps each line and the backtrace of the code that wrote it (rte_vlog writes a line
// in one call, so the frames below rte_log are the emitter). Lines are drained per command.
#include <execinfo.h>
#include <cstdio>
#include <mutex>
#include <rte_log.h>
#include "vdev.h"

namespace vdev {
namespace {
std::mutex mu;
std::vector<LogLine> pending;
std::string partial;
std::vector<uintptr_t> partial_frames;
constexpr int kMaxFrames = 48;
constexpr size_t kMaxPending = 20000;  // a runaway logger must not eat the heap

ssize_t on_write(void*, const char* buf, size_t size) {
  std::lock_guard<std::mutex> lock(mu);
  if (partial.empty()) {
    void* raw[kMaxFrames];
    int n = backtrace(raw, kMaxFrames);
    partial_frames.assign(reinterpret_cast<uintptr_t*>(raw), reinterpret_cast<uintptr_t*>(raw) + n);
  }
  partial.append(buf, size);
  size_t nl;
  while ((nl = partial.find('\n')) != std::string::npos) {
    if (pending.size() < kMaxPending) pending.push_back({partial.substr(0, nl), partial_frames});
    partial.erase(0, nl + 1);
  }
  return static_cast<ssize_t>(size);
}
}  // namespace

void LogCaptureInstall() {
  cookie_io_functions_t io = {nullptr, on_write, nullptr, nullptr};
  FILE* f = fopencookie(nullptr, "w", io);
  setvbuf(f, nullptr, _IONBF, 0);
  rte_openlog_stream(f);
}

std::vector<LogLine> LogDrain() {
  std::lock_guard<std::mutex> lock(mu);
  std::vector<LogLine> out;
  out.swap(pending);
  if (!partial.empty()) {  // a line without newline still counts
    out.push_back({partial, partial_frames});
    partial.clear();
  }
  return out;
}

Napi::Array FramesToJs(Napi::Env env, const std::vector<uintptr_t>& frames) {
  Napi::Array arr = Napi::Array::New(env, frames.size());
  for (size_t i = 0; i < frames.size(); i++)
    arr.Set(i, Napi::BigInt::New(env, static_cast<uint64_t>(frames[i])));
  return arr;
}

Napi::Array LogToJs(Napi::Env env, const std::vector<LogLine>& lines) {
  Napi::Array arr = Napi::Array::New(env, lines.size());
  for (size_t i = 0; i < lines.size(); i++) {
    Napi::Object o = Napi::Object::New(env);
    o.Set("text", lines[i].text);
    o.Set("frames", FramesToJs(env, lines[i].frames));
    arr.Set(i, o);
  }
  return arr;
}

}  // namespace vdev
