// A thread that calls `beat` every interval until it is destroyed: the pulse behind a study's
// heartbeats on a shared storage, which tells other workers its trials are still alive.
#pragma once

#include <chrono>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <thread>

namespace hpo {

class Heartbeat {
public:
    Heartbeat(std::chrono::duration<double> interval, std::function<void()> beat);
    // Stops the thread: a beat under way finishes first.
    ~Heartbeat();
    Heartbeat(const Heartbeat &) = delete;
    Heartbeat &operator=(const Heartbeat &) = delete;

private:
    std::mutex mutex_;
    std::condition_variable wake_;
    bool closing_ = false;
    std::thread thread_;
};

}  // namespace hpo
