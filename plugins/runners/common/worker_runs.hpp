// What a runner whose trials run in worker processes needs beside trial_session.hpp: the
// process runner, and the gpu runner with isolate "process", share their worker options
// (schema and settings), the check of the study's objective, and the running of one trial.
#pragma once

#include "trial_session.hpp"

#include <hpo_kit/plugin_library.hpp>

#include <hpo/plugin.h>

#include <nlohmann/json.hpp>

// The worker options' entries in a runner's schema (inside its braces, after its own).
#define HPO_WORKER_OPTIONS_SCHEMA \
    R"json("timeout": {"type": "number", "minimum": 0, "description": "seconds a trial may run before its worker gets SIGTERM, then SIGKILL after grace_period, and the trial fails"},)json" \
    R"json("grace_period": {"type": "number", "default": 5, "minimum": 0, "description": "seconds between SIGTERM and SIGKILL"},)json" \
    R"json("memory_limit": {"type": "integer", "minimum": 1, "description": "MiB of memory a trial may use: by a cgroup of its own where one can be made (past it the kernel's OOM killer stops the trial), else by RLIMIT_AS on address space (past it allocations fail)"},)json" \
    R"json("memory_limit_by": {"type": "string", "default": "auto", "enum": ["auto", "cgroup", "rlimit"], "description": "how memory_limit is enforced: auto (a cgroup where one is writable, else RLIMIT_AS), cgroup (refuse to run without one), rlimit"},)json" \
    R"json("logs_dir": {"type": "string", "default": "hpo-trials", "description": "folder of trial-<number>/worker.stdout and worker.stderr"},)json" \
    R"json("worker": {"type": "string", "description": "the worker executable; by default hpo-trial-worker beside this plugin"},)json" \
    R"json("stderr_lines": {"type": "integer", "default": 10, "minimum": 0, "maximum": 1000, "description": "last lines of stderr in a failed trial's message"})json"

namespace hpo::runners {

// The settings the worker options give. InvalidOption for memory_limit_by "cgroup" where no
// cgroup can be made, saying why; `runner` names the runner in what it logs.
WorkerSettings worker_settings(const plugin_kit::Options &options, const plugin_kit::Host &host,
                               const std::string &runner);

// The engine's describe_run of this study. StatusError HPO_ENOTSUP when the engine is older
// than ABI 1.1 or the study's objective is a function of this process.
nlohmann::json describe_worker_run(const hpo_runner_host &host, const plugin_kit::Host &plugin_host,
                                   const std::string &runner);

// Runs `trial` in a worker and finishes it with the outcome (a worker that cannot be started
// fails the trial); the status of the engine's finish.
int32_t run_and_finish(const hpo_runner_host &host, const plugin_kit::Host &plugin_host, hpo_trial_ref *trial,
                       const nlohmann::json &run, const WorkerSettings &settings);

}  // namespace hpo::runners
