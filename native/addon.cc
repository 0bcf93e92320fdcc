// Entry point: registers each area's functions on the module object.
#include "vdev.h"

static Napi::Object Init(Napi::Env env, Napi::Object exports) {
  vdev::InitEal(env, exports);
  vdev::InitPorts(env, exports);
  vdev::InitSymbols(env, exports);
  vdev::InitCrash(env, exports);
  vdev::InitPackets(env, exports);
  vdev::InitDwarf(env, exports);
  vdev::InitChannel(env, exports);
  vdev::InitChainRecord(env, exports);
  return exports;
}

NODE_API_MODULE(vdev, Init)
