#include "process_runner.hpp"

#include <first_error.hpp>

#include <algorithm>
#include <thread>
#include <vector>

namespace hpo::runners {
namespace {

using json = nlohmann::json;

void drive_slot(const hpo_runner_host &host, const plugin_kit::Host &plugin_host, const json &run,
                const WorkerSettings &settings, int32_t slot, FirstError &error) {
    while (!error.stopped()) {
        hpo_trial_ref *trial = nullptr;
        int32_t status = host.next_trial(host.ctx, slot, &trial);
        if (status < 0) return error.record(slot, "next_trial", status);
        if (!trial) return;
        status = run_and_finish(host, plugin_host, trial, run, settings);
        if (status < 0) return error.record(slot, "finish", status);
    }
}

}  // namespace

ProcessRunner::ProcessRunner(const plugin_kit::Options &options, const plugin_kit::Host &host)
    : n_jobs_(static_cast<int32_t>(options.integer("n_jobs"))),
      settings_(worker_settings(options, host, "process")),
      host_(host) {
    if (n_jobs_ == 0)
        throw plugin_kit::InvalidOption("option \"n_jobs\" must be a positive integer up to 4096, "
                                        "or -1 for all hardware threads; got 0");
    if (n_jobs_ == -1) n_jobs_ = static_cast<int32_t>(std::max(1u, std::thread::hardware_concurrency()));
}

void ProcessRunner::run(const hpo_runner_host &host) const {
    const json run = describe_worker_run(host, host_, "process");
    FirstError error;
    std::vector<std::thread> slots;
    for (int32_t slot = 0; slot < n_jobs_; ++slot) {
        slots.emplace_back([&, slot] { drive_slot(host, host_, run, settings_, slot, error); });
    }
    for (auto &slot : slots) slot.join();
    if (error.status() != HPO_OK) throw plugin_kit::StatusError(error.status(), error.message());
}

}  // namespace hpo::runners
