// What the storage commands (studies, trials, best, delete) share: their --storage and
// study-name arguments, and opening a stored study by name.
#pragma once

#include "arguments.hpp"

#include <hpo/hpo.hpp>

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

}  // namespace hpo::cli
