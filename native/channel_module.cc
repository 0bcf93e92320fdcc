// channel.node: the request channel's byte mover and the telemetry client, for the shell process
// (no DPDK in it).
#include "vdev.h"

static Napi::Object Init(Napi::Env env, Napi::Object exports) {
  vdev::InitChannel(env, exports);
  vdev::InitTelemetry(env, exports);
  return exports;
}

NODE_API_MODULE(channel, Init)
