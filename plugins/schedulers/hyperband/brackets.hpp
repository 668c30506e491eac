// Hyperband's brackets (Li et al. 2017, "Hyperband: A Novel Bandit-Based Approach to
// Hyperparameter Optimization", Algorithm 1), for trials that arrive one at a time.
//
// With R = max_resource / min_resource and s_max = floor(log_eta(R)), bracket s (0..s_max)
// starts its trials at min_resource * eta^(s_max - s) and halves them by eta up to
// max_resource: bracket s_max is the most aggressive, bracket 0 runs every trial to the end.
// The paper gives bracket s n_s = ceil((s_max + 1) / (s + 1) * eta^s) trials per round; a
// study has no rounds, so trial numbers are dealt to brackets in that proportion by a
// smooth weighted round-robin: every n_0 + ... + n_s_max consecutive trial numbers hold
// exactly n_s trials of bracket s, interleaved, and the deal depends on the number alone.
#pragma once

#include <successive_halving.hpp>

#include <cstdint>
#include <vector>

namespace hpo::schedulers {

class HyperbandBrackets {
public:
    // std::invalid_argument (naming the option) when max_resource < min_resource or when
    // a round would hold more trials than any study would run.
    HyperbandBrackets(int64_t min_resource, int64_t max_resource, int64_t reduction_factor);

    [[nodiscard]] int32_t max_bracket() const { return s_max_; } // s_max
    [[nodiscard]] int64_t bracket_size(int32_t bracket) const;   // n_s
    [[nodiscard]] int64_t round_size() const { return static_cast<int64_t>(deal_.size()); }
    [[nodiscard]] int32_t bracket_of_number(int64_t trial_number) const;
    [[nodiscard]] Rungs rungs_of(int32_t bracket) const;

private:
    int64_t min_resource_;
    int64_t max_resource_;
    int64_t reduction_factor_;
    int32_t s_max_ = 0;
    std::vector<int64_t> sizes_;  // n_s by s
    std::vector<int32_t> deal_;   // the bracket of each trial number of a round
};

} // namespace hpo::schedulers
