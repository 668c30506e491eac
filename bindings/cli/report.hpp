// How `hpo run` shows trials and the outcome of a study, as text for people.
#pragma once

#include <nlohmann/json.hpp>

#include <string>

namespace hpo::cli {

// A parameter or objective value: floats to 6 significant digits, the rest as JSON.
std::string format_value(const nlohmann::ordered_json &value);
// "#12  value 0.397887" then one indented "name = value" line per parameter.
std::string format_trial(const nlohmann::ordered_json &trial);
// {"COMPLETE": n, "PRUNED": n, "FAIL": n, ...} over a trials array.
nlohmann::ordered_json count_states(const nlohmann::ordered_json &trials);

}  // namespace hpo::cli
