// The `nsga2` sampler's library.
#include "nsga2_sampler.hpp"

#include <sampler_adapter.hpp>

HPO_PLUGIN_LIBRARY(hpo::samplers::SamplerAdapter<hpo::nsga2::Nsga2Sampler>)
