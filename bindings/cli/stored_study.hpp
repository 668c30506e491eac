// What the storage commands (studies, trials, best, delete, dashboard) share: their --storage
// and study-name arguments, opening a stored study by name, and the list of a storage's
// studies with their trial counts.
#pragma once

#include "arguments.hpp"

#include <hpo/hpo.hpp>
#include <nlohmann/json.hpp>

#include <string>

namespace hpo::cli {

// The storage URLs, for the commands' --help.
extern const char *const storage_url_help;

// The --storage URL (the last one given); a UsageError when there is none.
std::string required_storage(const Arguments &arguments, const std::string &command);
// The one positional argument, the study's name; a UsageError otherwise.
std::string required_study_name(const Arguments &arguments, const std::string &command);

// Loads the stored study `name` with the directions and space it was stored with; an
// hpo::Error (HPO_ENOTFOUND) naming the study when the storage holds none of that name.
Study open_stored_study(Engine &engine, const std::string &url, const std::string &name);

// The storage's study records (hpo_engine_studies_json) with what the storage does not keep
// in them, found by loading each study: "n_trials", and "best_value" (null before any trial
// completes) or, for several objectives, "pareto_front_size".
nlohmann::ordered_json summarize_studies(Engine &engine, const std::string &url);

}  // namespace hpo::cli
