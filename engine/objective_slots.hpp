// The instances of an objective plugin a run evaluates trials with: one shared by every slot
// when the plugin is thread-safe, else one per runner slot, made when the slot first needs
// it, so that an objective that is not thread-safe does not serialize the run.
#pragma once

#include "plugin_instance.hpp"

#include <map>
#include <memory>
#include <mutex>

namespace hpo {

class ObjectiveSlots {
public:
    using Instance = PluginInstance<hpo_objective_ops>;

    // Creates the first instance at once, so that bad options fail before any trial starts.
    ObjectiveSlots(const PluginEntry &entry, nlohmann::ordered_json options, uint64_t seed);

    // The instance of slot `slot` (0 .. n_slots - 1).
    Instance &for_slot(int32_t slot);
    const Instance &first() const { return *first_; }

private:
    const PluginEntry &entry_;
    const nlohmann::ordered_json options_;
    const uint64_t seed_;
    std::unique_ptr<Instance> first_;  // slot 0's, and every slot's when thread-safe
    std::mutex mutex_;
    std::map<int32_t, std::unique_ptr<Instance>> others_;
};

}  // namespace hpo
