// What the engine records of one trial, and its JSON form.
#pragma once

#include "space.hpp"

#include <hpo/common.h>

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace hpo {

using Clock = std::chrono::system_clock;

struct TrialRecord {
    int64_t id = 0;
    int64_t number = 0;
    hpo_trial_state state = HPO_TRIAL_WAITING;
    std::vector<double> params;            // one per study parameter; NaN: inactive / not chosen
    std::vector<double> values;            // one per objective once COMPLETE (or PRUNED)
    std::vector<double> constraints;       // feasible when every one is <= 0; empty: none set
    std::vector<int64_t> steps;            // intermediate values, in increasing step order
    std::vector<double> intermediate;
    // Null until set, as most trials have none: an empty object would cost an allocation.
    json user_attrs;
    json system_attrs;
    std::string system_attrs_text = "{}";  // system_attrs as handed to plugins
    json fixed_params;                     // enqueued values of parameters not yet in the space
    std::string message;                   // why it failed
    std::optional<Clock::time_point> started, completed;

    bool finished() const {
        return state == HPO_TRIAL_COMPLETE || state == HPO_TRIAL_PRUNED || state == HPO_TRIAL_FAIL;
    }
    void set_system_attrs(json attrs);
    // Records an intermediate value; a step reported twice keeps its first value.
    void add_intermediate(int64_t step, double value);
    // The user-facing form documented at hpo_study_trials_json.
    json to_json(const Space &space) const;
    // The form storages keep: the same, but parameters as internal values (NaN as null),
    // and the worker and heartbeat.
    json to_storage_json(const Space &space) const;
    // Reads the storage form back; parameters the space lacks are returned by name.
    static TrialRecord from_storage_json(const json &record, const Space &space, std::vector<std::string> &unknown);

    std::string worker;
    double heartbeat = 0;  // seconds since the epoch; 0 for none
};

const char *trial_state_name(hpo_trial_state state);
// An objective or intermediate value in JSON, which has no infinities: a finite number as
// itself, +-inf as "inf" and "-inf", NaN as null; and back.
json encode_number(double value);
double decode_number(const json &value);
hpo_trial_state parse_trial_state(const std::string &name);

}  // namespace hpo
