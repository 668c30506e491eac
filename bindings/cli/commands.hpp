// The subcommands of `hpo`. Each returns the process's exit status; a UsageError (exit 2) or
// an hpo::Error (exit 1) thrown out of one is reported by main.
#pragma once

#include <hpo/hpo.hpp>

#include <nlohmann/json.hpp>

#include <string>
#include <vector>

namespace hpo::cli {

int plugins_command(const std::vector<std::string> &args);
int run_command(const std::vector<std::string> &args);
int studies_command(const std::vector<std::string> &args);
int trials_command(const std::vector<std::string> &args);
int best_command(const std::vector<std::string> &args);
int delete_command(const std::vector<std::string> &args);

// An engine that also scans the folders given with --plugin-path.
inline Engine make_engine(const std::vector<std::string> &plugin_paths) {
    return Engine(nlohmann::json{{"plugin_paths", plugin_paths}}.dump());
}

}  // namespace hpo::cli
