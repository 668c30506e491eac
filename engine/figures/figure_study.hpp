// What every figure reads of a study: its directions, its parameters and its trials, parsed
// once from the C API's own JSON (hpo_study_info_json, hpo_study_trials_json and the Pareto
// front), so that a figure is a pure function of what any reader of the study sees.
#pragma once

#include <nlohmann/json.hpp>

#include <cstdint>
#include <functional>
#include <optional>
#include <set>
#include <string>
#include <utility>
#include <vector>

namespace hpo::figures {

using json = nlohmann::ordered_json;

struct ParamInfo {
    std::string name;
    bool categorical = false;
    bool log = false;
    std::vector<std::string> choices;  // a categorical's choices, as axis labels
};

struct TrialPoint {
    int64_t number = 0;
    std::string state;           // "COMPLETE", "PRUNED", "FAIL", "RUNNING", "WAITING"
    std::vector<double> values;  // NaN where missing or infinite: nothing to draw
    json params;                 // {name: value as the user wrote it}; inactive ones absent
    std::vector<std::pair<int64_t, double>> intermediate;  // (step, value), by step
    std::optional<double> start, end;                      // seconds since the epoch
    std::string worker;
    std::string message;
};

struct FigureStudy {
    std::string name;
    std::vector<bool> maximize;  // one per objective
    std::vector<ParamInfo> params;
    std::vector<TrialPoint> trials;  // by number
    std::set<int64_t> front;         // the engine's Pareto front (best trial for one objective)
    // The study's importances for these options (hpo_study_param_importances' answer): a
    // forest fitted on demand, not a document read once; empty where none can be computed.
    std::function<json(const json &)> importances;

    std::size_t n_objectives() const { return maximize.size(); }
    // The parameter of that name; HPO_EINVAL naming the study's parameters when none.
    const ParamInfo &param(const std::string &name) const;
};

// Reads the C API's documents; a malformed one is HPO_EINVAL naming the field.
FigureStudy read_study(const json &info, const json &trials, const json &front);

// "2024-05-01T12:30:05.123456Z" (the engine's times) as seconds since the epoch.
std::optional<double> parse_time(const json &text);
// Seconds since the epoch as plotly reads a date: "2024-05-01 12:30:05.123".
std::string format_time(double seconds);

}  // namespace hpo::figures
