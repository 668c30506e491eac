// The `genetic` sampler's library.
#include "genetic_sampler.hpp"

#include <sampler_adapter.hpp>

HPO_PLUGIN_LIBRARY(hpo::samplers::SamplerAdapter<hpo::genetic::GeneticSampler>)
