#include "trial_watchdog.hpp"

#include <algorithm>

namespace hpo {

TrialWatchdog::TrialWatchdog(std::shared_ptr<Study> study, double timeout_seconds)
    : study_(std::move(study)),
      timeout_(std::chrono::duration_cast<SteadyClock::duration>(std::chrono::duration<double>(timeout_seconds))),
      timeout_seconds_(timeout_seconds),
      thread_([this] { watch(); }) {}

TrialWatchdog::~TrialWatchdog() {
    {
        std::lock_guard lock(mutex_);
        closing_ = true;
    }
    wake_.notify_all();
    thread_.join();
}

void TrialWatchdog::started(int64_t number) {
    {
        std::lock_guard lock(mutex_);
        deadlines_[number] = SteadyClock::now() + timeout_;
    }
    wake_.notify_all();
}

void TrialWatchdog::finished(int64_t number) {
    std::lock_guard lock(mutex_);
    deadlines_.erase(number);
}

void TrialWatchdog::watch() {
    char seconds[32];
    std::snprintf(seconds, sizeof seconds, "%g", timeout_seconds_);
    const std::string message = std::string("timed out after ") + seconds + " s (the optimize loop's trial_timeout)";
    std::unique_lock lock(mutex_);
    while (!closing_) {
        if (deadlines_.empty()) {
            wake_.wait(lock);
            continue;
        }
        const auto next = std::min_element(deadlines_.begin(), deadlines_.end(),
                                           [](const auto &a, const auto &b) { return a.second < b.second; });
        // A copy: the entry may be erased while this waits without the lock.
        const SteadyClock::time_point deadline = next->second;
        if (SteadyClock::now() < deadline) {
            wake_.wait_until(lock, deadline);
            continue;
        }
        const int64_t number = next->first;
        deadlines_.erase(next);
        lock.unlock();
        try {
            study_->stop_trial(number, message);  // takes the study's lock: not while holding ours
        } catch (const std::exception &) {
            // The record could not be written: the trial's own end will meet the same fault.
        }
        lock.lock();
    }
}

}  // namespace hpo
