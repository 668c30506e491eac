// TPE's split of the ranked trials (trial_ranking.hpp) into the good ones, which l(x) models,
// and the rest, which g(x) models.
#pragma once

#include <hpo/plugin.h>

#include <cstdint>
#include <vector>

namespace hpo::tpe {

// The number of good trials TPE keeps among n: min(ceil(gamma * n), gamma_max).
int64_t n_good_trials(int64_t n, double gamma, int64_t gamma_max);

// Indices into the view's trials, each list in increasing order (oldest first).
struct TrialSplit {
    std::vector<int64_t> below; // the good trials, l(x)
    std::vector<int64_t> above; // the rest, g(x)
    int64_t n_ranked = 0;       // COMPLETE and PRUNED trials seen (what startup counts)
};

struct SplitRule {
    double gamma = 0.1;
    int64_t gamma_max = 25;
    // RUNNING trials (other than the one sampled) join the bad group, so that parallel
    // workers are pushed away from points already being evaluated.
    bool constant_liar = false;
};

// The split of every ranked trial but `exclude` (the trial being sampled).
TrialSplit split_trials(const hpo_study_view &study, int64_t exclude, const SplitRule &rule);

} // namespace hpo::tpe
