// The plugin registry: finds plugin libraries, loads them with Boost.DLL, negotiates the ABI,
// and refuses what it cannot take with a reason naming the file. A library stays loaded as
// long as any instance created from it lives.
#pragma once

#include <hpo/plugin.h>

#include <nlohmann/json.hpp>

#include <deque>
#include <filesystem>
#include <memory>
#include <mutex>
#include <set>
#include <string>
#include <string_view>
#include <vector>

namespace boost::dll {
class shared_library;
}

namespace hpo {

// One plugin of a loaded library.
struct PluginEntry {
    std::shared_ptr<boost::dll::shared_library> library;  // keeps the code mapped
    const hpo_plugin_info *info = nullptr;
    uint32_t abi_version = 0;  // what the library answered
    std::filesystem::path file;
};

struct RefusedLibrary {
    std::filesystem::path file;
    std::string reason;
};

// An entry of a loaded library that this engine cannot use: a plugin of a kind it does not
// know, from a library written for a later ABI. The library's other plugins load.
struct SkippedPlugin {
    std::filesystem::path file;
    int32_t index;
    int32_t kind;
    std::string name;  // "" when the entry gives none
};

// Safe to use from several threads; references find() returns stay valid for the registry's
// lifetime, later add_path calls included.
class Registry {
public:
    // default_paths: the install's plugin folder (beside the engine library) and
    // HPO_PLUGIN_PATH are scanned first. A folder of HPO_PLUGIN_PATH that does not exist is
    // recorded as refused rather than thrown. offered_abi: the ABI version offered to
    // libraries, this engine's own but for tests of how an older engine treats them.
    // probe: a command (argv) that loads one library in a process of its own, the library's
    // path appended; when given, each library is loaded there first and only one whose probe
    // exits 0 is loaded here, so that a library that crashes while loading (a static
    // initializer, its query function) is refused, named, instead of taking this process
    // down. Empty: libraries are loaded here directly.
    explicit Registry(bool default_paths = true, uint32_t offered_abi = HPO_ABI_VERSION,
                      std::vector<std::string> probe = {});

    // Scans a folder for libraries (lib*.so, not recursively, in name order), or loads one
    // file. A path that does not exist throws HPO_ENOTFOUND naming it; libraries that fail
    // are recorded as refused. A file already added (same canonical path) is skipped.
    void add_path(const std::filesystem::path &path);

    // The plugin of that kind and name. Throws HPO_ENOTFOUND with a message that lists the
    // available names of that kind and, if a refused library could have provided it, why
    // it was refused.
    const PluginEntry &find(hpo_plugin_kind kind, std::string_view name) const;

    // {"loaded": [...], "refused": [...], "skipped": [...], "paths": [...]} as
    // hpo_engine_plugins_json documents.
    nlohmann::json to_json() const;

    // The folder the install keeps its plugins in: <dir of the engine library>/hpo/plugins.
    static std::filesystem::path default_plugin_dir();

private:
    // The *_locked functions expect mutex_ held.
    void add_existing_path_locked(const std::filesystem::path &path);
    void scan_folder_locked(const std::filesystem::path &folder);
    void load_library_locked(const std::filesystem::path &file);
    std::string missing_plugin_message_locked(hpo_plugin_kind kind, std::string_view name) const;

    const uint32_t offered_abi_;
    const std::vector<std::string> probe_;
    mutable std::mutex mutex_;
    std::deque<PluginEntry> entries_;  // a deque: growing it moves no entry
    std::vector<RefusedLibrary> refused_;
    std::vector<SkippedPlugin> skipped_;
    std::vector<std::filesystem::path> paths_;     // what was searched, in order
    std::set<std::filesystem::path> seen_files_;  // canonical paths already tried
};

const char *plugin_kind_name(hpo_plugin_kind kind);

}  // namespace hpo
