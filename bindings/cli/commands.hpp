// The subcommands of `hpo`. Each returns the process's exit status; a UsageError (exit 2) or
// an hpo::Error (exit 1) thrown out of one is reported by main.
#pragma once

#include <hpo/hpo.hpp>

#include <string>
#include <vector>

namespace hpo::cli {

int plugins_command(const std::vector<std::string> &args);
int run_command(const std::vector<std::string> &args);
int studies_command(const std::vector<std::string> &args);
int trials_command(const std::vector<std::string> &args);
int best_command(const std::vector<std::string> &args);
int delete_command(const std::vector<std::string> &args);
int report_command(const std::vector<std::string> &args);
int dashboard_command(const std::vector<std::string> &args);

// An engine that also scans the folders (or library files) given with --plugin-path. One
// that does not exist is a UsageError naming it: the user typed it just now. A stale folder
// in HPO_PLUGIN_PATH, set once for every run, is only listed as refused by `hpo plugins`.
Engine make_engine(const std::vector<std::string> &plugin_paths);

}  // namespace hpo::cli
