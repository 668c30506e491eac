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
int importance_command(const std::vector<std::string> &args);
// `hpo __probe-plugin FILE`, not for users: loads one plugin library and exits 0. What
// `hpo plugins` runs in a child process for each library before loading it itself, so that a
// library that crashes while loading is listed as refused, named, and the listing goes on.
int probe_plugin_command(const std::vector<std::string> &args);
inline constexpr const char *probe_plugin_command_name = "__probe-plugin";
int report_command(const std::vector<std::string> &args);
int dashboard_command(const std::vector<std::string> &args);

// An engine that also scans the folders (or library files) given with --plugin-path. One
// that does not exist is a UsageError naming it: the user typed it just now. A stale folder
// in HPO_PLUGIN_PATH, set once for every run, is only listed as refused by `hpo plugins`.
// probe_plugins: each library is loaded by `hpo __probe-plugin` in a child process first (the
// engine's plugin_probe), and refused when that does not exit 0.
Engine make_engine(const std::vector<std::string> &plugin_paths, bool probe_plugins = false);

}  // namespace hpo::cli
