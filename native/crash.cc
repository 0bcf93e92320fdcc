// Fatal-signal reporting. On SIGSEGV/SIGBUS/SIGABRT/SIGFPE/SIGILL the handler writes one line
// "crash <signo> <fault addr> <return addresses...>" in hex to a pipe the shell reads, then
// re-raises with the default action so the shell still sees the real signal. Only
// async-signal-safe calls: backtrace() is warmed up at install time so it never loads libgcc.
#include <execinfo.h>
#include <signal.h>
#include <unistd.h>
#include <cstring>
#include "vdev.h"

namespace vdev {
namespace {
int crash_fd = -1;

size_t Hex(char* out, uint64_t v) {
  char tmp[17];
  size_t n = 0;
  do {
    tmp[n++] = "0123456789abcdef"[v & 15];
    v >>= 4;
  } while (v);
  for (size_t i = 0; i < n; i++) out[i] = tmp[n - 1 - i];
  return n;
}

void OnFatal(int sig, siginfo_t* si, void*) {
  char buf[4096];
  size_t len = 0;
  const char* head = "crash ";
  memcpy(buf, head, 6);
  len = 6;
  len += Hex(buf + len, static_cast<uint64_t>(sig));
  buf[len++] = ' ';
  len += Hex(buf + len, reinterpret_cast<uint64_t>(si ? si->si_addr : nullptr));
  void* frames[64];
  int n = backtrace(frames, 64);
  for (int i = 0; i < n && len < sizeof(buf) - 20; i++) {
    buf[len++] = ' ';
    len += Hex(buf + len, reinterpret_cast<uint64_t>(frames[i]));
  }
  buf[len++] = '\n';
  if (crash_fd >= 0) {
    ssize_t w = write(crash_fd, buf, len);
    (void)w;
  }
  signal(sig, SIG_DFL);
  raise(sig);
}

Napi::Value InstallCrashHandler(const Napi::CallbackInfo& info) {
  crash_fd = info[0].As<Napi::Number>().Int32Value();
  void* warm[2];
  backtrace(warm, 2);
  struct sigaction sa;
  memset(&sa, 0, sizeof(sa));
  sa.sa_sigaction = OnFatal;
  sa.sa_flags = SA_SIGINFO | SA_ONSTACK;
  for (int sig : {SIGSEGV, SIGBUS, SIGABRT, SIGFPE, SIGILL}) sigaction(sig, &sa, nullptr);
  return info.Env().Undefined();
}
}  // namespace

void InitCrash(Napi::Env env, Napi::Object exports) {
  exports.Set("installCrashHandler", Napi::Function::New(env, InstallCrashHandler));
}

}  // namespace vdev
