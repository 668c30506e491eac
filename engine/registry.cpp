#include "registry.hpp"

#include "error.hpp"
#include "plugin_check.hpp"

#include <boost/dll/shared_library.hpp>
#include <hpo_kit/child_process.hpp>

#include <dlfcn.h>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <thread>

namespace hpo {

namespace fs = std::filesystem;

namespace {

// A library opened and asked for its plugins: the table, or why it cannot be taken.
struct OpenedLibrary {
    std::shared_ptr<boost::dll::shared_library> library;
    const hpo_plugin_table *table = nullptr;
    std::string refusal;  // empty when the table passed every check
};

OpenedLibrary refuse(std::string reason) { return {nullptr, nullptr, std::move(reason)}; }

OpenedLibrary open_library(const fs::path &file, uint32_t offered_abi) {
    namespace dll = boost::dll;
    auto library = std::make_shared<dll::shared_library>();
    dll::fs::error_code ec;
    // rtld_local: two plugins defining the same symbol must not bind to each other's.
    library->load(file, dll::load_mode::rtld_now | dll::load_mode::rtld_local, ec);
    if (ec) {
        // Boost reports every dlopen failure as bad_file_descriptor; the loader's own words
        // (not an ELF file, a missing dependency, an undefined symbol) are left in dlerror().
        const char *detail = dlerror();
        return refuse("cannot be loaded: " + (detail ? std::string(detail) : ec.message()));
    }
    if (!library->has(HPO_PLUGIN_QUERY_SYMBOL))
        return refuse("no " HPO_PLUGIN_QUERY_SYMBOL " symbol: not an hpo plugin");

    auto &query = library->get<const hpo_plugin_table *(uint32_t)>(HPO_PLUGIN_QUERY_SYMBOL);
    const hpo_plugin_table *table = nullptr;
    try {
        table = query(offered_abi);
    } catch (...) {  // a C++ plugin broke the ABI's rule; it is refused, the engine goes on
        return refuse(HPO_PLUGIN_QUERY_SYMBOL " threw an exception");
    }
    if (auto reason = check_plugin_table(table, offered_abi)) return refuse(*reason);
    return {std::move(library), table, {}};
}

// How long a probe may take to load one library before it is stopped and the library refused.
constexpr std::chrono::seconds probe_time_limit{30};

// Loads `file` with the probe command in a child process: empty when the probe exited 0, else
// why the library is refused. A child process, not a signal handler around dlopen: a crash
// in a static initializer may have corrupted this process's heap or loader state, a library
// may call exit() or hang, and a signal handler would also catch other threads' faults; in
// a child, whatever the library does ends with the child. The child is started with
// posix_spawn (the kit's ChildProcess), never fork() of a process that may have threads.
std::string probe_library(const std::vector<std::string> &probe, const fs::path &file) {
    plugin_kit::SpawnRequest request;
    request.argv = probe;
    request.argv.push_back(file.string());
    request.environment = plugin_kit::current_environment();
    request.stdout_path = "/dev/null";
    plugin_kit::ExitStatus status;
    try {
        plugin_kit::ChildProcess child(request);
        const auto deadline = std::chrono::steady_clock::now() + probe_time_limit;
        while (!child.exited() && std::chrono::steady_clock::now() < deadline)
            std::this_thread::sleep_for(std::chrono::milliseconds(2));
        if (!child.exited()) {
            child.terminate(std::chrono::milliseconds(100));
            return "did not finish loading in a probe process: " +
                   plugin_kit::timed_out_after(std::chrono::duration_cast<std::chrono::milliseconds>(probe_time_limit)) +
                   "; not loaded";
        }
        status = child.wait();
    } catch (const std::exception &e) {  // the probe command cannot be started
        return std::string("cannot be probed: ") + e.what() + "; not loaded";
    }
    if (status.succeeded()) return {};
    return std::string("loading it in a probe process failed: the probe ") + (status.signal != 0 ? "was " : "") +
           status.describe() +
           (status.signal != 0 ? ", a crash in the library's initializers or query function" : "") +
           "; not loaded";
}

bool is_library_name(const std::string &name) {
    return name.size() > 6 && name.starts_with("lib") && name.ends_with(".so");
}

// The folders of a ':'-separated search path, empty entries skipped.
std::vector<fs::path> split_search_path(std::string_view text) {
    std::vector<fs::path> folders;
    while (!text.empty()) {
        std::size_t colon = text.find(':');
        std::string_view folder = text.substr(0, colon);
        if (!folder.empty()) folders.emplace_back(folder);
        text = colon == std::string_view::npos ? std::string_view() : text.substr(colon + 1);
    }
    return folders;
}

std::string join(const std::vector<std::string> &items) {
    std::string joined;
    for (const std::string &item : items) joined += (joined.empty() ? "" : ", ") + item;
    return joined;
}

bool same_plugin(const hpo_plugin_info &a, const hpo_plugin_info &b) {
    return a.kind == b.kind && std::string_view(a.name) == b.name;
}

std::string plugin_label(const hpo_plugin_info &info) {
    return std::string(plugin_kind_name(static_cast<hpo_plugin_kind>(info.kind))) + " \"" +
           info.name + "\"";
}

// A plugin's options as a user writes them: its own schema, and the options the engine takes
// on its behalf and strips before the plugin sees them (a relative sampler's "fallback",
// study.cpp), so that a listing shows every option that works.
nlohmann::json listed_options(const hpo_plugin_info &info) {
    nlohmann::json options = parse_options_schema(info.options_schema_json);  // checked at load
    if (info.kind != HPO_PLUGIN_SAMPLER) return options;
    const auto *ops = static_cast<const hpo_sampler_ops *>(info.ops);
    if (HPO_HAS_FIELD(ops, hpo_sampler_ops, sample_relative) && ops->sample_relative != nullptr) {
        options["fallback"] = {
            {"type", "string|object"},
            {"description", "taken by the engine: the sampler (a name, or {\"name\", \"options\"}) that draws "
                            "the parameters this one leaves to one-at-a-time sampling; its own by default"}};
    }
    return options;
}

}  // namespace

const char *plugin_kind_name(hpo_plugin_kind kind) {
    switch (kind) {
    case HPO_PLUGIN_SAMPLER: return "sampler";
    case HPO_PLUGIN_SCHEDULER: return "scheduler";
    case HPO_PLUGIN_STORAGE: return "storage";
    case HPO_PLUGIN_RUNNER: return "runner";
    case HPO_PLUGIN_OBJECTIVE: return "objective";
    }
    return "unknown";
}

Registry::Registry(bool default_paths, uint32_t offered_abi, std::vector<std::string> probe)
    : offered_abi_(offered_abi), probe_(std::move(probe)) {
    if (!default_paths) return;
    std::lock_guard lock(mutex_);
    std::error_code ec;
    fs::path install_dir = default_plugin_dir();
    if (!install_dir.empty() && fs::is_directory(install_dir, ec))
        add_existing_path_locked(install_dir);
    const char *env = std::getenv("HPO_PLUGIN_PATH");
    for (const fs::path &folder : split_search_path(env ? env : "")) {
        // A stale entry in the environment should not stop the engine from starting.
        if (fs::exists(folder, ec))
            add_existing_path_locked(folder);
        else
            refused_.push_back({folder, "folder named in HPO_PLUGIN_PATH does not exist"});
    }
}

fs::path Registry::default_plugin_dir() {
    Dl_info info{};
    if (!dladdr(reinterpret_cast<const void *>(&Registry::default_plugin_dir), &info) ||
        !info.dli_fname || !*info.dli_fname)
        return {};
    fs::path module = info.dli_fname;
    std::error_code ec;
    // A relative name is how the library was opened (dlopen("build/lib/libhpo.so"), as
    // ctypes does with a relative path), relative to the current directory; or the main
    // program as it was started (argv[0], maybe relative to a directory since left), where
    // the kernel knows the real place.
    if (module.is_relative()) {
        const fs::path opened = fs::absolute(module, ec);
        module = !ec && fs::is_regular_file(opened, ec) ? opened : fs::read_symlink("/proc/self/exe", ec);
    }
    if (ec) return {};
    return module.parent_path() / "hpo" / "plugins";
}

void Registry::add_path(const fs::path &path) {
    std::lock_guard lock(mutex_);
    std::error_code ec;
    if (!fs::exists(path, ec))
        fail(HPO_ENOTFOUND, "plugin folder \"" + path.string() + "\" does not exist");
    add_existing_path_locked(path);
}

void Registry::add_existing_path_locked(const fs::path &path) {
    fs::path absolute = fs::absolute(path).lexically_normal();
    if (!absolute.has_filename()) absolute = absolute.parent_path();  // "dir/" -> "dir"
    if (std::find(paths_.begin(), paths_.end(), absolute) == paths_.end())
        paths_.push_back(absolute);
    std::error_code ec;
    if (fs::is_directory(absolute, ec))
        scan_folder_locked(absolute);
    else
        load_library_locked(absolute);
}

void Registry::scan_folder_locked(const fs::path &folder) {
    std::vector<fs::path> files;
    std::error_code ec;
    for (fs::directory_iterator it(folder, ec), end; !ec && it != end; it.increment(ec)) {
        std::error_code type_ec;
        if (it->is_regular_file(type_ec) && is_library_name(it->path().filename().string()))
            files.push_back(it->path());
    }
    if (ec) {
        refused_.push_back({folder, "folder cannot be read: " + ec.message()});
        return;
    }
    // Name order, so that which of two libraries providing one name wins is reproducible.
    std::sort(files.begin(), files.end());
    for (const fs::path &file : files) load_library_locked(file);
}

void Registry::load_library_locked(const fs::path &file) {
    std::error_code ec;
    fs::path canonical = fs::canonical(file, ec);
    if (ec) {
        refused_.push_back({file, "cannot be resolved: " + ec.message()});
        return;
    }
    if (!seen_files_.insert(canonical).second) return;  // the same library, by another way

    try {
        if (!probe_.empty()) {
            if (std::string reason = probe_library(probe_, file); !reason.empty()) {
                refused_.push_back({file, reason});
                return;
            }
        }
        OpenedLibrary opened = open_library(file, offered_abi_);
        if (!opened.refusal.empty()) {
            refused_.push_back({file, opened.refusal});
            return;
        }
        const hpo_plugin_table &table = *opened.table;
        for (int32_t i = 0; i < table.n_plugins; ++i) {
            const hpo_plugin_info &info = plugin_info_at(table, i);
            if (!is_known_kind(info.kind)) continue;
            for (const PluginEntry &entry : entries_) {
                if (same_plugin(*entry.info, info)) {
                    refused_.push_back({file, plugin_label(info) + " is already provided by " +
                                                  entry.file.string()});
                    return;
                }
            }
            for (int32_t j = 0; j < i; ++j) {
                if (is_known_kind(plugin_info_at(table, j).kind) && same_plugin(plugin_info_at(table, j), info)) {
                    refused_.push_back({file, plugin_label(info) + " is listed twice"});
                    return;
                }
            }
        }
        for (int32_t i = 0; i < table.n_plugins; ++i) {
            const hpo_plugin_info &info = plugin_info_at(table, i);
            if (is_known_kind(info.kind)) {
                entries_.push_back({opened.library, &info, table.abi_version, file});
            } else {
                skipped_.push_back({file, i, info.kind, info.name != nullptr ? info.name : ""});
            }
        }
    } catch (const std::exception &e) {
        refused_.push_back({file, std::string("loading failed: ") + e.what()});
    }
}

const PluginEntry &Registry::find(hpo_plugin_kind kind, std::string_view name) const {
    std::lock_guard lock(mutex_);
    for (const PluginEntry &entry : entries_)
        if (entry.info->kind == kind && entry.info->name == name) return entry;
    fail(HPO_ENOTFOUND, missing_plugin_message_locked(kind, name));
}

std::string Registry::missing_plugin_message_locked(hpo_plugin_kind kind,
                                                    std::string_view name) const {
    const std::string kind_name = plugin_kind_name(kind);
    std::string message = "no " + kind_name + " plugin named \"" + std::string(name) + "\"";

    std::vector<std::string> available;
    for (const PluginEntry &entry : entries_)
        if (entry.info->kind == kind) available.emplace_back(entry.info->name);
    std::sort(available.begin(), available.end());
    if (!available.empty()) {
        message += "; available " + kind_name + "s: " + join(available);
    } else {
        std::vector<std::string> searched;
        for (const fs::path &path : paths_) searched.push_back(path.string());
        message += "; no " + kind_name + " plugin was found" +
                   (searched.empty() ? std::string(" (no plugin folder was searched)")
                                     : " in " + join(searched));
    }

    for (const SkippedPlugin &skipped : skipped_) {
        if (skipped.name == name) {
            message += "; " + skipped.file.filename().string() + " holds a plugin \"" + skipped.name + "\" of kind " +
                       std::to_string(skipped.kind) + ", which this engine does not know";
        }
    }
    // A refused library whose file is named after the plugin is likely the one meant.
    for (const RefusedLibrary &refused : refused_) {
        if (!name.empty() && refused.file.stem().string().find(name) != std::string::npos)
            message += "; " + refused.file.filename().string() + " was refused: " + refused.reason;
    }
    return message;
}

nlohmann::json Registry::to_json() const {
    std::lock_guard lock(mutex_);
    nlohmann::json loaded = nlohmann::json::array();
    for (const PluginEntry &entry : entries_) {
        const hpo_plugin_info &info = *entry.info;
        loaded.push_back({
            {"kind", plugin_kind_name(static_cast<hpo_plugin_kind>(info.kind))},
            {"name", info.name},
            {"summary", info.summary ? info.summary : ""},
            {"file", entry.file.string()},
            {"abi_version", abi_version_string(entry.abi_version)},
            {"thread_safe", (info.flags & HPO_PLUGIN_THREAD_SAFE) != 0},
            {"options", listed_options(info)},
        });
    }
    nlohmann::json refused = nlohmann::json::array();
    for (const RefusedLibrary &library : refused_)
        refused.push_back({{"file", library.file.string()}, {"reason", library.reason}});
    nlohmann::json skipped = nlohmann::json::array();
    for (const SkippedPlugin &plugin : skipped_) {
        skipped.push_back({{"file", plugin.file.string()},
                           {"entry", plugin.index},
                           {"kind", plugin.kind},
                           {"name", plugin.name},
                           {"reason", "kind " + std::to_string(plugin.kind) +
                                          " is not one this engine knows (1 sampler .. 5 objective): the library's "
                                          "other plugins are loaded"}});
    }
    nlohmann::json paths = nlohmann::json::array();
    for (const fs::path &path : paths_) paths.push_back(path.string());
    return {{"loaded", std::move(loaded)},
            {"refused", std::move(refused)},
            {"skipped", std::move(skipped)},
            {"paths", std::move(paths)}};
}

}  // namespace hpo
