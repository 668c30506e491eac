#include "optimize.hpp"

#include "objective_slots.hpp"
#include "registry.hpp"
#include "trial_state.hpp"
#include "trial_watchdog.hpp"

#include <atomic>
#include <chrono>
#include <cmath>
#include <limits>
#include <mutex>

namespace hpo {
namespace {

using SteadyClock = std::chrono::steady_clock;

// What a runner drives through hpo_runner_host: the budget, the stop flag, and the first
// error that ended the run.
class Run {
public:
    Run(std::shared_ptr<Study> study, const Objective &objective, const OptimizeOptions &options,
        json objective_description)
        : study_(std::move(study)), objective_(objective), options_(options),
          objective_description_(std::move(objective_description)) {
        if (options.timeout) {
            deadline_ = SteadyClock::now() + std::chrono::duration_cast<SteadyClock::duration>(
                                                  std::chrono::duration<double>(*options.timeout));
        }
        if (options.trial_timeout) watchdog_.emplace(study_, *options.trial_timeout);
    }

    // A started trial for runner slot `slot`, or nullptr when the run is over.
    hpo_trial *next_trial(int32_t slot) {
        if (stopped()) return nullptr;
        if (options_.n_trials && started_.fetch_add(1) >= *options_.n_trials) return nullptr;
        const auto number = study_->ask();
        if (!number) {
            stop_ = true;  // the sampler is done, or the study's trial budget is spent
            return nullptr;
        }
        if (watchdog_) watchdog_->started(*number);
        return new hpo_trial{study_, *number, {}, slot, {}};
    }

    void evaluate(hpo_trial *trial) {
        std::vector<double> values(study_->n_objectives(), std::numeric_limits<double>::quiet_NaN());
        int32_t status;
        std::string message;
        try {
            status = objective_(trial, values.data(), values.size());
        } catch (...) {
            status = current_exception_status(message);
        }
        if (status == HPO_OK) {
            finish(trial, HPO_TRIAL_COMPLETE, std::move(values), {});
        } else if (status == HPO_PRUNED) {
            finish(trial, HPO_TRIAL_PRUNED, {}, {});
        } else {
            if (message.empty()) message = trial->failure;
            if (message.empty()) message = std::string("objective failed: ") + status_text(status);
            finish(trial, HPO_TRIAL_FAIL, {}, message);
        }
    }

    // Records the outcome and releases the handle.
    void finish(hpo_trial *trial, hpo_trial_state state, std::vector<double> values, std::string message) {
        const std::unique_ptr<hpo_trial> owned(trial);
        if (watchdog_) watchdog_->finished(trial->number);
        // The engine ended this trial while its objective ran (its time ran out, it asked for
        // a parameter against the study's definition, its heartbeat was judged lost): that end
        // stands, and it is the trial's failure, not the run's.
        if (study_->stopped(trial->number)) return;
        const bool failed_value = state == HPO_TRIAL_COMPLETE &&
                                  std::any_of(values.begin(), values.end(), [](double v) { return std::isnan(v); });
        study_->tell(trial->number, state, std::move(values), message);
        if ((state == HPO_TRIAL_FAIL || failed_value) && !options_.catch_failures) {
            record_error(Error(HPO_EUSER, "trial " + std::to_string(trial->number) + " failed" +
                                              (message.empty() ? std::string() : ": " + message)));
        }
    }

    void record_error(const Error &error) {
        std::lock_guard lock(mutex_);
        if (!error_) error_ = error;
        stop_ = true;
    }

    void rethrow_error() const {
        std::lock_guard lock(mutex_);
        if (error_) throw *error_;
    }

    Study &study() { return *study_; }

    // What a runner that evaluates trials elsewhere must know (hpo_runner_host.describe_run).
    json describe() const {
        json description = study_->run_description();
        description["objective"] = objective_description_;
        return description;
    }

    bool stopped() const {
        return stop_ || study_->stop_requested() || (deadline_ && SteadyClock::now() >= *deadline_) ||
               (options_.n_trials && started_.load() >= *options_.n_trials);
    }

private:

