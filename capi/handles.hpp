// What hpo.h's opaque engine and study handles hold. (hpo_trial is the engine's own
// handle, shared with the plugin ABI: engine/live_trial.hpp.)
#pragma once

#include "registry.hpp"
#include "study.hpp"

#include <memory>

struct hpo_engine {
    std::shared_ptr<hpo::Registry> registry;
};

struct hpo_study {
    std::shared_ptr<hpo::Study> study;
};
