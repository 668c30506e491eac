// The gpu runner against a fake engine on fake devices: every trial runs once with its
// devices set, devices never overlap past their slots, a trial that ends early (pruned)
// gives its device to the next at once, and a machine without a GPU is told clearly.
#include "gpu_runner.hpp"

#include <hpo_test/make_plugin.hpp>

#include <doctest/doctest.h>

#include <atomic>
#include <chrono>
#include <cstdlib>
#include <map>
#include <mutex>
#include <thread>
#include <vector>

using hpo::gpu::GpuRunner;
using hpo::test::make_plugin;

namespace {

// The engine's side: n_trials trials; evaluate checks the trial's devices against those in
// use, and runs for trial number % 4 milliseconds: 0 for one that ends at once, as a pruned
// trial does.
class FakeEngine {
public:
    FakeEngine(int n_trials, int per_gpu) : n_trials_(n_trials), per_gpu_(per_gpu), devices_of_(static_cast<std::size_t>(n_trials)) {
        host_.struct_size = sizeof host_;
        host_.ctx = this;
        host_.next_trial = [](void *ctx, int32_t, hpo_trial_ref **out) {
            auto &self = *static_cast<FakeEngine *>(ctx);
            const int number = self.next_++;
            *out = number < self.n_trials_ ? reinterpret_cast<hpo_trial_ref *>(static_cast<intptr_t>(number + 1)) : nullptr;
            return int32_t{HPO_OK};
        };
        host_.set_devices = [](void *ctx, hpo_trial_ref *trial, const int32_t *devices, int32_t n) {
            auto &self = *static_cast<FakeEngine *>(ctx);
            self.devices_of_[number_of(trial)].assign(devices, devices + n);
            return int32_t{HPO_OK};
        };
        host_.evaluate = [](void *ctx, hpo_trial_ref *trial) {
            static_cast<FakeEngine *>(ctx)->evaluate(number_of(trial));
            return int32_t{HPO_OK};
        };
    }

    const hpo_runner_host &host() const { return host_; }
    const std::vector<int32_t> &devices_of(int number) const { return devices_of_[static_cast<std::size_t>(number)]; }
    bool overlapped() const { return overlapped_; }
    int max_in_flight() const { return max_in_flight_; }
    int evaluated() const { return evaluated_; }

private:
    static std::size_t number_of(hpo_trial_ref *trial) {
        return static_cast<std::size_t>(reinterpret_cast<intptr_t>(trial) - 1);
    }

    void evaluate(std::size_t number) {
        const auto &devices = devices_of_[number];
        {
            const std::lock_guard lock(mutex_);
            for (const int32_t d : devices) {
                if (++in_use_[d] > per_gpu_) overlapped_ = true;
            }
            max_in_flight_ = std::max(max_in_flight_, ++in_flight_);
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(number % 4));
        {
            const std::lock_guard lock(mutex_);
            for (const int32_t d : devices) --in_use_[d];
            --in_flight_;
        }
        ++evaluated_;
    }

    int n_trials_, per_gpu_;
    std::atomic<int> next_{0}, evaluated_{0};
    std::vector<std::vector<int32_t>> devices_of_;
    std::mutex mutex_;
    std::map<int32_t, int> in_use_;
    int in_flight_ = 0, max_in_flight_ = 0;
    bool overlapped_ = false;
    hpo_runner_host host_{};
};

}  // namespace

TEST_CASE("trials run on fake devices, n_jobs from the slots, devices never overlapping") {
    const auto runner = make_plugin<GpuRunner>(R"({"fake_devices": 4, "trials_per_gpu": 2})");
    FakeEngine engine(200, 2);
    runner.run(engine.host());
    CHECK(engine.evaluated() == 200);
    CHECK_FALSE(engine.overlapped());
    CHECK(engine.max_in_flight() <= 8);
    for (int i = 0; i < 200; ++i) {
        REQUIRE(engine.devices_of(i).size() == 1);
        CHECK(engine.devices_of(i)[0] >= 0);
        CHECK(engine.devices_of(i)[0] < 4);
    }
}

TEST_CASE("a trial that ends gives its device to the next at once: one device serves every trial") {
    const auto runner = make_plugin<GpuRunner>(R"({"fake_devices": 1})");
    FakeEngine engine(12, 1);
    runner.run(engine.host());  // a device kept by an ended trial would leave the rest waiting for ever
    CHECK(engine.evaluated() == 12);
    CHECK(engine.max_in_flight() == 1);
}

TEST_CASE("several devices per trial, from the listed devices only") {
    const auto runner = make_plugin<GpuRunner>(R"({"fake_devices": 4, "devices": [1, 2, 3], "gpus_per_trial": 2})");
    FakeEngine engine(40, 1);
    runner.run(engine.host());
    CHECK(engine.evaluated() == 40);
    CHECK_FALSE(engine.overlapped());
    for (int i = 0; i < 40; ++i) {
        const auto &devices = engine.devices_of(i);
        REQUIRE(devices.size() == 2);
        CHECK(devices[0] != devices[1]);
        CHECK(devices[0] >= 1);
    }
}

TEST_CASE("HPO_FAKE_GPUS gives fake devices; a bad value is named") {
    setenv("HPO_FAKE_GPUS", "3", 1);
    CHECK(make_plugin<GpuRunner>("{}").usable_devices().size() == 3);
    setenv("HPO_FAKE_GPUS", "many", 1);
    CHECK_THROWS_WITH(make_plugin<GpuRunner>("{}"), doctest::Contains("HPO_FAKE_GPUS must be a number"));
    unsetenv("HPO_FAKE_GPUS");
}

TEST_CASE("without a GPU the runner says so, and how to run with fake devices") {
    unsetenv("HPO_FAKE_GPUS");
    const auto runner = make_plugin<GpuRunner>("{}");
    try {
        const auto devices = runner.usable_devices();
        MESSAGE("this machine has ", devices.size(), " GPU(s)");
    } catch (const std::runtime_error &error) {
        CHECK(std::string(error.what()).find("no GPU found") == 0);
        CHECK(std::string(error.what()).find("HPO_FAKE_GPUS") != std::string::npos);
    }
}

TEST_CASE("bad device options are refused naming the option") {
    CHECK_THROWS_WITH(make_plugin<GpuRunner>(R"({"devices": ["a"]})"), doctest::Contains("option \"devices\""));
    CHECK_THROWS_WITH(make_plugin<GpuRunner>(R"({"devices": []})"), doctest::Contains("at least one device"));
    CHECK_THROWS_WITH(static_cast<void>(make_plugin<GpuRunner>(R"({"fake_devices": 2, "devices": [5]})").usable_devices()),
                      doctest::Contains("there is no device 5"));
    const auto too_few = make_plugin<GpuRunner>(R"({"fake_devices": 1, "gpus_per_trial": 2})");
    FakeEngine engine(1, 1);
    CHECK_THROWS_WITH(too_few.run(engine.host()), doctest::Contains("takes 2 GPUs"));
}
