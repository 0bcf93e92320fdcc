// Fatal-signal reporting. On SIGSEGV/SIGBUS/SIGABRT/SIGFPE/SIGILL the handler writes to a pipe
// the shell reads (fd 3), then re-raises with the default action so the shell still sees the
// real signal:
//   crash <signo> <fault addr> <return addresses...>      (hex; written first, always)
//   map <start> <end> <file offset> <path>                 (executable mappings, to translate
//                                                           addresses into another process)
//   log <text>                                             (DPDK lines not yet drained)
// The crash line and the maps use only async-signal-safe calls (open/read/write; backtrace() is
// warmed up at install time). Draining the DPDK log takes a lock and allocates, so it runs last
// under an alarm: if it deadlocks, SIGALRM ends the process and the crash line is already out.
// rte_exit() ends in exit(): an atexit hook writes "exit" and the undrained DPDK lines too.
#include <dlfcn.h>
#include <execinfo.h>
#include <pthread.h>
#include <setjmp.h>
#include <sys/uio.h>
#include <fcntl.h>
#include <signal.h>
#include <stdlib.h>
#include <unistd.h>
#include <algorithm>
#include <cstring>
#include "vdev.h"

namespace vdev {
namespace {
int crash_fd = -1;
bool handler_installed = false;
// Set while GuardedCopy copies: a fault there is a bad address to report, not a crash. Plain
// globals with the copying thread, not thread_local: the handler must not touch a dlopen'd
// module's dynamic TLS (its first use in a thread may allocate, in a crash of the allocator).
sigjmp_buf* volatile copy_jmp = nullptr;
pthread_t copy_thread;
char maps_buf[1 << 18];  // static: no allocation in the handler

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

void WriteAll(const char* p, size_t n) {
  while (n > 0) {
    ssize_t w = write(crash_fd, p, n);
    if (w <= 0) return;
    p += w;
    n -= static_cast<size_t>(w);
  }
}

// "start-end perms offset dev inode path": keep executable, file-backed lines as "map s e off path".
void WriteMaps() {
  int fd = open("/proc/self/maps", O_RDONLY);
  if (fd < 0) return;
  size_t len = 0;
  ssize_t r;
  while (len < sizeof(maps_buf) - 1 && (r = read(fd, maps_buf + len, sizeof(maps_buf) - 1 - len)) > 0) len += r;
  close(fd);
  size_t i = 0;
  while (i < len) {
    size_t e = i;
    while (e < len && maps_buf[e] != '\n') e++;
    // fields: range, perms, offset, dev, inode, path
    const char* f[6] = {nullptr};
    size_t fl[6] = {0};
    size_t k = i;
    for (int n = 0; n < 6 && k < e; n++) {
      while (k < e && maps_buf[k] == ' ') k++;
      f[n] = maps_buf + k;
      size_t s = k;
      if (n == 5) k = e; else while (k < e && maps_buf[k] != ' ') k++;
      fl[n] = k - s;
    }
    if (f[5] && fl[1] == 4 && f[1][2] == 'x' && f[5][0] == '/') {
      const char* dash = static_cast<const char*>(memchr(f[0], '-', fl[0]));
      if (dash) {
        WriteAll("map ", 4);
        WriteAll(f[0], dash - f[0]);
        WriteAll(" ", 1);
        WriteAll(dash + 1, f[0] + fl[0] - dash - 1);
        WriteAll(" ", 1);
        WriteAll(f[2], fl[2]);
        WriteAll(" ", 1);
        WriteAll(f[5], fl[5]);
        WriteAll("\n", 1);
      }
    }
    i = e + 1;
  }
}

void WritePendingLog() {
  for (const LogLine& l : LogDrain()) {
    WriteAll("log ", 4);
    for (char c : l.text) { if (c == '\n') c = ' '; WriteAll(&c, 1); }
    WriteAll("\n", 1);
  }
}

void OnFatal(int sig, siginfo_t* si, void*) {
  if ((sig == SIGSEGV || sig == SIGBUS) && copy_jmp != nullptr && pthread_equal(copy_thread, pthread_self())) siglongjmp(*copy_jmp, 1);
  char buf[4096];
  size_t len = 0;
  memcpy(buf, "crash ", 6);
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
    WriteAll(buf, len);
    WriteMaps();
    alarm(2);
    WritePendingLog();
    WriteAll("end\n", 4);
  }
  signal(sig, SIG_DFL);
  raise(sig);
}

void OnExit() {
  if (crash_fd < 0) return;
  WriteAll("exit\n", 5);
  WritePendingLog();
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
  handler_installed = true;
  atexit(OnExit);
  return info.Env().Undefined();
}

// Where this addon is loaded (dladdr's dli_fbase): crash addresses of a dead inferior are
// translated through it into another inferior of the same binary for symbolizing.
Napi::Value LoadBase(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  Dl_info dl;
  if (!dladdr(reinterpret_cast<void*>(&LoadBase), &dl)) return env.Null();
  Napi::Object o = Napi::Object::New(env);
  o.Set("base", Napi::BigInt::New(env, static_cast<uint64_t>(reinterpret_cast<uintptr_t>(dl.dli_fbase))));
  o.Set("path", dl.dli_fname ? dl.dli_fname : "");
  return o;
}
}  // namespace

// Copies n bytes of this process's memory at src, page by page, stopping at the first page that
// faults; returns the bytes copied (process_vm_readv's contract). A probe capture reads a few
// dozen values: a plain memcpy guarded by the fatal-signal handler costs nanoseconds where
// process_vm_readv costs microseconds per call (it pins the pages). Without the handler
// installed (the addon loaded outside an inferior) it falls back to process_vm_readv.
size_t GuardedCopy(void* dst, uintptr_t src, size_t n) {
  // One copier at a time (the inferior's JS thread): another thread falls back to the system call.
  if (!handler_installed || (copy_jmp != nullptr && !pthread_equal(copy_thread, pthread_self()))) {
    struct iovec local = {dst, n}, remote = {reinterpret_cast<void*>(src), n};
    ssize_t got = process_vm_readv(getpid(), &local, 1, &remote, 1, 0);
    return got < 0 ? 0 : static_cast<size_t>(got);
  }
  const uintptr_t page = 4096;
  volatile size_t done = 0;
  sigjmp_buf jb;
  if (sigsetjmp(jb, 0) != 0) {
    // Back from the handler: the faulting signal is still blocked (no mask was saved, which
    // keeps the common path free of system calls); unblock it for the next fault.
    copy_jmp = nullptr;
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, SIGSEGV);
    sigaddset(&set, SIGBUS);
    pthread_sigmask(SIG_UNBLOCK, &set, nullptr);
    return done;
  }
  copy_thread = pthread_self();
  copy_jmp = &jb;
  while (done < n) {
    uintptr_t at = src + done;
    size_t chunk = std::min<size_t>(n - done, page - (at % page));
    memcpy(static_cast<char*>(dst) + done, reinterpret_cast<const void*>(at), chunk);
    done = done + chunk;
  }
  copy_jmp = nullptr;
  return done;
}

void InitCrash(Napi::Env env, Napi::Object exports) {
  exports.Set("installCrashHandler", Napi::Function::New(env, InstallCrashHandler));
  exports.Set("loadBase", Napi::Function::New(env, LoadBase));
}

}  // namespace vdev
