// The options parser of every in-tree plugin but the storages (whose options name files and
// servers): the first byte picks the plugin, the rest is the options text handed to its
// create, as the engine hands it. create either succeeds (and destroy frees all) or fails
// with a status and a message.
#include "fuzz_support.hpp"

#include "plugin_instance.hpp"
#include "registry.hpp"

#include <hpo/plugin.h>

#include <vector>

namespace {

struct OpsHead {
    HPO_PLUGIN_OPS_HEAD;
};

const std::vector<const hpo::PluginEntry *> &plugins() {
    static const auto registry = [] {
        auto made = std::make_shared<hpo::Registry>(false);
        made->add_path(HPO_FUZZ_PLUGIN_DIR);
        return made;
    }();
    static const std::vector<const hpo::PluginEntry *> found = [] {
        std::vector<const hpo::PluginEntry *> entries;
        const auto listed = registry->to_json();
        for (const auto &loaded : listed["loaded"]) {
            for (const hpo_plugin_kind kind :
                 {HPO_PLUGIN_SAMPLER, HPO_PLUGIN_SCHEDULER, HPO_PLUGIN_RUNNER, HPO_PLUGIN_OBJECTIVE}) {
                if (loaded["kind"] == hpo::plugin_kind_name(kind)) {
                    entries.push_back(&registry->find(kind, loaded["name"].get<std::string>()));
                }
            }
        }
        if (entries.empty()) std::abort();  // no plugins found: nothing would be fuzzed
        return entries;
    }();
    return found;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    if (size == 0) return 0;
    const hpo::PluginEntry &entry = *plugins()[data[0] % plugins().size()];
    const std::string options(reinterpret_cast<const char *>(data) + 1, size - 1);
    const auto *ops = static_cast<const OpsHead *>(entry.info->ops);
    const hpo_host host = hpo::make_host(1);
    void *self = nullptr;
    const int32_t status = ops->create(options.c_str(), &host, &self);
    const std::string error = hpo::take_plugin_error();
    if (status == HPO_OK) {
        if (self == nullptr) std::abort();
        ops->destroy(self);
    } else if (status > 0 || self != nullptr) {
        std::abort();  // a failed create hands nothing out
    }
    return 0;
}
