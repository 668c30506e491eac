// The `threads` runner plugin: n_jobs slots in a oneTBB arena, each asking for a trial and
// evaluating it in its own thread until the engine has no more. Thread-safe: a run keeps its
// state on its own stack, so one instance may drive several runs at once.
#pragma once

#include <hpo/plugin.h>

namespace hpo::threads_runner {

const hpo_plugin_info &plugin_info();

}  // namespace hpo::threads_runner
