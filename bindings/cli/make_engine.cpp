#include "arguments.hpp"
#include "commands.hpp"

#include <nlohmann/json.hpp>

#include <filesystem>

namespace hpo::cli {

Engine make_engine(const std::vector<std::string> &plugin_paths, bool probe_plugins) {
    for (const std::string &path : plugin_paths) {
        std::error_code ec;  // set for a path that cannot be looked at (permissions)
        if (!std::filesystem::exists(path, ec)) {
            throw UsageError("--plugin-path " + path + ": " + (ec ? ec.message() : "no such folder or library"));
        }
    }
    nlohmann::json options{{"plugin_paths", plugin_paths}};
    if (probe_plugins) {
        std::error_code ec;
        const std::filesystem::path self = std::filesystem::read_symlink("/proc/self/exe", ec);
        if (!ec) options["plugin_probe"] = {self.string(), probe_plugin_command_name};
    }
    return Engine(options.dump());
}

int probe_plugin_command(const std::vector<std::string> &args) {
    if (args.size() != 1) throw UsageError("expects one plugin library");
    // Only this library: no folder is scanned, and no probe runs inside the probe.
    Engine engine(R"({"default_paths": false})");
    engine.add_plugin_path(args.front());
    return 0;
}

}  // namespace hpo::cli
