// The median scheduler library: one plugin, "median".
#include "median_pruner.hpp"

#include <scheduler_adapter.hpp>

HPO_PLUGIN_LIBRARY(hpo::schedulers::SchedulerAdapter<hpo::schedulers::MedianPruner>)
