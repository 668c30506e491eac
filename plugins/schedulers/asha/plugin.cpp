// The asha scheduler library: one plugin, "asha".
#include "asha_scheduler.hpp"

#include <scheduler_adapter.hpp>

HPO_PLUGIN_LIBRARY(hpo::schedulers::SchedulerAdapter<hpo::schedulers::AshaScheduler>)
