// hpo: a header-only C++17 wrapper over the user C API (hpo.h).
//
// RAII handles (move-only, freed in their destructors) and exceptions on the C++ side:
// every error status of hpo.h becomes an hpo::Error carrying the status and the message of
// hpo_last_error(). HPO_PRUNED and HPO_DONE are outcomes, not errors: Study::ask() returns
// an empty optional when the sampler has nothing left, and an objective stops its trial
// early by throwing hpo::TrialPruned. No exception ever crosses into the C library: the
// objective trampoline catches everything and turns it into a failed trial.
#ifndef HPO_HPO_HPP
#define HPO_HPO_HPP

#include "hpo.h"

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <exception>
#include <functional>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

namespace hpo {

// An error status of the C API and its message.
class Error : public std::runtime_error {
public:
    Error(int32_t status, const std::string &message)
        : std::runtime_error(message), status_(status) {}
    int32_t status() const noexcept { return status_; }

private:
    int32_t status_;
};

// Thrown by an objective to end its trial PRUNED (after Trial::report said to stop).
class TrialPruned : public std::exception {
public:
    const char *what() const noexcept override { return "trial pruned"; }
};

namespace detail {

// Returns a non-error status unchanged and throws hpo::Error for an error status.
inline int32_t check(int32_t status) {
    if (status < 0) {
        std::string message = hpo_last_error();
        if (message.empty()) message = hpo_status_string(status);
        throw Error(status, message);
    }
    return status;
}

// Deleter calling one of hpo.h's _free functions.
template <auto Free>
struct Deleter {
    template <typename T>
    void operator()(T *handle) const noexcept {
        Free(handle);
    }
};

// Calls `fill(char **out)` and returns the string it handed out, freeing the original.
template <typename Fill>
std::string take_string(Fill &&fill) {
    char *raw = nullptr;
    check(fill(&raw));
    std::unique_ptr<char, Deleter<hpo_string_free>> owner(raw);
    return raw ? std::string(raw) : std::string();
}

// NULL for an empty string: the C API's "no options".
inline const char *optional_text(const std::string &text) {
    return text.empty() ? nullptr : text.c_str();
}

// A JSON string literal of `text` (UTF-8 passes through; control characters are escaped).
inline std::string json_quote(const std::string &text) {
    std::string out = "\"";
    for (char c : text) {
        switch (c) {
        case '"': out += "\\\""; break;
        case '\\': out += "\\\\"; break;
        case '\n': out += "\\n"; break;
        case '\t': out += "\\t"; break;
        case '\r': out += "\\r"; break;
        default:
            if (static_cast<unsigned char>(c) < 0x20) {
                char escaped[8];
                std::snprintf(escaped, sizeof escaped, "\\u%04x", static_cast<unsigned>(c));
                out += escaped;
            } else {
                out += c;
            }
        }
    }
    return out + "\"";
}

inline std::string json_string_array(const std::vector<std::string> &items) {
    std::string out = "[";
    for (std::size_t i = 0; i < items.size(); ++i) {
        if (i > 0) out += ",";
        out += json_quote(items[i]);
    }
    return out + "]";
}

}  // namespace detail

// The plugin registry. Safe to share between threads.
class Engine {
public:
    // options_json as hpo_engine_new takes it; empty: the defaults.
    explicit Engine(const std::string &options_json = "") {
        hpo_engine *raw = nullptr;
        detail::check(hpo_engine_new(detail::optional_text(options_json), &raw));
        handle_.reset(raw);
    }

    void add_plugin_path(const std::string &path) {
        detail::check(hpo_engine_add_plugin_path(handle_.get(), path.c_str()));
    }
    std::string plugins_json() const {
        return detail::take_string([&](char **out) { return hpo_engine_plugins_json(handle_.get(), out); });
    }
    // The studies a storage holds ("sqlite:///x.db", ...), as a JSON array of study records.
    std::string studies_json(const std::string &storage_url) const {
        return detail::take_string(
            [&](char **out) { return hpo_engine_studies_json(handle_.get(), storage_url.c_str(), out); });
    }
    // Throws hpo::Error (HPO_ENOTFOUND) when the storage holds no study of that name.
    void delete_study(const std::string &storage_url, const std::string &name) {
        detail::check(hpo_engine_delete_study(handle_.get(), storage_url.c_str(), name.c_str()));
    }
    hpo_engine *get() const noexcept { return handle_.get(); }

private:
    std::unique_ptr<hpo_engine, detail::Deleter<hpo_engine_free>> handle_;
};

// One trial: a handle from Study::ask (owned: freed by the destructor) or the one an
// objective receives from Study::optimize (borrowed from the engine).
class Trial {
public:
    // Takes ownership of a handle from hpo_study_ask.
    explicit Trial(hpo_trial *owned) : handle_(owned, TrialDeleter{true}) {}

