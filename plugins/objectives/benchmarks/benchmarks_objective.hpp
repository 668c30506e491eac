// The `benchmarks` objective plugin: a standard test function (branin, hartmann6, rosenbrock,
// ackley, sphere, rastrigin, levy, zdt1, mixed) whose space, directions and optimum it
// describes, optionally noisy and slow. Thread-safe: evaluation reads only the instance.
#pragma once

#include <hpo/plugin.h>

namespace hpo::benchmarks {

const hpo_plugin_info &plugin_info();

}  // namespace hpo::benchmarks
