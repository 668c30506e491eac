// GPU slots under contention: a device never holds more trials than trials_per_gpu, a trial's
// devices are distinct, and every device comes back.
#include "device_pool.hpp"

#include <doctest/doctest.h>

#include <atomic>
#include <set>
#include <thread>
#include <vector>

using hpo::gpu::DevicePool;

TEST_CASE("capacity follows from the devices, trials_per_gpu and gpus_per_trial") {
    CHECK(DevicePool({0, 1, 2, 3}, 2, 1).capacity() == 8);
    CHECK(DevicePool({0, 1, 2, 3}, 1, 2).capacity() == 2);
    CHECK(DevicePool({0, 1, 2}, 1, 2).capacity() == 1);
    CHECK_THROWS_WITH_AS(DevicePool({0}, 1, 2), doctest::Contains("takes 2 GPUs"), std::invalid_argument);
    CHECK_THROWS_AS(DevicePool({0}, 0, 1), std::invalid_argument);
}

TEST_CASE("the least loaded devices are handed out first") {
    DevicePool pool({0, 1, 2}, 2, 1);
    const auto a = pool.acquire(), b = pool.acquire(), c = pool.acquire();
    CHECK(std::set<int32_t>{a[0], b[0], c[0]} == std::set<int32_t>{0, 1, 2});
}

TEST_CASE("devices handed out to many threads never overlap past their slots and always return") {
    for (const auto &slots : std::vector<std::pair<int32_t, int32_t>>{{1, 1}, {2, 1}, {1, 2}, {3, 2}}) {
        const int32_t per_gpu = slots.first, per_trial = slots.second;
        CAPTURE(per_gpu);
        CAPTURE(per_trial);
        DevicePool pool({0, 1, 2, 3}, per_gpu, per_trial);
        std::vector<std::atomic<int>> in_use(4);
        std::atomic<bool> overlap{false}, distinct{true};
        std::vector<std::thread> threads;
        for (int t = 0; t < 8; ++t) {
            threads.emplace_back([&] {
                for (int i = 0; i < 300; ++i) {
                    const auto devices = pool.acquire();
                    if (std::set<int32_t>(devices.begin(), devices.end()).size() != static_cast<std::size_t>(per_trial))
                        distinct = false;
                    for (const int32_t d : devices) {
                        if (++in_use[static_cast<std::size_t>(d)] > per_gpu) overlap = true;
                    }
                    std::this_thread::yield();
                    for (const int32_t d : devices) --in_use[static_cast<std::size_t>(d)];
                    pool.release(devices);
                }
            });
        }
        for (auto &thread : threads) thread.join();
        CHECK_FALSE(overlap);
        CHECK(distinct);
        // Every slot came back: the pool can hand out its whole capacity again at once.
        std::vector<std::vector<int32_t>> taken;
        for (int32_t i = 0; i < pool.capacity(); ++i) taken.push_back(pool.acquire());
        CHECK(taken.size() == static_cast<std::size_t>(pool.capacity()));
    }
}
