// A client of DPDK's telemetry socket (dpdk_telemetry.v2: AF_UNIX, SOCK_SEQPACKET, one JSON
// message per request), for the shell process: Node's net module has no SOCK_SEQPACKET. It
// only moves bytes; the JSON is read in TypeScript (src/target/telemetry.ts).
#include <sys/socket.h>
#include <sys/un.h>
#include <sys/time.h>
#include <unistd.h>
#include <cerrno>
#include <cstring>
#include "vdev.h"

namespace vdev {
namespace {

// telemetryQuery(path, commands[], timeoutMs) -> { hello, replies[] } or { error, errno }
// hello is the message the socket sends on connect (version, pid, max_output_len).
Napi::Value TelemetryQuery(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  std::string path = info[0].As<Napi::String>();
  Napi::Array cmds = info[1].As<Napi::Array>();
  int ms = info.Length() > 2 ? info[2].As<Napi::Number>().Int32Value() : 1000;
  Napi::Object out = Napi::Object::New(env);
  auto fail = [&](const char* what) {
    out.Set("error", std::string(what) + ": " + strerror(errno));
    out.Set("errno", errno);
    return out;
  };
  struct sockaddr_un sun;
  memset(&sun, 0, sizeof(sun));
  sun.sun_family = AF_UNIX;
  if (path.size() >= sizeof(sun.sun_path)) {
    errno = ENAMETOOLONG;
    return fail("socket path");
  }
  memcpy(sun.sun_path, path.c_str(), path.size());
  int fd = socket(AF_UNIX, SOCK_SEQPACKET, 0);
  if (fd < 0) return fail("socket");
  struct timeval tv = {ms / 1000, (ms % 1000) * 1000};
  setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv));
  setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof(tv));
  if (connect(fd, reinterpret_cast<struct sockaddr*>(&sun), sizeof(sun)) < 0) {
    Napi::Object o = fail("connect");
    close(fd);
    return o;
  }
  std::vector<char> buf(1 << 20);  // telemetry answers up to max_output_len (16 KiB in 22.11)
  auto recv_one = [&](std::string* s) {
    ssize_t n = recv(fd, buf.data(), buf.size(), 0);
    if (n < 0) return false;
    s->assign(buf.data(), static_cast<size_t>(n));
    return true;
  };
  std::string hello;
  if (!recv_one(&hello)) {
    Napi::Object o = fail("recv");
    close(fd);
    return o;
  }
  out.Set("hello", hello);
  Napi::Array replies = Napi::Array::New(env, cmds.Length());
  for (uint32_t i = 0; i < cmds.Length(); i++) {
    std::string c = cmds.Get(i).As<Napi::String>();
    std::string r;
    if (send(fd, c.data(), c.size(), 0) < 0 || !recv_one(&r)) {
      Napi::Object o = fail("request");
      close(fd);
      return o;
    }
    replies.Set(i, r);
  }
  close(fd);
  out.Set("replies", replies);
  return out;
}

}  // namespace

void InitTelemetry(Napi::Env env, Napi::Object exports) {
  exports.Set("telemetryQuery", Napi::Function::New(env, TelemetryQuery));
}

}  // namespace vdev
