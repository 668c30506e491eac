#include "worker_runs.hpp"

#include <dlfcn.h>

namespace hpo::runners {
namespace {

using json = nlohmann::json;

// hpo-trial-worker in the folder of the plugin this code is linked into.
std::filesystem::path default_worker(const std::string &runner) {
    Dl_info info{};
    if (dladdr(reinterpret_cast<const void *>(&default_worker), &info) == 0 || info.dli_fname == nullptr) {
        throw std::runtime_error(runner +
                                 " runner: cannot tell which folder it was loaded from; give option \"worker\"");
    }
    return std::filesystem::absolute(info.dli_fname).parent_path() / "hpo-trial-worker";
}

// Where memory_limit is enforced: a cgroup parent, or nullopt for RLIMIT_AS.
std::optional<CgroupParent> memory_cgroup_for(const std::string &by, const plugin_kit::Host &host,
                                              const std::string &runner) {
    if (by == "rlimit") return std::nullopt;
    auto found = find_cgroup_parent();
    if (auto *parent = std::get_if<CgroupParent>(&found)) {
        host.log(HPO_LOG_INFO, runner + " runner: memory_limit by a cgroup v" + std::to_string(parent->version) +
                                   " per trial below " + parent->path.string());
        return *parent;
    }
    const std::string why = std::get<std::string>(found);
    if (by == "cgroup") throw plugin_kit::InvalidOption("option \"memory_limit_by\" is \"cgroup\", but " + why);
    host.log(HPO_LOG_INFO, runner + " runner: memory_limit by RLIMIT_AS (address space), no cgroup: " + why);
    return std::nullopt;
}

std::chrono::milliseconds milliseconds(double seconds) {
    return std::chrono::milliseconds(static_cast<int64_t>(seconds * 1000));
}

}  // namespace

WorkerSettings worker_settings(const plugin_kit::Options &options, const plugin_kit::Host &host,
                               const std::string &runner) {
    WorkerSettings settings;
    settings.worker = options.has("worker") ? std::filesystem::path(options.string("worker")) : default_worker(runner);
    settings.logs_dir = std::filesystem::absolute(options.string("logs_dir"));
    if (options.has("timeout")) settings.timeout = milliseconds(options.number("timeout"));
    settings.grace = milliseconds(options.number("grace_period"));
    if (options.has("memory_limit")) {
        settings.memory_limit = static_cast<uint64_t>(options.integer("memory_limit")) << 20;
        settings.memory_cgroup = memory_cgroup_for(options.string("memory_limit_by"), host, runner);
    }
    settings.stderr_lines = static_cast<std::size_t>(options.integer("stderr_lines"));
    return settings;
}

json describe_worker_run(const hpo_runner_host &host, const plugin_kit::Host &plugin_host, const std::string &runner) {
    if (!HPO_HAS_FIELD(&host, hpo_runner_host, describe_run) || host.describe_run == nullptr ||
        host.finish == nullptr) {
        throw plugin_kit::StatusError(HPO_ENOTSUP, "the " + runner + " runner's worker processes need an engine of "
                                                   "ABI 1.1 (describe_run, finish)");
    }
    char *text = nullptr;
    const int32_t status = host.describe_run(host.ctx, &text);
    const std::string description = plugin_host.take(text);
    if (status < 0) throw plugin_kit::StatusError(status, "describe_run failed");
    json run = json::parse(description);
    if (!run.contains("objective") || run["objective"].is_null()) {
        throw plugin_kit::StatusError(
            HPO_ENOTSUP, "the " + runner + " runner runs an objective plugin in each trial's own process; this "
                         "study's objective is a function of this process (a C callback or a Python function), which "
                         "another process cannot run: name an objective plugin, or use the threads runner");
    }
    return run;
}

int32_t run_and_finish(const hpo_runner_host &host, const plugin_kit::Host &plugin_host, hpo_trial_ref *trial,
                       const json &run, const WorkerSettings &settings) {
    const std::size_t n_values = run.value("directions", json::array()).size();
    TrialOutcome outcome;
    try {
        outcome = run_in_worker(host, plugin_host, trial, run, n_values, settings);
    } catch (const std::exception &failure) {
        outcome = {HPO_TRIAL_FAIL, {}, failure.what()};
    }
    return host.finish(host.ctx, trial, outcome.state, outcome.values.data(),
                       static_cast<int32_t>(outcome.values.size()), outcome.message.c_str());
}

}  // namespace hpo::runners
