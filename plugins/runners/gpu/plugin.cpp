// The gpu runner library: one plugin, "gpu".
#include "gpu_runner.hpp"

#include <runner_adapter.hpp>

HPO_PLUGIN_LIBRARY(hpo::runners::RunnerAdapter<hpo::gpu::GpuRunner>)
