// Drawing one parameter's value from its prior, from a stream that depends only on
// (seed, trial number, parameter index): the same trial gets the same values whichever
// thread asks and in whichever order.
#pragma once

#include <hpo/plugin.h>

#include <hpo_kit/random_stream.hpp>

namespace hpo::random_sampler {

// A value of the parameter's domain, as an internal double (a categorical's index).
double draw(const hpo_param_info &param, plugin_kit::RandomStream &stream);

}  // namespace hpo::random_sampler
