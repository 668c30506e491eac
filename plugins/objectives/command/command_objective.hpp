// The `command` objective: any program as the objective, as `orion hunt` and NNI trial
// commands run one. Each trial runs the argv template with the trial's parameters filled in
// (never through a shell), in a folder of its own, with the parameters also in the
// environment and in a JSON file; its stdout lines give intermediate values, as they come,
// and its result (or a JSON file it writes does). A pruned trial's program gets SIGTERM,
// then SIGKILL after a grace period. Thread-safe: a trial's state lives on its own stack.
#pragma once

#include "trial_output.hpp"

#include <hpo_kit/plugin_library.hpp>

#include <hpo/plugin.h>

#include <nlohmann/json.hpp>

#include <chrono>
#include <filesystem>
#include <optional>
#include <span>
#include <string>
#include <vector>

namespace hpo::command {

class CommandObjective {
public:
    static constexpr plugin_kit::About about{
        "command", "Runs a program per trial: parameters in argv, the environment and a JSON file; result from its output",
        R"json({
  "argv": {"type": "array", "required": true, "description": "the program and its arguments; {name} is a parameter's value, {params_file}, {trial_dir} (its working folder) and {trial_number} the trial's own, {launch_dir} the folder the study was started in; {{ and }} are braces"},
  "space": {"type": "object", "description": "the search space to declare on the study, as the study's \"space\" is written"},
  "trials_dir": {"type": "string", "default": "hpo-trials", "description": "folder of the trial folders trial-<number> (params.json, stdout.log, stderr.log)"},
  "result_pattern": {"type": "string", "description": "regular expression with one group per objective; the last stdout line that matches gives the result (default: the last line made of numbers alone)"},
  "result_file": {"type": "string", "description": "JSON file, relative to the trial folder, holding the result instead: a number, an array, or an object read through result_fields"},
  "result_fields": {"type": "array", "default": ["value"], "description": "fields of a result_file object, one per objective"},
  "report_pattern": {"type": "string", "default": "^hpo: step=(\\d+) value=(\\S+)\\s*$", "description": "regular expression whose two groups, step and value, make a stdout line an intermediate value"},
  "grace_period": {"type": "number", "default": 5, "minimum": 0, "description": "seconds between SIGTERM and SIGKILL when a trial is pruned or times out"},
  "timeout": {"type": "number", "minimum": 0, "description": "seconds a trial's program may run before it is stopped and the trial fails"},
  "stderr_lines": {"type": "integer", "default": 10, "minimum": 0, "maximum": 1000, "description": "last lines of stderr in a failed trial's message"}
})json",
        HPO_PLUGIN_THREAD_SAFE};

    // std::invalid_argument for an argv that is empty, not strings or has a bad
    // placeholder, a bad pattern, or both result_pattern and result_file.
    CommandObjective(const plugin_kit::Options &options, const plugin_kit::Host &host);

    // {"space": ...} when the options declare one, else {}.
    [[nodiscard]] std::string describe() const;
    // HPO_OK with the program's result, HPO_PRUNED when the scheduler stopped it;
    // std::runtime_error (the trial FAILs with it) for a program that could not start,
    // exited non-zero or by a signal (with the last lines of its stderr), ran out of time,
    // or gave no result.
    int32_t evaluate(const hpo_trial_api &api, hpo_trial_ref *trial, std::span<double> values) const;

private:
    std::vector<std::string> argv_;
    std::optional<nlohmann::json> space_;
    std::filesystem::path trials_dir_;
    std::optional<std::string> result_file_;
    std::vector<std::string> result_fields_;
    LineParser lines_;
    std::chrono::milliseconds grace_;
    std::optional<std::chrono::milliseconds> timeout_;
    std::size_t stderr_lines_;
    plugin_kit::Host host_;
};

}  // namespace hpo::command
