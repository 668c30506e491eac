// The mlp objective library: one plugin, "mlp".
#include "mlp_objective.hpp"

#include <objective_adapter.hpp>

HPO_PLUGIN_LIBRARY(hpo::objectives::ObjectiveAdapter<hpo::mlp::MlpObjective>)
