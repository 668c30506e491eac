#include "anneal_options.hpp"

#include <array>

namespace hpo::anneal {

namespace {

const std::array<tpe::OptionSpec, 3> &anneal_specs() {
    static const std::array<tpe::OptionSpec, 3> specs{{
        {"n_startup_trials", "integer", 5,
         "trials drawn from the prior before annealing starts (COMPLETE and PRUNED count)"},
        {"avg_best_idx", "number", 2.0,
         "the trial sampled around is the k-th best, k + 1 geometric with this mean"},
        {"shrink_coef", "number", 0.1,
         "the neighbourhood is 1 / (1 + n * shrink_coef) of the range, n the parameter's "
         "observations"},
    }};
    return specs;
}

} // namespace

std::span<const tpe::OptionSpec> AnnealOptions::specs() {
    return anneal_specs();
}

AnnealOptions AnnealOptions::from_json(const char *options_json) {
    const nlohmann::json o = tpe::read_options(options_json, specs());
    AnnealOptions options;
    options.n_startup_trials = o["n_startup_trials"].get<int64_t>();
    tpe::require_option(options.n_startup_trials >= 0, "n_startup_trials", "at least 0",
                        o["n_startup_trials"]);
    options.avg_best_idx = o["avg_best_idx"].get<double>();
    tpe::require_option(options.avg_best_idx >= 1.0, "avg_best_idx", "at least 1",
                        o["avg_best_idx"]);
    options.shrink_coef = o["shrink_coef"].get<double>();
    tpe::require_option(options.shrink_coef >= 0.0, "shrink_coef", "at least 0", o["shrink_coef"]);
    return options;
}

} // namespace hpo::anneal
