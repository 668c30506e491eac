// The `grid` sampler's library.
#include "grid_sampler.hpp"

#include <sampler_adapter.hpp>

HPO_PLUGIN_LIBRARY(hpo::samplers::SamplerAdapter<hpo::grid::GridSampler>)
