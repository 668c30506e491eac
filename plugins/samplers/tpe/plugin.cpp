// The `tpe` sampler's library.
#include "tpe_sampler.hpp"

#include <sampler_adapter.hpp>

HPO_PLUGIN_LIBRARY(hpo::samplers::SamplerAdapter<hpo::tpe::TpeSampler>)
