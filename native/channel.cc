// Both ends of the request channel: two pipes the inferior makes and the shell opens through
// /proc/PID/fd (src/session/channel.ts says why). Each side waits for the other by polling its
// pipe for a short while before it sleeps, so a script's next command (arriving tens of
// microseconds later) costs no wake-up. Framing and meaning are in TypeScript; this file only
// moves bytes. Built into vdev.node (the inferior) and alone into channel.node (the shell, which
// must not load DPDK).
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <sched.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include "vdev.h"

namespace vdev {
namespace {

uint64_t NowNs() {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return static_cast<uint64_t>(ts.tv_sec) * 1000000000ull + ts.tv_nsec;
}

// channelPipes() -> { requestRead, requestWrite, replyRead, replyWrite } (close-on-exec; the
// request read end is non-blocking: channelRead waits with poll).
Napi::Value ChannelPipes(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  int req[2], rep[2];
  if (pipe2(req, O_CLOEXEC) != 0) return env.Null();
  if (pipe2(rep, O_CLOEXEC) != 0) {
    close(req[0]);
    close(req[1]);
    return env.Null();
  }
  fcntl(req[0], F_SETFL, fcntl(req[0], F_GETFL) | O_NONBLOCK);
  Napi::Object o = Napi::Object::New(env);
  o.Set("requestRead", req[0]);
  o.Set("requestWrite", req[1]);
  o.Set("replyRead", rep[0]);
  o.Set("replyWrite", rep[1]);
  return o;
}

// channelRead(fd, buf, offset, spinUs, waitMs) -> bytes read, 0 at end of file, -errno on error
// (-EAGAIN: nothing within the time). Polls the non-blocking fd for spinUs, then sleeps in poll()
// for waitMs (-1: until bytes or end of file arrive).
Napi::Value ChannelRead(const Napi::CallbackInfo& info) {
  int fd = info[0].As<Napi::Number>().Int32Value();
  auto buf = info[1].As<Napi::Buffer<uint8_t>>();
  size_t off = info[2].As<Napi::Number>().Uint32Value();
  uint64_t spin_ns = static_cast<uint64_t>(info[3].As<Napi::Number>().DoubleValue() * 1000);
  int wait_ms = info.Length() > 4 ? info[4].As<Napi::Number>().Int32Value() : -1;
  if (off >= buf.Length()) return Napi::Number::New(info.Env(), -ENOBUFS);
  uint64_t deadline = NowNs() + spin_ns;
  bool slept = false;
  for (;;) {
    ssize_t n = read(fd, buf.Data() + off, buf.Length() - off);
    if (n >= 0) return Napi::Number::New(info.Env(), static_cast<double>(n));
    if (errno == EINTR) continue;
    if (errno != EAGAIN) return Napi::Number::New(info.Env(), -errno);
    if (NowNs() < deadline) {
      // Polling, but never at the expense of another thread that wants this CPU (a V8 helper,
      // the other side of the channel on a small machine): those would otherwise wait for a
      // whole time slice (~3 ms here) while we spin.
      sched_yield();
      continue;
    }
    if (slept && wait_ms >= 0) return Napi::Number::New(info.Env(), -EAGAIN);
    struct pollfd p = {fd, POLLIN, 0};
    while (poll(&p, 1, wait_ms) < 0 && errno == EINTR) {
    }
    slept = true;
  }
}

// reapChild(pid) -> null while it runs, else { code, signal } (signal: the number, 0 when it
// exited). For the inferior bin/vdev-shell started beside the shell (src/session/early.ts): it
// is this process's child, but Node did not spawn it, so Node will not wait for it.
Napi::Value ReapChild(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  int status = 0;
  pid_t r = waitpid(info[0].As<Napi::Number>().Int32Value(), &status, WNOHANG);
  if (r == 0) return env.Null();
  Napi::Object o = Napi::Object::New(env);
  if (r < 0) {  // not ours, or reaped already: nothing more to learn
    o.Set("code", env.Null());
    o.Set("signal", 0);
    return o;
  }
  o.Set("code", WIFEXITED(status) ? Napi::Value(Napi::Number::New(env, WEXITSTATUS(status))) : env.Null());
  o.Set("signal", WIFSIGNALED(status) ? WTERMSIG(status) : 0);
  return o;
}

}  // namespace

void InitChannel(Napi::Env env, Napi::Object exports) {
  exports.Set("channelPipes", Napi::Function::New(env, ChannelPipes));
  exports.Set("channelRead", Napi::Function::New(env, ChannelRead));
  exports.Set("reapChild", Napi::Function::New(env, ReapChild));
}

}  // namespace vdev
