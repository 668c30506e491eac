// The process runner library: one plugin, "process". Its worker, hpo-trial-worker, is
// built from worker_main.cpp beside it.
#include "process_runner.hpp"

#include <runner_adapter.hpp>

HPO_PLUGIN_LIBRARY(hpo::runners::RunnerAdapter<hpo::runners::ProcessRunner>)
