#include "gpu_runner.hpp"

#include "device_pool.hpp"

#include <first_error.hpp>

#include <algorithm>
#include <cstdlib>
#include <functional>
#include <string>
#include <thread>

namespace hpo::gpu {
namespace {

std::optional<int32_t> fake_count_from_environment() {
    const char *text = std::getenv("HPO_FAKE_GPUS");
    if (text == nullptr || *text == '\0') return std::nullopt;
    char *end = nullptr;
    const long count = std::strtol(text, &end, 10);
    if (*end != '\0' || count < 1 || count > 1024) {
        throw std::invalid_argument(std::string("HPO_FAKE_GPUS must be a number of devices from 1 to 1024, not \"") +
                                    text + "\"");
    }
    return static_cast<int32_t>(count);
}

// How a slot runs a trial once its devices are set: in this process, or in a worker.
using TrialRun = std::function<int32_t(hpo_trial_ref *)>;

void drive_slot(const hpo_runner_host &host, DevicePool &pool, const TrialRun &run_trial, int32_t slot,
                runners::FirstError &error) {
    while (!error.stopped()) {
        // Devices first: a trial starts only once it can run.
        const std::vector<int32_t> devices = pool.acquire();
        hpo_trial_ref *trial = nullptr;
        int32_t status = host.next_trial(host.ctx, slot, &trial);
        if (status < 0 || trial == nullptr) {
            pool.release(devices);
            if (status < 0) error.record(slot, "next_trial", status);
            return;
        }
        status = host.set_devices(host.ctx, trial, devices.data(), static_cast<int32_t>(devices.size()));
        if (status >= 0) status = run_trial(trial);
        pool.release(devices);
        if (status < 0) return error.record(slot, "set_devices, evaluate or finish", status);
    }
}

}  // namespace

GpuRunner::GpuRunner(const plugin_kit::Options &options, const plugin_kit::Host &host)
    : gpus_per_trial_(static_cast<int32_t>(options.integer("gpus_per_trial"))),
      trials_per_gpu_(static_cast<int32_t>(options.integer("trials_per_gpu"))),
      host_(host) {
    if (options.has("devices")) {
        std::vector<int32_t> devices;
        for (const auto &device : options.array("devices")) {
            if (!device.is_number_integer() || device.get<int64_t>() < 0) {
                throw plugin_kit::InvalidOption("option \"devices\" must list device ordinals (integers >= 0), got " +
                                                device.dump());
            }
            devices.push_back(device.get<int32_t>());
        }
        if (devices.empty()) throw plugin_kit::InvalidOption("option \"devices\" must list at least one device");
        devices_ = devices;
    }
    if (options.has("min_free_memory")) min_free_memory_ = static_cast<uint64_t>(options.integer("min_free_memory")) << 20;
    if (options.has("fake_devices")) fake_devices_ = static_cast<int32_t>(options.integer("fake_devices"));
    else fake_devices_ = fake_count_from_environment();
    if (options.string("isolate") == "process") workers_ = runners::worker_settings(options, host, "gpu");
}

std::vector<Device> GpuRunner::usable_devices() const {
    const std::vector<Device> found = fake_devices_ ? fake_devices(*fake_devices_) : discover_devices();
    std::vector<Device> usable;
    for (const Device &device : found) {
        if (devices_ && std::find(devices_->begin(), devices_->end(), device.ordinal) == devices_->end()) continue;
        if (min_free_memory_ && device.memory_used &&
            device.memory_total - std::min(device.memory_total, *device.memory_used) < *min_free_memory_) {
            host_.log(HPO_LOG_WARNING, "gpu runner: device " + std::to_string(device.ordinal) + " (" + device.name +
                                           ") skipped: less than min_free_memory free");
            continue;
        }
        usable.push_back(device);
    }
    if (devices_) {
        for (const int32_t wanted : *devices_) {
            if (std::none_of(found.begin(), found.end(), [&](const Device &d) { return d.ordinal == wanted; })) {
                throw plugin_kit::InvalidOption("option \"devices\": there is no device " + std::to_string(wanted) +
                                                " (" + std::to_string(found.size()) + " found)");
            }
        }
    }
    return usable;
}

void GpuRunner::run(const hpo_runner_host &host) const {
    if (!HPO_HAS_FIELD(&host, hpo_runner_host, set_devices) || host.set_devices == nullptr) {
        throw plugin_kit::StatusError(HPO_ENOTSUP, "the gpu runner needs an engine of ABI 1.1 (set_devices)");
    }
    std::vector<int32_t> ordinals;
    for (const Device &device : usable_devices()) ordinals.push_back(device.ordinal);
    DevicePool pool(ordinals, trials_per_gpu_, gpus_per_trial_);
    TrialRun run_trial = [&](hpo_trial_ref *trial) { return host.evaluate(host.ctx, trial); };
    nlohmann::json run;
    if (workers_) {
        run = runners::describe_worker_run(host, host_, "gpu");
        run_trial = [&](hpo_trial_ref *trial) { return runners::run_and_finish(host, host_, trial, run, *workers_); };
    }
    runners::FirstError error;
    std::vector<std::thread> slots;
    for (int32_t slot = 0; slot < pool.capacity(); ++slot) {
        slots.emplace_back([&, slot] { drive_slot(host, pool, run_trial, slot, error); });
    }
    for (auto &slot : slots) slot.join();
    if (error.status() != HPO_OK) throw plugin_kit::StatusError(error.status(), error.message());
}

}  // namespace hpo::gpu
