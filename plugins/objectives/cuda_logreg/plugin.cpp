// The cuda_logreg objective library: one plugin, "cuda_logreg".
#include "cuda_logreg_objective.hpp"

#include <objective_adapter.hpp>

HPO_PLUGIN_LIBRARY(hpo::objectives::ObjectiveAdapter<hpo::cuda_logreg::CudaLogregObjective>)
