// What a command trial's program is given: its argv with {placeholders} filled in, and its
// environment with the parameters in it. Nothing here goes through a shell: a parameter's
// text becomes one argv element or one variable's value, whatever characters it holds.
#pragma once

#include <nlohmann/json.hpp>

#include <map>
#include <string>
#include <vector>

namespace hpo::command {

// Placeholder name -> text: every parameter, and params_file, trial_dir, trial_number,
// launch_dir.
using Placeholders = std::map<std::string, std::string>;

// A parameter's value as the program reads it: a string as it is, a number or boolean as
// JSON writes it (0.001, 3, true), an inactive parameter (null) as the empty string.
std::string parameter_text(const nlohmann::json &value);

// Checks an argv template's placeholder syntax: "{name}" is replaced, "{{" and "}}" are
// literal braces. std::invalid_argument naming the element for anything else.
void check_template(const std::vector<std::string> &argv_template);

// The argv for one trial. std::invalid_argument naming the element and the placeholder when
// a placeholder is neither a parameter nor one of the trial's own names.
std::vector<std::string> expand_argv(const std::vector<std::string> &argv_template, const Placeholders &values);

// HPO_PARAM_<NAME> for a parameter: upper case, every character but A-Z and 0-9 an '_'.
std::string parameter_variable(const std::string &name);

// `inherited` with HPO_PARAM_* for every active parameter and HPO_TRIAL_NUMBER,
// HPO_TRIAL_DIR, HPO_PARAMS_FILE (and CUDA_VISIBLE_DEVICES when `devices` is not empty)
// set, replacing any of those names already there. Where `inherited` has a
// CUDA_VISIBLE_DEVICES of its own that lists every device, the devices are indices into it
// (as CUDA numbers them in that process), and the program gets the entries they name.
std::vector<std::string> trial_environment(std::vector<std::string> inherited, const nlohmann::json &params,
                                           const Placeholders &trial_values, const std::vector<int> &devices);

}  // namespace hpo::command
