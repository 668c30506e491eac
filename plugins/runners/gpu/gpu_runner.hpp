// The `gpu` runner: places trials on GPU slots. Each trial gets gpus_per_trial devices, each
// device runs trials_per_gpu trials at once, and n_jobs follows from these. A trial asks for
// its devices before it starts and gives them back the moment it ends (pruned, failed or
// complete), so a device never idles while a trial waits. In-process objectives read them
// through the trial API (trial.devices); the command objective hands them to its program as
// CUDA_VISIBLE_DEVICES. With isolate "process" each trial runs in a worker process of its
// own as the process runner runs it (worker_runs.hpp), CUDA_VISIBLE_DEVICES set to its
// devices; a crash or a timeout fails that trial alone and its devices return. Devices come
// from NVML or the CUDA driver (gpu_devices.hpp), or are fake (HPO_FAKE_GPUS=4, or the
// option) for tests. Thread-safe.
#pragma once

#include "gpu_devices.hpp"

#include <worker_runs.hpp>

#include <hpo_kit/plugin_library.hpp>

#include <hpo/plugin.h>

#include <cstdint>
#include <optional>
#include <vector>

namespace hpo::gpu {

class GpuRunner {
public:
    static constexpr plugin_kit::About about{
        "gpu", "Runs trials on GPU slots: gpus_per_trial devices each, trials_per_gpu trials per device",
        R"json({
  "devices": {"type": "array", "description": "device ordinals to use (default: every device found)"},
  "gpus_per_trial": {"type": "integer", "default": 1, "minimum": 1, "maximum": 1024, "description": "devices each trial gets"},
  "trials_per_gpu": {"type": "integer", "default": 1, "minimum": 1, "maximum": 1024, "description": "trials a device runs at once"},
  "min_free_memory": {"type": "integer", "minimum": 0, "description": "MiB a device must have free when the run starts, or it is skipped (busy with another user's work)"},
  "fake_devices": {"type": "integer", "minimum": 1, "maximum": 1024, "description": "use this many fake devices instead of the machine's (tests; HPO_FAKE_GPUS does the same)"},
  "n_jobs": {"type": "integer", "description": "ignored: the slots decide how many trials run at once"},
  "isolate": {"type": "string", "default": "thread", "enum": ["thread", "process"], "description": "where a trial runs: a thread of this process, or a worker process of its own (as the process runner runs it, with CUDA_VISIBLE_DEVICES its devices; the worker options apply)"},)json"
        HPO_WORKER_OPTIONS_SCHEMA "}",
        HPO_PLUGIN_THREAD_SAFE};

    // InvalidOption for a bad device list.
    GpuRunner(const plugin_kit::Options &options, const plugin_kit::Host &host);

    // std::runtime_error when no GPU is found or none is usable; StatusError with the first
    // error of a runner host call, or HPO_ENOTSUP for isolate "process" with an objective
    // that is a function of this process.
    void run(const hpo_runner_host &host) const;

    // The devices this run would use, after the devices and min_free_memory options.
    [[nodiscard]] std::vector<Device> usable_devices() const;

private:
    std::optional<std::vector<int32_t>> devices_;
    int32_t gpus_per_trial_;
    int32_t trials_per_gpu_;
    std::optional<uint64_t> min_free_memory_;  // bytes
    std::optional<int32_t> fake_devices_;
    std::optional<runners::WorkerSettings> workers_;  // isolate "process"
    plugin_kit::Host host_;
};

}  // namespace hpo::gpu
