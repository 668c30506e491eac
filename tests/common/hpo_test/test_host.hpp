// The engine's services (hpo_host) as a test hands them to a plugin without the engine: memory
// from malloc, a fixed seed, the last error and the warnings kept for the test to read. Safe
// from many threads: an error a plugin reports on a worker thread is read on the test's.
#pragma once

#include <hpo/plugin.h>

#include <cstdint>
#include <cstdlib>
#include <mutex>
#include <string>
#include <vector>

namespace hpo::test {

class TestHost {
public:
    explicit TestHost(uint64_t seed = 42) {
        host_.struct_size = sizeof(hpo_host);
        host_.abi_version = HPO_ABI_VERSION;
        host_.engine = this;
        host_.alloc = [](void *, size_t size) { return std::malloc(size); };
        host_.free = [](void *, void *ptr) { std::free(ptr); };
        host_.set_error = [](void *self, const char *message) {
            auto &host = *static_cast<TestHost *>(self);
            const std::lock_guard lock(host.mutex_);
            host.error_ = message;
        };
        host_.log = [](void *self, int32_t level, const char *message) {
            auto &host = *static_cast<TestHost *>(self);
            const std::lock_guard lock(host.mutex_);
            if (level >= HPO_LOG_WARNING) host.warnings_.emplace_back(message);
        };
        host_.seed = seed;
    }
    TestHost(const TestHost &) = delete; // host_.engine points at this object
    TestHost &operator=(const TestHost &) = delete;

    const hpo_host *get() const { return &host_; }
    std::string last_error() const {
        const std::lock_guard lock(mutex_);
        return error_;
    }
    std::vector<std::string> warnings() const {
        const std::lock_guard lock(mutex_);
        return warnings_;
    }

private:
    hpo_host host_{};
    mutable std::mutex mutex_;
    std::string error_;
    std::vector<std::string> warnings_;
};

} // namespace hpo::test
