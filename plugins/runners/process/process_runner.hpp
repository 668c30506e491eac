// The `process` runner: each trial in a child process of its own, started by posix_spawn of
// hpo-trial-worker (installed beside the plugins), which loads the study's objective plugin
// and speaks worker_protocol.hpp with this runner. A trial that crashes, exits, runs past
// `timeout` or past `memory_limit` fails with the reason, and the study goes on; n_jobs
// children run at once. memory_limit is a cgroup per trial where one can be made
// (memory_cgroup.hpp), else RLIMIT_AS. Thread-safe: a run keeps its state on its own stack.
#pragma once

#include <worker_runs.hpp>

#include <hpo_kit/plugin_library.hpp>

#include <hpo/plugin.h>

#include <cstdint>

namespace hpo::runners {

class ProcessRunner {
public:
    static constexpr plugin_kit::About about{
        "process", "Runs each trial of an objective plugin in its own child process (crashes, hangs and memory hogs fail their trial alone)",
        R"json({
  "n_jobs": {"type": "integer", "default": 1, "minimum": -1, "maximum": 4096, "description": "trials at once; -1 for all hardware threads"},)json"
        HPO_WORKER_OPTIONS_SCHEMA "}",
        HPO_PLUGIN_THREAD_SAFE};

    // InvalidOption for an n_jobs of 0, or memory_limit_by "cgroup" where no cgroup can be
    // made (saying why).
    ProcessRunner(const plugin_kit::Options &options, const plugin_kit::Host &host);

    // StatusError HPO_ENOTSUP when the study's objective is a function of this process.
    void run(const hpo_runner_host &host) const;

    [[nodiscard]] int32_t n_jobs() const { return n_jobs_; }
    [[nodiscard]] const WorkerSettings &settings() const { return settings_; }

private:
    int32_t n_jobs_;
    WorkerSettings settings_;
    plugin_kit::Host host_;
};

}  // namespace hpo::runners
