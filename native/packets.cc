// Packet paths (port start/stop, tx, rx, forward, capture). Loops run here, never per packet in JS.
#include "vdev.h"

namespace vdev {

void InitPackets(Napi::Env env, Napi::Object exports) {
  (void)env;
  (void)exports;
}

}  // namespace vdev
