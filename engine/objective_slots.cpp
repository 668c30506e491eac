#include "objective_slots.hpp"

namespace hpo {

ObjectiveSlots::ObjectiveSlots(const PluginEntry &entry, nlohmann::ordered_json options, uint64_t seed)
    : entry_(entry), options_(std::move(options)), seed_(seed),
      first_(std::make_unique<Instance>(entry_, options_, seed_)) {}

ObjectiveSlots::Instance &ObjectiveSlots::for_slot(int32_t slot) {
    if (slot == 0 || (entry_.info->flags & HPO_PLUGIN_THREAD_SAFE) != 0) return *first_;
    std::lock_guard lock(mutex_);
    auto &instance = others_[slot];
    // Every slot's instance has the same seed: a trial's result must not depend on which
    // slot ran it.
    if (!instance) instance = std::make_unique<Instance>(entry_, options_, seed_);
    return *instance;
}

}  // namespace hpo
