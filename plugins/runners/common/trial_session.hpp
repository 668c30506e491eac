// One trial run in a worker process: the runner's side of worker_protocol.hpp. Starts the
// worker, answers its trial API calls through the engine's, and turns how it ended into the
// trial's outcome.
#pragma once

#include <memory_cgroup.hpp>

#include <hpo_kit/host.hpp>

#include <hpo/plugin.h>

#include <nlohmann/json.hpp>

#include <chrono>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace hpo::runners {

struct WorkerSettings {
    std::filesystem::path worker;                  // the hpo-trial-worker executable
    std::filesystem::path logs_dir;                // trial-<number>/ folders of stdout and stderr
    std::optional<std::chrono::milliseconds> timeout;
    std::chrono::milliseconds grace{5000};
    std::optional<uint64_t> memory_limit;          // bytes
    std::optional<CgroupParent> memory_cgroup;     // where memory_limit is a cgroup; nullopt: RLIMIT_AS
    std::size_t stderr_lines = 10;                 // in a failed trial's message
};

struct TrialOutcome {
    int32_t state = HPO_TRIAL_FAIL;  // hpo_trial_state
    std::vector<double> values;
    std::string message;
};

// Runs `trial` in a worker; `run` is the engine's describe_run, plugin_host the runner's own. Never throws for what the
// worker does (a crash, an exit, a timeout is the trial's outcome); std::runtime_error when
// the worker cannot be started or the engine's trial API refuses what the protocol needs.
TrialOutcome run_in_worker(const hpo_runner_host &host, const plugin_kit::Host &plugin_host, hpo_trial_ref *trial,
                           const nlohmann::json &run, std::size_t n_values, const WorkerSettings &settings);

}  // namespace hpo::runners
