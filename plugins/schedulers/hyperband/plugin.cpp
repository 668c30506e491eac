// The hyperband scheduler library: one plugin, "hyperband".
#include "hyperband_scheduler.hpp"

#include <scheduler_adapter.hpp>

HPO_PLUGIN_LIBRARY(hpo::schedulers::SchedulerAdapter<hpo::schedulers::HyperbandScheduler>)
