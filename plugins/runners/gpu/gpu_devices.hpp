// The GPUs of this machine, found at run time: NVML (libnvidia-ml.so.1) for names, memory
// and utilization, else the CUDA driver (libcuda.so.1) for names and memory. Both are opened
// by their versioned names, never the unversioned libcuda.so, which can be a link-time stub.
// Fake devices stand in for tests and machines without a GPU.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace hpo::gpu {

struct Device {
    int32_t ordinal = 0;
    std::string name;
    uint64_t memory_total = 0;            // bytes
    std::optional<uint64_t> memory_used;  // bytes; unknown through the CUDA driver
    std::optional<uint32_t> utilization;  // percent, from NVML
};

// `count` fake devices of 16 GiB, idle.
std::vector<Device> fake_devices(int32_t count);

// The machine's devices. std::runtime_error saying that no GPU was found, and why, when
// neither library loads or reports a device.
std::vector<Device> discover_devices();

}  // namespace hpo::gpu
