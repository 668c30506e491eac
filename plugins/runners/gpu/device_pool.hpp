// GPU slots: each device takes trials_per_gpu trials at once, a trial takes gpus_per_trial
// distinct devices. acquire waits until a trial's devices are free and takes them all at
// once (never some now and the rest later, which could deadlock two waiting trials);
// release hands them back and wakes the next waiter at once. Thread-safe.
#pragma once

#include <condition_variable>
#include <cstdint>
#include <map>
#include <mutex>
#include <vector>

namespace hpo::gpu {

class DevicePool {
public:
    // std::invalid_argument when the devices cannot hold one trial (fewer than
    // gpus_per_trial), or a count is below 1.
    DevicePool(std::vector<int32_t> devices, int32_t trials_per_gpu, int32_t gpus_per_trial);

    // Trials the devices run at once: every slot used when trials fill them evenly.
    [[nodiscard]] int32_t capacity() const;

    // gpus_per_trial device ordinals, in increasing order, the least loaded first chosen.
    std::vector<int32_t> acquire();
    void release(const std::vector<int32_t> &devices);

private:
    std::mutex mutex_;
    std::condition_variable freed_;
    std::map<int32_t, int32_t> free_slots_;  // ordinal -> trials it may still take
    int32_t trials_per_gpu_;
    int32_t gpus_per_trial_;
};

}  // namespace hpo::gpu
