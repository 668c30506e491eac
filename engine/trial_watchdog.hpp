// Ends trials that run past the optimize loop's per-trial timeout. A thread cannot be
// stopped from outside, so the watchdog ends the trial's record (FAIL, "timed out after N s"):
// from then on the trial's reports answer "prune", its suggestions fail and whatever its
// objective returns is dropped, and the worker moves on once the objective returns.
#pragma once

#include "study.hpp"

#include <chrono>
#include <condition_variable>
#include <map>
#include <mutex>
#include <thread>

namespace hpo {

class TrialWatchdog {
public:
    TrialWatchdog(std::shared_ptr<Study> study, double timeout_seconds);
    ~TrialWatchdog();
    TrialWatchdog(const TrialWatchdog &) = delete;
    TrialWatchdog &operator=(const TrialWatchdog &) = delete;

    void started(int64_t number);
    void finished(int64_t number);

private:
    using SteadyClock = std::chrono::steady_clock;
    void watch();

    std::shared_ptr<Study> study_;
    SteadyClock::duration timeout_;
    double timeout_seconds_;
    std::mutex mutex_;
    std::condition_variable wake_;
    std::map<int64_t, SteadyClock::time_point> deadlines_;  // by trial number
    bool closing_ = false;
    std::thread thread_;
};

}  // namespace hpo
