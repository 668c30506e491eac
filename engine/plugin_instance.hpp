// A live plugin instance: the library that holds its code, its ops table, the host table
// handed to it, and the lock that serializes calls into instances not declared thread-safe.
#pragma once

#include "error.hpp"
#include "registry.hpp"

#include <hpo/plugin.h>

#include <nlohmann/json.hpp>

#include <memory>
#include <mutex>
#include <optional>
#include <string>

namespace hpo {

// The host table every plugin instance receives; `seed` is the instance's own.
hpo_host make_host(uint64_t seed);

// Leaves a message where take_plugin_error finds it, as host->set_error does.
void set_plugin_error(const std::string &message);

// Takes the message a plugin gave host->set_error on this thread (empty if none).
std::string take_plugin_error();

// Throws hpo::Error when a plugin call failed: "<kind> \"<name>\": <what>: <its message>",
// with the plugin's status where it says what went wrong (HPO_EINVAL, HPO_ESTATE, HPO_EBUSY,
// ...), else HPO_EPLUGIN. Positive statuses (HPO_DONE, HPO_PRUNED) are outcomes and pass through.
int32_t check_plugin_status(int32_t status, const PluginEntry &entry, const char *what);

// The size of hpo_trial_view in ABI `version`: 1.0 ended before the constraints.
uint32_t trial_view_size(uint32_t abi_version);

// A seed for one plugin instance derived from the study's seed, its kind and its name, so
// instances of one study draw independent streams.
uint64_t derive_seed(uint64_t study_seed, hpo_plugin_kind kind, const std::string &name);

template <class Ops>
class PluginInstance {
public:
    PluginInstance(const PluginEntry &entry, const nlohmann::ordered_json &options, uint64_t seed)
        : library_(entry.library), entry_(entry), host_(make_host(seed)) {
        ops_ = static_cast<const Ops *>(entry.info->ops);
        const std::string text = options.dump();
        take_plugin_error();
        check_plugin_status(ops_->create(text.c_str(), &host_, &self_), entry_, "create");
        options_ = options;
    }
    ~PluginInstance() {
        if (self_ != nullptr) ops_->destroy(self_);
    }
    PluginInstance(const PluginInstance &) = delete;
    PluginInstance &operator=(const PluginInstance &) = delete;

    const Ops &ops() const { return *ops_; }
    void *self() const { return self_; }
    const PluginEntry &entry() const { return entry_; }
    std::string name() const { return entry_.info->name; }
    // "sampler \"tpe\"", as errors name a plugin.
    std::string label() const {
        return std::string(plugin_kind_name(static_cast<hpo_plugin_kind>(entry_.info->kind))) + " \"" + name() + "\"";
    }
    // The ABI version the plugin's library answered: what it may be handed.
    uint32_t abi_version() const { return entry_.abi_version; }
    // Bytes per trial view in the study views this plugin reads.
    uint32_t trial_view_stride() const { return trial_view_size(entry_.abi_version); }
    // The text of a string the plugin handed over, released through the host's own free.
    std::string take(char *text) const {
        if (text == nullptr) return {};
        std::string copy = text;
        host_.free(host_.engine, text);
        return copy;
    }
    const nlohmann::ordered_json &options() const { return options_; }

    // Whether the plugin's ops struct, of the size it was built with, has this optional slot
    // set (HPO_HAS_FIELD and a NULL check, as plugin.h prescribes).
#define HPO_INSTANCE_HAS(instance, ops_type, slot)                                   \
    (HPO_HAS_FIELD(&(instance).ops(), ops_type, slot) && (instance).ops().slot != nullptr)

    // Holds the instance's lock for the duration of a call, unless it is thread-safe.
    std::unique_lock<std::mutex> lock() const {
        if (entry_.info->flags & HPO_PLUGIN_THREAD_SAFE) return {};
        return std::unique_lock<std::mutex>(mutex_);
    }

private:
    std::shared_ptr<boost::dll::shared_library> library_;  // destroyed last: after destroy()
    PluginEntry entry_;
    const Ops *ops_ = nullptr;
    hpo_host host_;
    void *self_ = nullptr;
    nlohmann::ordered_json options_;
    mutable std::mutex mutex_;
};

}  // namespace hpo
