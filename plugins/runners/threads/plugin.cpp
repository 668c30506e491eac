// The threads runner library: one plugin, "threads".
#include "threads_runner.hpp"

#include <runner_adapter.hpp>

HPO_PLUGIN_LIBRARY(hpo::runners::RunnerAdapter<hpo::runners::ThreadsRunner>)
