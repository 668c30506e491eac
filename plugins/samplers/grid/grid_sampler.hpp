// The `grid` sampler plugin: every configuration of a declared space once, in a seeded
// shuffle, skipping those any trial (running ones included) already holds; HPO_DONE when none
// is left. Not thread-safe: it caches the grid of the last subspace it saw.
#pragma once

#include <hpo/plugin.h>

namespace hpo::grid {

const hpo_plugin_info &plugin_info();

}  // namespace hpo::grid
