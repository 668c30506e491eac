// The benchmarks objective library: one plugin, "benchmarks".
#include "benchmarks_objective.hpp"

#include <objective_adapter.hpp>

HPO_PLUGIN_LIBRARY(hpo::objectives::ObjectiveAdapter<hpo::benchmarks::BenchmarksObjective>)
