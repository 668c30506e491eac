#include "device_pool.hpp"

#include <algorithm>
#include <stdexcept>
#include <string>

namespace hpo::gpu {

DevicePool::DevicePool(std::vector<int32_t> devices, int32_t trials_per_gpu, int32_t gpus_per_trial)
    : trials_per_gpu_(trials_per_gpu), gpus_per_trial_(gpus_per_trial) {
    if (trials_per_gpu < 1 || gpus_per_trial < 1) {
        throw std::invalid_argument("\"trials_per_gpu\" and \"gpus_per_trial\" must be at least 1");
    }
    for (const int32_t device : devices) free_slots_[device] = trials_per_gpu;
    if (static_cast<int32_t>(free_slots_.size()) < gpus_per_trial) {
        throw std::invalid_argument("a trial takes " + std::to_string(gpus_per_trial) + " GPUs (\"gpus_per_trial\") but " +
                                    std::to_string(free_slots_.size()) + " are usable");
    }
}

int32_t DevicePool::capacity() const {
    return static_cast<int32_t>(free_slots_.size()) * trials_per_gpu_ / gpus_per_trial_;
}

std::vector<int32_t> DevicePool::acquire() {
    std::unique_lock lock(mutex_);
    std::vector<std::pair<int32_t, int32_t>> candidates;  // (-free slots, ordinal): least loaded first
    freed_.wait(lock, [&] {
        candidates.clear();
        for (const auto &[device, free] : free_slots_) {
            if (free > 0) candidates.emplace_back(-free, device);
        }
        return static_cast<int32_t>(candidates.size()) >= gpus_per_trial_;
    });
    std::sort(candidates.begin(), candidates.end());
    std::vector<int32_t> chosen;
    for (int32_t i = 0; i < gpus_per_trial_; ++i) chosen.push_back(candidates[static_cast<std::size_t>(i)].second);
    std::sort(chosen.begin(), chosen.end());
    for (const int32_t device : chosen) --free_slots_[device];
    return chosen;
}

void DevicePool::release(const std::vector<int32_t> &devices) {
    {
        const std::lock_guard lock(mutex_);
        for (const int32_t device : devices) ++free_slots_.at(device);
    }
    freed_.notify_all();
}

}  // namespace hpo::gpu
