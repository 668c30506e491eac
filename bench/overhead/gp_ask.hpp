// bench/overhead, gp section: the gp sampler's CPU milliseconds per ask on Hartmann6 (6-D
// floats) with oneTBB held to one thread, once a study holds 100 and 300 completed trials: the first
// ask (a fresh study, nothing cached: a full hyperparameter fit), the slowest of the asks
// after it (those that refit the hyperparameters, every refit_every-th) and their median.
// Its own section because the gp sampler is meant for a few hundred trials, not the
// thousands of the main table.
#pragma once

#include "bench_common.hpp"

#include <hpo/hpo.hpp>

namespace hpo::bench {

// Prints the section's table and returns its rows.
json gp_ask_section(hpo::Engine &engine, const Settings &settings);

} // namespace hpo::bench
