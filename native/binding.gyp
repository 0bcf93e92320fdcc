{
  "targets": [{
    "target_name": "vdev",
    "sources": ["addon.cc", "eal.cc", "ports.cc", "log_capture.cc", "symbols.cc", "crash.cc", "packets.cc", "dwarf.cc", "chain_record.cc", "channel.cc"],
    "include_dirs": ["<!(node -p \"require('node-addon-api').include_dir\")"],
    "defines": ["NAPI_VERSION=8", "NAPI_CPP_EXCEPTIONS", "ALLOW_INTERNAL_API", "ALLOW_EXPERIMENTAL_API"],
    "cflags!": ["-fno-exceptions"],
    "cflags_cc!": ["-fno-exceptions", "-fno-rtti"],
    "cflags_cc": ["<!@(bash ../scripts/dpdk-flags.sh cflags)", "<!@(bash ../scripts/dpdk-flags.sh features)", "-g", "-O2", "-fexceptions", "-std=c++17"],
    "libraries": ["<!@(bash ../scripts/dpdk-flags.sh libs)", "-ldw", "-lelf"],
    "ldflags": ["-Wl,-Bsymbolic"]
  }, {
    "target_name": "channel",
    "sources": ["channel.cc", "channel_module.cc", "telemetry.cc"],
    "include_dirs": ["<!(node -p \"require('node-addon-api').include_dir\")"],
    "defines": ["NAPI_VERSION=8", "NAPI_CPP_EXCEPTIONS"],
    "cflags!": ["-fno-exceptions"],
    "cflags_cc!": ["-fno-exceptions", "-fno-rtti"],
    "cflags_cc": ["-O2", "-fexceptions", "-std=c++17"]
  }]
}
