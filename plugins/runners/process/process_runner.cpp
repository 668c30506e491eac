#include "process_runner.hpp"

#include <first_error.hpp>

#include <nlohmann/json.hpp>

#include <csignal>
#include <dlfcn.h>
#include <pthread.h>
#include <thread>
#include <vector>

namespace hpo::runners {
namespace {

using json = nlohmann::json;

// hpo-trial-worker in the folder this library was loaded from.
std::filesystem::path default_worker() {
    Dl_info info{};
    if (dladdr(reinterpret_cast<const void *>(&default_worker), &info) == 0 || info.dli_fname == nullptr) {
        throw std::runtime_error("process runner: cannot tell which folder it was loaded from; give option \"worker\"");
    }
    return std::filesystem::absolute(info.dli_fname).parent_path() / "hpo-trial-worker";
}

json describe_run(const hpo_runner_host &host, const plugin_kit::Host &plugin_host) {
    if (!HPO_HAS_FIELD(&host, hpo_runner_host, describe_run) || host.describe_run == nullptr || host.finish == nullptr) {
        throw plugin_kit::StatusError(HPO_ENOTSUP, "the process runner needs an engine of ABI 1.1 (describe_run, finish)");
    }
    char *text = nullptr;
    const int32_t status = host.describe_run(host.ctx, &text);
    const std::string description = plugin_host.take(text);
    if (status < 0) throw plugin_kit::StatusError(status, "describe_run failed");
    json run = json::parse(description);
    if (!run.contains("objective") || run["objective"].is_null()) {
        throw plugin_kit::StatusError(
            HPO_ENOTSUP, "the process runner runs an objective plugin in each trial's own process; this study's "
                         "objective is a function of this process (a C callback or a Python function), which "
                         "another process cannot run: name an objective plugin, or use the threads runner");
    }
    return run;
}

void drive_slot(const hpo_runner_host &host, const plugin_kit::Host &plugin_host, const json &run,
                const WorkerSettings &settings, int32_t slot, FirstError &error) {
    // A worker that dies while we write to it must not take this process with it (SIGPIPE):
    // the write fails instead, and the worker's exit status tells the trial why.
    sigset_t pipe_signal;
    sigemptyset(&pipe_signal);
    sigaddset(&pipe_signal, SIGPIPE);
    pthread_sigmask(SIG_BLOCK, &pipe_signal, nullptr);
    const std::size_t n_values = run.value("directions", json::array()).size();
    while (!error.stopped()) {
        hpo_trial_ref *trial = nullptr;
        int32_t status = host.next_trial(host.ctx, slot, &trial);
        if (status < 0) return error.record(slot, "next_trial", status);
        if (!trial) return;
        TrialOutcome outcome;
        try {
            outcome = run_in_worker(host, plugin_host, trial, run, n_values, settings);
        } catch (const std::exception &failure) {
            outcome = {HPO_TRIAL_FAIL, {}, failure.what()};
        }
        status = host.finish(host.ctx, trial, outcome.state, outcome.values.data(),
                             static_cast<int32_t>(outcome.values.size()), outcome.message.c_str());
        if (status < 0) return error.record(slot, "finish", status);
    }
}

}  // namespace

ProcessRunner::ProcessRunner(const plugin_kit::Options &options, const plugin_kit::Host &host)
    : n_jobs_(static_cast<int32_t>(options.integer("n_jobs"))), host_(host) {
    if (n_jobs_ == 0)
        throw plugin_kit::InvalidOption("option \"n_jobs\" must be a positive integer up to 4096, "
                                        "or -1 for all hardware threads; got 0");
    if (n_jobs_ == -1) n_jobs_ = static_cast<int32_t>(std::max(1u, std::thread::hardware_concurrency()));
    settings_.worker = options.has("worker") ? std::filesystem::path(options.string("worker")) : default_worker();
    settings_.logs_dir = std::filesystem::absolute(options.string("logs_dir"));
    if (options.has("timeout")) {
        settings_.timeout = std::chrono::milliseconds(static_cast<int64_t>(options.number("timeout") * 1000));
    }
    settings_.grace = std::chrono::milliseconds(static_cast<int64_t>(options.number("grace_period") * 1000));
    if (options.has("memory_limit")) settings_.memory_limit = static_cast<uint64_t>(options.integer("memory_limit")) << 20;
    settings_.stderr_lines = static_cast<std::size_t>(options.integer("stderr_lines"));
}

void ProcessRunner::run(const hpo_runner_host &host) const {
    const json run = describe_run(host, host_);
    FirstError error;
    std::vector<std::thread> slots;
    for (int32_t slot = 0; slot < n_jobs_; ++slot) {
        slots.emplace_back([&, slot] { drive_slot(host, host_, run, settings_, slot, error); });
    }
    for (auto &slot : slots) slot.join();
    if (error.status() != HPO_OK) throw plugin_kit::StatusError(error.status(), error.message());
}

}  // namespace hpo::runners
