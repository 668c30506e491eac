// Which past trials count, and how good each was: the order from which TPE's split into good
// and bad trials and anneal's choice of a good trial are both taken.
//
// Feasible COMPLETE trials rank first, by their value (sign-flipped for a maximized
// objective) or, with several objectives, by non-domination rank and then by crowding
// distance, so that a front cut in the middle keeps its most spread-out points. Feasible
// PRUNED trials rank after every complete one (Optuna's rule): those that got further
// first, then by their last intermediate value; a pruned trial that reported nothing ranks
// after them. Infeasible trials (a constraint value above 0), complete or pruned, rank last,
// by their constraint violation, as Optuna's TPE ranks them with constraints. RUNNING,
// WAITING and FAILED trials are not ranked.
#pragma once

#include <hpo/plugin.h>

#include <cstddef>
#include <cstdint>
#include <vector>

namespace hpo::samplers {

// The groups of the ranking, best first.
enum RankGroup : int { kComplete = 0, kPrunedWithValues = 1, kPrunedSilent = 2, kInfeasible = 3 };

struct RankedTrial {
    int group;        // a RankGroup
    double primary;   // value, non-domination rank, minus the last step, or the violation
    double secondary; // minus the crowding distance, or the last intermediate value
    int64_t index;    // into the view's trials; ties go to the older trial

    bool operator<(const RankedTrial &other) const;
};

// A value of objective k as a loss: minimized, sign-flipped when the study maximizes it.
double loss(const hpo_study_view &study, int32_t k, double value);

// The ranked trials other than `exclude` (the trial being sampled), unordered.
std::vector<RankedTrial> rank_trials(const hpo_study_view &study, int64_t exclude);

// Puts the best `k` trials first (in no particular order among themselves): O(n).
void partition_best(std::vector<RankedTrial> &ranked, std::size_t k);

} // namespace hpo::samplers
