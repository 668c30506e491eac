#include "objective_loader.hpp"

#include <cstdio>
#include <cstdlib>
#include <dlfcn.h>
#include <stdexcept>

namespace hpo::runners {
namespace {

// The objective `name` in the library at `path`, or nullptr (the library stays open then).
const hpo_plugin_info *find_objective(void *library, const std::string &name) {
    const auto query = reinterpret_cast<hpo_plugin_query_fn>(dlsym(library, HPO_PLUGIN_QUERY_SYMBOL));
    if (query == nullptr) return nullptr;
    const hpo_plugin_table *table = query(HPO_ABI_VERSION);
    if (table == nullptr || table->n_plugins <= 0 || table->plugins == nullptr) return nullptr;
    const uint32_t stride = table->plugins[0].struct_size;
    for (int32_t i = 0; i < table->n_plugins; ++i) {
        const auto *info = reinterpret_cast<const hpo_plugin_info *>(
            reinterpret_cast<const char *>(table->plugins) + static_cast<std::size_t>(i) * stride);
        if (info->kind == HPO_PLUGIN_OBJECTIVE && info->name != nullptr && name == info->name) return info;
    }
    return nullptr;
}

}  // namespace

std::string &LoadedObjective::last_error() {
    static std::string message;  // the worker runs one trial on one thread
    return message;
}

LoadedObjective::LoadedObjective(const std::vector<std::filesystem::path> &folders, const std::string &name,
                                 const std::string &options_json, uint64_t seed) {
    const hpo_plugin_info *info = nullptr;
    std::string searched;
    for (const auto &folder : folders) {
        searched += (searched.empty() ? "" : ", ") + folder.string();
        std::error_code error;
        for (const auto &entry : std::filesystem::directory_iterator(folder, error)) {
            const std::string file = entry.path().filename().string();
            if (!file.starts_with("lib") || !file.ends_with(".so")) continue;
            void *library = dlopen(entry.path().c_str(), RTLD_NOW | RTLD_LOCAL);
            if (library == nullptr) continue;
            info = find_objective(library, name);
            if (info != nullptr) break;  // stays loaded for the worker's life
            dlclose(library);
        }
        if (info != nullptr) break;
    }
    if (info == nullptr) throw std::runtime_error("no objective plugin \"" + name + "\" in " + searched);
    ops_ = static_cast<const hpo_objective_ops *>(info->ops);
    host_.struct_size = sizeof host_;
    host_.abi_version = HPO_ABI_VERSION;
    host_.alloc = [](void *, size_t size) { return std::malloc(size); };
    host_.free = [](void *, void *ptr) { std::free(ptr); };
    host_.set_error = [](void *, const char *message) { last_error() = message != nullptr ? message : ""; };
    host_.log = [](void *, int32_t level, const char *message) {
        if (level >= HPO_LOG_WARNING) std::fprintf(stderr, "hpo: %s\n", message);
    };
    host_.seed = seed;
    const int32_t status = ops_->create(options_json.c_str(), &host_, &self_);
    if (status < 0) throw std::runtime_error("objective \"" + name + "\": " + last_error());
}

LoadedObjective::~LoadedObjective() {
    if (self_ != nullptr) ops_->destroy(self_);
}

int32_t LoadedObjective::evaluate(const hpo_trial_api &api, hpo_trial_ref *trial, double *values, int32_t n_values) {
    return ops_->evaluate(self_, &api, trial, values, n_values);
}

}  // namespace hpo::runners
