// Which past trials count, and how good each was: the order from which TPE's split into
// good and bad trials and anneal's choice of a good trial are both taken.
//
// COMPLETE trials rank first, by their value (sign-flipped for a maximized objective) or,
// with several objectives, by non-domination rank and then by crowding distance, so that a
// front cut in the middle keeps its most spread-out points. PRUNED trials rank after every
// complete one (Optuna's rule): those that got further first, then by their last
// intermediate value; a pruned trial that reported nothing ranks last. RUNNING, WAITING and
// FAILED trials are not ranked.
#pragma once

#include <hpo/plugin.h>

#include <cstdint>
#include <vector>

namespace hpo::tpe {

struct RankedTrial {
    int group;        // 0 complete, 1 pruned with intermediate values, 2 pruned without
    double primary;   // value, non-domination rank, or minus the last step
    double secondary; // minus the crowding distance, or the last intermediate value
    int64_t index;    // into hpo_study_view.trials; ties go to the older trial

    bool operator<(const RankedTrial &other) const;
};

// The ranked trials other than `exclude` (the trial being sampled), unordered.
std::vector<RankedTrial> rank_trials(const hpo_study_view &study, int64_t exclude);

// Puts the best `k` trials first (in no particular order among themselves): O(n).
void partition_best(std::vector<RankedTrial> &ranked, std::size_t k);

// The number of good trials TPE keeps among n: min(ceil(gamma * n), gamma_max).
int64_t n_good_trials(int64_t n, double gamma, int64_t gamma_max);

// TPE's split: indices into study.trials, each list in increasing order (oldest first).
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

TrialSplit split_trials(const hpo_study_view &study, int64_t exclude, const SplitRule &rule);

} // namespace hpo::tpe
