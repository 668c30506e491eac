// The `random` sampler plugin: each parameter independently from its prior (uniform, log-uniform,
// stepped, or a truncated normal). Thread-safe: it keeps no mutable state.
#pragma once

#include <hpo/plugin.h>

namespace hpo::random_sampler {

const hpo_plugin_info &plugin_info();

}  // namespace hpo::random_sampler
