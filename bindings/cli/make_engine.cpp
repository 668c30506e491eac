#include "arguments.hpp"
#include "commands.hpp"

#include <nlohmann/json.hpp>

#include <filesystem>

namespace hpo::cli {

Engine make_engine(const std::vector<std::string> &plugin_paths) {
    for (const std::string &path : plugin_paths) {
        std::error_code ec;  // set for a path that cannot be looked at (permissions)
        if (!std::filesystem::exists(path, ec)) {
            throw UsageError("--plugin-path " + path + ": " + (ec ? ec.message() : "no such folder or library"));
        }
    }
    return Engine(nlohmann::json{{"plugin_paths", plugin_paths}}.dump());
}

}  // namespace hpo::cli
