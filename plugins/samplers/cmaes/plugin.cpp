// The `cmaes` sampler's library.
#include "cmaes_sampler.hpp"

#include <sampler_adapter.hpp>

HPO_PLUGIN_LIBRARY(hpo::samplers::SamplerAdapter<hpo::cmaes::CmaesSampler>)
