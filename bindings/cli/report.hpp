// How `hpo` shows trials and the outcome of a study, as text for people.
#pragma once

#include <hpo/hpo.hpp>

#include <nlohmann/json.hpp>

#include <optional>
#include <string>
#include <vector>

namespace hpo::cli {

// A parameter or objective value: floats to 6 significant digits, the rest as JSON.
std::string format_value(const nlohmann::ordered_json &value);
// A trial's values, "0.397887" or "1.2, 3.4"; "-" for a trial without values.
std::string format_values(const nlohmann::ordered_json &values);
// "#12  value 0.397887" then one indented "name = value" line per parameter.
std::string format_trial(const nlohmann::ordered_json &trial);
// "Best trial:" (or "Pareto front:") then each trial of `best`; "" when it is empty.
std::string format_best(const nlohmann::ordered_json &best, bool several_objectives);
// Rows of cells as columns two spaces apart, each as wide as its widest cell; the last
// column is not padded.
std::string format_table(const std::vector<std::vector<std::string>> &rows);

// {"COMPLETE": n, "PRUNED": n, "FAIL": n, ...} over a trials array.
nlohmann::ordered_json count_states(const nlohmann::ordered_json &trials);
// "48 COMPLETE, 2 FAIL" from count_states.
std::string describe_counts(const nlohmann::ordered_json &counts);
// Seconds from a trial's start to its end; none while it runs or when a time is missing.
std::optional<double> trial_duration(const nlohmann::ordered_json &trial);

// Whether a study (hpo_study_info_json, or a storage's study record) has several objectives.
bool has_several_objectives(const nlohmann::ordered_json &study);
// The Pareto front, or the best trial alone for one objective (the front would also hold
// the trials that tie with it); empty when no trial has completed.
nlohmann::ordered_json best_trials(const Study &study, bool several_objectives);

}  // namespace hpo::cli