    int64_t number() const noexcept { return hpo_trial_number(handle_.get()); }
    int64_t id() const noexcept { return hpo_trial_id(handle_.get()); }

    // Define-by-run: the trial's value of `name`, chosen now unless already chosen.
    double suggest_float(const std::string &name, double low, double high, bool log = false,
                         double step = 0.0) {
        double value = 0.0;
        detail::check(hpo_trial_suggest_float(handle_.get(), name.c_str(), low, high, log ? 1 : 0, step, &value));
        return value;
    }
    int64_t suggest_int(const std::string &name, int64_t low, int64_t high, bool log = false,
                        int64_t step = 1) {
        int64_t value = 0;
        detail::check(hpo_trial_suggest_int(handle_.get(), name.c_str(), low, high, log ? 1 : 0, step, &value));
        return value;
    }
    // Returns the chosen string itself.
    std::string suggest_categorical(const std::string &name, const std::vector<std::string> &choices) {
        return choices.at(static_cast<std::size_t>(suggest_categorical_json(name, detail::json_string_array(choices))));
    }
    // choices_json: a JSON array of choices of any type; returns the chosen one's index.
    int64_t suggest_categorical_json(const std::string &name, const std::string &choices_json) {
        int64_t index = 0;
        detail::check(hpo_trial_suggest_categorical(handle_.get(), name.c_str(), choices_json.c_str(), &index));
        return index;
    }
    // Any distribution in the space's JSON form; the internal value (NaN: inactive).
    double suggest(const std::string &name, const std::string &distribution_json) {
        double value = 0.0;
        detail::check(hpo_trial_suggest(handle_.get(), name.c_str(), distribution_json.c_str(), &value));
        return value;
    }

    // A declared or suggested parameter's internal value (NaN: inactive).
    double param(const std::string &name) {
        double value = 0.0;
        detail::check(hpo_trial_param(handle_.get(), name.c_str(), &value));
        return value;
    }
    std::string params_json() {
        return detail::take_string([&](char **out) { return hpo_trial_params_json(handle_.get(), out); });
    }

    // Records an intermediate value; returns whether the scheduler wants the trial stopped.
    bool report(int64_t step, double value) {
        int32_t prune = 0;
        detail::check(hpo_trial_report(handle_.get(), step, value, &prune));
        return prune != 0;
    }
    bool should_prune() {
        int32_t prune = 0;
        detail::check(hpo_trial_should_prune(handle_.get(), &prune));
        return prune != 0;
    }
    void set_user_attr(const std::string &key, const std::string &value_json) {
        detail::check(hpo_trial_set_user_attr(handle_.get(), key.c_str(), value_json.c_str()));
    }
    int32_t device() const noexcept { return hpo_trial_device(handle_.get()); }
    // Every device the trial's runner gave it, in order.
    std::vector<int32_t> devices() const {
        std::size_t n = 0;
        detail::check(hpo_trial_devices(handle_.get(), nullptr, 0, &n));
        std::vector<int32_t> devices(n);
        detail::check(hpo_trial_devices(handle_.get(), devices.data(), devices.size(), &n));
        return devices;
    }
    // The trial's constraint values: feasible when every one is <= 0.
    void set_constraints(const std::vector<double> &values) {
        detail::check(hpo_trial_set_constraints(handle_.get(), values.data(), values.size()));
    }

    // Ends the trial (a handle from Study::ask). A NaN value makes it FAIL.
    void tell(double value) { tell(std::vector<double>{value}); }
    void tell(const std::vector<double> &values) {
        detail::check(hpo_trial_tell(handle_.get(), HPO_TRIAL_COMPLETE, values.data(), values.size(), nullptr));
    }
    void tell_pruned() {
        detail::check(hpo_trial_tell(handle_.get(), HPO_TRIAL_PRUNED, nullptr, 0, nullptr));
    }
    void tell_failed(const std::string &message) {
        detail::check(hpo_trial_tell(handle_.get(), HPO_TRIAL_FAIL, nullptr, 0, message.c_str()));
    }

    hpo_trial *get() const noexcept { return handle_.get(); }

private:
    friend class Study;  // its objective trampoline borrows the engine's handle

    struct TrialDeleter {
        bool owned = true;
        void operator()(hpo_trial *trial) const noexcept {
            if (owned) hpo_trial_free(trial);
        }
    };

    // owned false: the engine keeps the handle (the argument of an hpo_objective_fn).
    Trial(hpo_trial *handle, bool owned) : handle_(handle, TrialDeleter{owned}) {}

