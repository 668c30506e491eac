// The `anneal` sampler's library.
#include "anneal_sampler.hpp"

#include <sampler_adapter.hpp>

HPO_PLUGIN_LIBRARY(hpo::samplers::SamplerAdapter<hpo::anneal::AnnealSampler>)
