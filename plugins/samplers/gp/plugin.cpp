// The `gp` sampler's library.
#include "gp_sampler.hpp"

#include <sampler_adapter.hpp>

HPO_PLUGIN_LIBRARY(hpo::samplers::SamplerAdapter<hpo::gp::GpSampler>)
