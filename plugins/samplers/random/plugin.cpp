// The `random` sampler's library.
#include "random_sampler.hpp"

#include <sampler_adapter.hpp>

HPO_PLUGIN_LIBRARY(hpo::samplers::SamplerAdapter<hpo::random_sampler::RandomSampler>)
