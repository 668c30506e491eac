// The command objective library: one plugin, "command".
#include "command_objective.hpp"

#include <objective_adapter.hpp>

HPO_PLUGIN_LIBRARY(hpo::objectives::ObjectiveAdapter<hpo::command::CommandObjective>)
