// The first error any slot of a runner met; once one is recorded, every slot stops after its
// current trial and the run reports that error.
#pragma once

#include <hpo/plugin.h>

#include <atomic>
#include <cstdint>
#include <mutex>
#include <string>

namespace hpo::runners {

class FirstError {
public:
    void record(int32_t slot, const std::string &operation, int32_t status, const std::string &detail = "") {
        const std::lock_guard lock(mutex_);
        stop_ = true;
        if (status_ != HPO_OK) return;
        status_ = status;
        message_ = "slot " + std::to_string(slot) + ": " + operation + " failed with status " +
                   std::to_string(status) + (detail.empty() ? std::string() : ": " + detail);
    }
    bool stopped() const { return stop_; }
    int32_t status() const { return status_; }
    const std::string &message() const { return message_; }

private:
    std::mutex mutex_;
    std::atomic<bool> stop_{false};
    int32_t status_ = HPO_OK;
    std::string message_;
};

}  // namespace hpo::runners