    std::shared_ptr<Study> study_;
    const Objective &objective_;
    const OptimizeOptions &options_;
    json objective_description_;  // {"name", "options"} of an objective plugin; null for a function
    std::optional<SteadyClock::time_point> deadline_;
    std::optional<TrialWatchdog> watchdog_;
    std::atomic<int64_t> started_{0};
    std::atomic<bool> stop_{false};
    mutable std::mutex mutex_;
    std::optional<Error> error_;
};

// Each runner-host function turns exceptions into the run's error and a status.
template <class F>
int32_t guarded(void *ctx, F &&operation) noexcept {
    Run &run = *static_cast<Run *>(ctx);
    try {
        operation(run);
        return HPO_OK;
    } catch (...) {
        std::string message;
        const hpo_status status = current_exception_status(message);
        run.record_error(Error(status, message));
        set_plugin_error(message);
        return status;
    }
}

int32_t host_next_trial(void *ctx, int32_t slot, hpo_trial_ref **out) {
    *out = nullptr;
    return guarded(ctx, [&](Run &run) { *out = to_ref(run.next_trial(slot)); });
}

int32_t host_evaluate(void *ctx, hpo_trial_ref *trial) {
    return guarded(ctx, [&](Run &run) { run.evaluate(from_ref(trial)); });
}

int32_t host_finish(void *ctx, hpo_trial_ref *trial, int32_t state, const double *values, int32_t n_values,
                    const char *message) {
    return guarded(ctx, [&](Run &run) {
        std::vector<double> copied(values, values + (values ? n_values : 0));
        run.finish(from_ref(trial), trial_state_from(state, "runner's finish"), std::move(copied), message ? message : "");
    });
}

int32_t host_params_json(void *ctx, const hpo_trial_ref *trial, char **out) {
    return guarded(ctx, [&](Run &run) { *out = copy_out(run.study().params_json(from_ref(trial)->number).dump()); });
}

int32_t host_set_device(void *ctx, hpo_trial_ref *trial, int32_t device) {
    return guarded(ctx, [&](Run &) { from_ref(trial)->devices.assign(1, device); });
}

int32_t host_describe_run(void *ctx, char **out) {
    return guarded(ctx, [&](Run &run) { *out = copy_out(run.describe().dump()); });
}

int32_t host_stop_requested(void *ctx, int32_t *out_stop) {
    return guarded(ctx, [&](Run &run) { *out_stop = run.stopped() ? 1 : 0; });
}

int32_t host_set_devices(void *ctx, hpo_trial_ref *trial, const int32_t *devices, int32_t n_devices) {
    return guarded(ctx, [&](Run &) {
        if (n_devices < 0 || (n_devices > 0 && devices == nullptr)) {
            fail(HPO_EINVAL, "set_devices: devices must hold n_devices (>= 0) ordinals");
        }
        from_ref(trial)->devices.assign(devices, devices + n_devices);
    });
}

void run_with_plugin(Run &run, const std::shared_ptr<Study> &study, const OptimizeOptions &options) {
    const std::string name = options.runner.empty() ? "threads" : options.runner;
    json runner_options = options.runner_options;
    if (!runner_options.contains("n_jobs") && options.n_jobs != 1) runner_options["n_jobs"] = options.n_jobs;
    const PluginEntry &entry = study->registry()->find(HPO_PLUGIN_RUNNER, name);
    PluginInstance<hpo_runner_ops> runner(entry, runner_options, derive_seed(study->seed(), HPO_PLUGIN_RUNNER, name));
    const hpo_runner_host host = {sizeof(hpo_runner_host), &run,          trial_api(),         host_next_trial,
                                  host_evaluate,           host_finish,   host_params_json,    host_set_device,
                                  host_describe_run,       host_stop_requested, host_set_devices};
    auto lock = runner.lock();
    const int32_t status = runner.ops().run(runner.self(), &host);
    run.rethrow_error();  // the engine's own error says more than the runner's echo of it
    check_plugin_status(status, entry, "run");
}

}  // namespace

OptimizeOptions OptimizeOptions::from_json(const json &options) {
    OptimizeOptions out;
    if (options.is_null()) return out;
    if (!options.is_object()) fail(HPO_EINVAL, "optimize options must be a JSON object");
    for (const auto &item : options.items()) {
        const std::string &key = item.key();
        const json &value = item.value();
        if (key == "n_trials") {
            if (value.is_null()) continue;
            if (!value.is_number_integer() || value.get<int64_t>() < 0) {
                fail(HPO_EINVAL, "optimize options: \"n_trials\" must be a non-negative integer, not " + value.dump());
            }
            out.n_trials = value.get<int64_t>();
        } else if (key == "timeout") {
            if (value.is_null()) continue;
            if (!value.is_number() || !(value.get<double>() > 0)) {
                fail(HPO_EINVAL, "optimize options: \"timeout\" must be a positive number of seconds, not " + value.dump());
            }
            out.timeout = value.get<double>();
        } else if (key == "trial_timeout") {
            if (value.is_null()) continue;
            if (!value.is_number() || !(value.get<double>() > 0)) {
                fail(HPO_EINVAL, "optimize options: \"trial_timeout\" must be a positive number of seconds, not " + value.dump());
            }
            out.trial_timeout = value.get<double>();
        } else if (key == "n_jobs") {
            if (!value.is_number_integer() || value.get<int64_t>() == 0 || value.get<int64_t>() < -1) {
                fail(HPO_EINVAL, "optimize options: \"n_jobs\" must be a positive integer or -1 (all cores), not " +
                                     value.dump());
            }
            out.n_jobs = value.get<int32_t>();
        } else if (key == "runner") {
            if (value.is_string()) {
                out.runner = value.get<std::string>();
            } else if (value.is_object() && value.contains("name") && value["name"].is_string()) {
                out.runner = value["name"].get<std::string>();
                if (value.contains("options")) out.runner_options = value["options"];
            } else {
                fail(HPO_EINVAL, "optimize options: \"runner\" must be a plugin name or {\"name\": ..., \"options\": {...}}");
            }
        } else if (key == "catch") {
            if (!value.is_boolean()) fail(HPO_EINVAL, "optimize options: \"catch\" must be true or false");
            out.catch_failures = value.get<bool>();
        } else {
            fail(HPO_EINVAL, "optimize options: unknown key \"" + key +
                                 "\" (expected n_trials, timeout, trial_timeout, n_jobs, runner, catch)");
        }
    }
    return out;
}

namespace {

// The loop of both optimize functions; objective_description is the objective plugin's
// {"name", "options"}, null for a function of this process.
void run_loop(const std::shared_ptr<Study> &study, const Objective &objective, const OptimizeOptions &options,
              json objective_description) {
    study->clear_stop();
    Run run(study, objective, options, std::move(objective_description));
    if (options.runner.empty() && options.n_jobs == 1) {
        // One job needs no runner plugin: the loop runs on the caller's thread.
        try {
            while (hpo_trial *trial = run.next_trial(0)) run.evaluate(trial);
        } catch (const Error &error) {
            run.record_error(error);
        }
    } else {
        run_with_plugin(run, study, options);
    }
    run.rethrow_error();
}

}  // namespace

void optimize(const std::shared_ptr<Study> &study, const Objective &objective, const OptimizeOptions &options) {
    run_loop(study, objective, options, nullptr);
}

void optimize_plugin(const std::shared_ptr<Study> &study, const json &objective, const OptimizeOptions &options) {
    if (!objective.is_object() || !objective.contains("name") || !objective["name"].is_string()) {
        fail(HPO_EINVAL, "objective must be {\"name\": ..., \"options\": {...}}");
    }
    const std::string name = objective["name"].get<std::string>();
    const json plugin_options = objective.contains("options") ? objective["options"] : json::object();
    const PluginEntry &entry = study->registry()->find(HPO_PLUGIN_OBJECTIVE, name);
    ObjectiveSlots objectives(entry, plugin_options, derive_seed(study->seed(), HPO_PLUGIN_OBJECTIVE, name));
    json description = json::object();
    const ObjectiveSlots::Instance &first = objectives.first();
    if (HPO_INSTANCE_HAS(first, hpo_objective_ops, describe)) {
        char *text = nullptr;
        const int32_t status = first.ops().describe(first.self(), &text);
        const std::string described = first.take(text);
        check_plugin_status(status, entry, "describe");
        if (!described.empty()) description = json::parse(described);
        if (description.contains("space")) study->declare(Space::from_json(description["space"]));
        if (description.contains("directions") && description["directions"].size() != study->n_objectives()) {
            fail(HPO_EINVAL, "objective \"" + name + "\" gives " + std::to_string(description["directions"].size()) +
                                 " values; study \"" + study->name() + "\" has " +
                                 std::to_string(study->n_objectives()) + " directions");
        }
        description.erase("space");  // the study's own space says it
    }
    description["name"] = name;
    description["options"] = plugin_options;
    study->set_objective(std::move(description));
    const Objective evaluate = [&](hpo_trial *trial, double *values, std::size_t n) {
        auto &instance = objectives.for_slot(trial->slot);
        auto lock = instance.lock();
        take_plugin_error();
        const int32_t status = instance.ops().evaluate(instance.self(), trial_api(), to_ref(trial), values,
                                                       static_cast<int32_t>(n));
        if (status < 0 && trial->failure.empty()) trial->failure = take_plugin_error();
        return status;
    };
    run_loop(study, evaluate, options, {{"name", name}, {"options", plugin_options}});
}

}  // namespace hpo
