// GPU slot utilisation of the gpu runner: 4 fake devices, 2 trials per device, 200 trials of
// random length (5 to 50 ms, seeded). Utilisation is busy slot-time over slots x wall time,
// over the whole run and over the time trials were still waiting (until the last one
// started), beside a static split of the same trials over the same slots (trial i on slot
// i mod 8), measured in the same run. The runner's line adds busy device-time over devices x
// wall time, a device being busy while any of its trials runs: the measure a GPU's owner
// reads, and never below the slots' figure. usage: hpo_bench_gpu_slots [--smoke]
#include "gpu_runner.hpp"

#include <hpo_kit/host.hpp>
#include <hpo_kit/options.hpp>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <mutex>
#include <random>
#include <thread>
#include <vector>

namespace {

using Clock = std::chrono::steady_clock;
constexpr int devices = 4, per_gpu = 2, slots = devices * per_gpu;

struct Figures {
    double wall_s, busy_s, last_start_s, busy_before_last_start_s, device_busy_s;
};

struct Span {
    Clock::time_point start, stop;
    int device;
};

double seconds(Clock::duration d) { return std::chrono::duration<double>(d).count(); }

// Time during which at least one trial ran on the device: the union of its trials' spans.
double device_busy_seconds(std::vector<Span> spans, int device) {
    std::erase_if(spans, [device](const Span &span) { return span.device != device; });
    std::sort(spans.begin(), spans.end(), [](const Span &a, const Span &b) { return a.start < b.start; });
    double busy = 0;
    Clock::time_point covered_until{};
    for (const auto &span : spans) {
        const auto from = std::max(span.start, covered_until);
        if (span.stop > from) busy += seconds(span.stop - from);
        covered_until = std::max(covered_until, span.stop);
    }
    return busy;
}

// The engine's side: trials of the given lengths, handed out in order, timed.
class Trials {
public:
    explicit Trials(std::vector<double> lengths_ms) : lengths_(std::move(lengths_ms)), devices_(lengths_.size(), -1) {
        host_.struct_size = sizeof host_;
        host_.ctx = this;
        host_.next_trial = [](void *ctx, int32_t, hpo_trial_ref **out) {
            auto &self = *static_cast<Trials *>(ctx);
            const std::size_t i = self.next_++;
            *out = i < self.lengths_.size() ? reinterpret_cast<hpo_trial_ref *>(i + 1) : nullptr;
            if (*out != nullptr) self.note_start();
            return int32_t{HPO_OK};
        };
        host_.set_devices = [](void *ctx, hpo_trial_ref *trial, const int32_t *ordinals, int32_t count) {
            if (count > 0) static_cast<Trials *>(ctx)->devices_[reinterpret_cast<std::size_t>(trial) - 1] = ordinals[0];
            return int32_t{HPO_OK};
        };
        host_.evaluate = [](void *ctx, hpo_trial_ref *trial) {
            static_cast<Trials *>(ctx)->run(reinterpret_cast<std::size_t>(trial) - 1);
            return int32_t{HPO_OK};
        };
    }
    const hpo_runner_host &host() const { return host_; }

    void run(std::size_t i) {
        const auto start = Clock::now();
        std::this_thread::sleep_for(std::chrono::duration<double, std::milli>(lengths_[i]));
        const auto end = Clock::now();
        const std::lock_guard lock(mutex_);
        spans_.push_back({start, end, devices_[i]});
    }
    void note_start() {
        const std::lock_guard lock(mutex_);
        last_start_ = Clock::now();
    }

    Figures figures(Clock::time_point begin, Clock::time_point end) const {
        Figures f{seconds(end - begin), 0, seconds(last_start_ - begin), 0, 0};
        for (const auto &span : spans_) {
            f.busy_s += seconds(span.stop - span.start);
            f.busy_before_last_start_s += seconds(std::min(span.stop, last_start_) - std::min(span.start, last_start_));
        }
        for (int device = 0; device < devices; ++device) f.device_busy_s += device_busy_seconds(spans_, device);
        return f;
    }

private:
    std::vector<double> lengths_;
    std::vector<int> devices_;  // written once per trial, before it runs, by the thread that runs it
    std::atomic<std::size_t> next_{0};
    std::mutex mutex_;
    std::vector<Span> spans_;
    Clock::time_point last_start_{};
    hpo_runner_host host_{};
};

void print(const char *who, const Figures &f) {
    std::printf("  %-28s wall %6.3f s   utilisation %5.1f%% overall, %5.1f%% while trials waited\n", who, f.wall_s,
                100 * f.busy_s / (slots * f.wall_s), 100 * f.busy_before_last_start_s / (slots * f.last_start_s));
}

}  // namespace

int main(int argc, char **argv) {
    const bool smoke = argc > 1 && std::strcmp(argv[1], "--smoke") == 0;
    const int n_trials = smoke ? 24 : 200;
    std::mt19937_64 random(14);
    std::uniform_real_distribution<double> length(5, 50);
    std::vector<double> lengths;
    for (int i = 0; i < n_trials; ++i) lengths.push_back(length(random));

    hpo_host raw{};
    raw.struct_size = sizeof raw;
    raw.alloc = [](void *, size_t size) { return std::malloc(size); };
    raw.free = [](void *, void *ptr) { std::free(ptr); };
    const hpo::plugin_kit::Host host(raw);
    const hpo::gpu::GpuRunner runner(
        hpo::plugin_kit::Options(hpo::gpu::GpuRunner::about.options_schema, R"({"fake_devices": 4, "trials_per_gpu": 2})"),
        host);

    std::printf("%d trials of 5-50 ms on %d fake devices x %d trials per device:\n", n_trials, devices, per_gpu);
    Trials gpu_trials(lengths);
    auto begin = Clock::now();
    runner.run(gpu_trials.host());
    const Figures gpu = gpu_trials.figures(begin, Clock::now());
    print("gpu runner", gpu);
    std::printf("  %-28s busy device-time over %d devices x wall: %5.1f%%\n", "", devices,
                100 * gpu.device_busy_s / (devices * gpu.wall_s));

    Trials static_trials(lengths);
    begin = Clock::now();
    std::vector<std::thread> threads;
    for (int slot = 0; slot < slots; ++slot) {
        threads.emplace_back([&, slot] {
            for (int i = slot; i < n_trials; i += slots) {
                static_trials.note_start();
                static_trials.run(static_cast<std::size_t>(i));
            }
        });
    }
    for (auto &thread : threads) thread.join();
    print("static split (i mod 8)", static_trials.figures(begin, Clock::now()));
    return 0;
}