    std::unique_ptr<hpo_trial, TrialDeleter> handle_;
};

// A study: its space, trials and plugins. Safe to share between threads.
class Study {
public:
    // An objective of several values (one per direction).
    using MultiObjective = std::function<std::vector<double>(Trial &)>;
    using Objective = std::function<double(Trial &)>;

    // config_json as hpo_study_create takes it. The engine must outlive the study.
    Study(Engine &engine, const std::string &config_json) {
        hpo_study *raw = nullptr;
        detail::check(hpo_study_create(engine.get(), config_json.c_str(), &raw));
        handle_.reset(raw);
    }

    // The next trial, or nothing when the sampler has nothing left to propose.
    std::optional<Trial> ask() {
        hpo_trial *raw = nullptr;
        if (detail::check(hpo_study_ask(handle_.get(), &raw)) == HPO_DONE) return std::nullopt;
        return Trial(raw);
    }
    void enqueue(const std::string &params_json) {
        detail::check(hpo_study_enqueue(handle_.get(), params_json.c_str()));
    }

    // Runs ask -> objective -> tell; options_json as hpo_study_optimize takes it.
    void optimize(const Objective &objective, const std::string &options_json = "") {
        optimize(MultiObjective([&objective](Trial &trial) { return std::vector<double>{objective(trial)}; }),
                 options_json);
    }
    void optimize(const MultiObjective &objective, const std::string &options_json = "") {
        MultiObjective callable = objective;  // the trampoline's user_data
        detail::check(hpo_study_optimize(handle_.get(), &trampoline, detail::optional_text(options_json), &callable));
    }
    // With an objective plugin: objective_json is {"name": ..., "options": {...}}.
    void optimize_plugin(const std::string &objective_json, const std::string &options_json = "") {
        detail::check(hpo_study_optimize_plugin(handle_.get(), objective_json.c_str(),
                                                detail::optional_text(options_json)));
    }
    void stop() { detail::check(hpo_study_stop(handle_.get())); }

    std::string info_json() const {
        return detail::take_string([&](char **out) { return hpo_study_info_json(handle_.get(), out); });
    }
    std::string trials_json() const {
        return detail::take_string([&](char **out) { return hpo_study_trials_json(handle_.get(), out); });
    }
    // Throws hpo::Error (HPO_ENOTFOUND) when no trial has completed yet.
    std::string best_trial_json() const {
        return detail::take_string([&](char **out) { return hpo_study_best_trial_json(handle_.get(), out); });
    }
    std::string best_trials_json() const {
        return detail::take_string([&](char **out) { return hpo_study_best_trials_json(handle_.get(), out); });
    }
    // Parameter importances by fANOVA: options and answer as hpo_study_param_importances.
    std::string param_importances_json(const std::string &options_json = "") const {
        return detail::take_string([&](char **out) {
            return hpo_study_param_importances(handle_.get(), detail::optional_text(options_json), out);
        });
    }
    // A plot as plotly figure JSON (see hpo_study_figure_json); options "" for the defaults.
    std::string figure_json(const std::string &kind, const std::string &options_json = "") const {
        return detail::take_string([&](char **out) {
            return hpo_study_figure_json(handle_.get(), kind.c_str(), detail::optional_text(options_json), out);
        });
    }
    int64_t n_trials() const {
        int64_t n = 0;
        detail::check(hpo_study_n_trials(handle_.get(), &n));
        return n;
    }

    hpo_study *get() const noexcept { return handle_.get(); }

private:
    // The C objective: calls the std::function and keeps every exception on this side.
    static int32_t trampoline(hpo_trial *raw, double *out_values, size_t n_values, void *user_data) noexcept {
        Trial trial(raw, false);
        try {
            std::vector<double> values = (*static_cast<MultiObjective *>(user_data))(trial);
            if (values.size() != n_values) {
                std::string message = "the objective returned " + std::to_string(values.size()) +
                                      " value(s), the study has " + std::to_string(n_values) + " objective(s)";
                return fail(raw, message.c_str());
            }
            for (std::size_t i = 0; i < n_values; ++i) out_values[i] = values[i];
            return HPO_OK;
        } catch (const TrialPruned &) {
            return HPO_PRUNED;
        } catch (const std::exception &e) {
            return fail(raw, e.what());
        } catch (...) {
            return fail(raw, "the objective threw an exception that is not a std::exception");
        }
    }
    static int32_t fail(hpo_trial *raw, const char *message) noexcept {
        hpo_trial_set_failure(raw, message);
        return HPO_EUSER;
    }

    std::unique_ptr<hpo_study, detail::Deleter<hpo_study_free>> handle_;
};

}  // namespace hpo

#endif  // HPO_HPO_HPP
