#include "heartbeat.hpp"

namespace hpo {

Heartbeat::Heartbeat(std::chrono::duration<double> interval, std::function<void()> beat) {
    thread_ = std::thread([this, interval, beat = std::move(beat)] {
        std::unique_lock lock(mutex_);
        while (!wake_.wait_for(lock, interval, [this] { return closing_; })) {
            lock.unlock();
            beat();
            lock.lock();
        }
    });
}

Heartbeat::~Heartbeat() {
    {
        std::lock_guard lock(mutex_);
        closing_ = true;
    }
    wake_.notify_all();
    thread_.join();
}

}  // namespace hpo
