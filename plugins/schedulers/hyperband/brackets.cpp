#include "brackets.hpp"

#include <hpo_kit/options.hpp>

#include <string>

namespace hpo::schedulers {
namespace {

// Far more trials than a study runs per round; beyond it the deal table would be waste.
constexpr int64_t max_round_size = int64_t{1} << 20;

// Smooth weighted round-robin (as nginx balances upstreams): each turn every bracket gains
// its weight, the richest takes the turn and pays the total. Over one round each bracket
// takes exactly its weight's turns, spread evenly; ties go to the more aggressive bracket.
std::vector<int32_t> deal_round(const std::vector<int64_t> &weights, int64_t total) {
    std::vector<int64_t> credit(weights.size(), 0);
    std::vector<int32_t> deal;
    deal.reserve(static_cast<size_t>(total));
    for (int64_t turn = 0; turn < total; ++turn) {
        size_t richest = weights.size() - 1;
        for (size_t s = weights.size(); s-- > 0;) {
            credit[s] += weights[s];
            if (credit[s] > credit[richest]) richest = s;
        }
        credit[richest] -= total;
        deal.push_back(static_cast<int32_t>(richest));
    }
    return deal;
}

} // namespace

HyperbandBrackets::HyperbandBrackets(int64_t min_resource, int64_t max_resource,
                                     int64_t reduction_factor)
    : min_resource_(min_resource), max_resource_(max_resource),
      reduction_factor_(reduction_factor) {
    if (max_resource < min_resource) {
        throw plugin_kit::InvalidOption("option \"max_resource\" must be at least min_resource (" +
                                        std::to_string(min_resource) + "), got " +
                                        std::to_string(max_resource));
    }
    // s_max = floor(log_eta(max / min)), in integers: the largest s with min * eta^s <= max.
    for (int64_t start = min_resource; start <= max_resource / reduction_factor;) {
        start *= reduction_factor;
        ++s_max_;
    }
    const auto too_many_trials = [&] {
        return plugin_kit::InvalidOption(
            "options \"max_resource\" / \"min_resource\" span too many brackets for "
            "reduction_factor " + std::to_string(reduction_factor) +
            ": one round of Hyperband would exceed " + std::to_string(max_round_size) +
            " trials");
    };
    int64_t total = 0;
    int64_t eta_power = 1; // eta^s
    for (int32_t s = 0; s <= s_max_; ++s) {
        // n_s >= eta^s: checking eta^s first keeps the products below in range.
        if (eta_power > max_round_size) throw too_many_trials();
        const int64_t size = ((s_max_ + 1) * eta_power + s) / (s + 1); // ceil
        total += size;
        if (total > max_round_size) throw too_many_trials();
        sizes_.push_back(size);
        if (s < s_max_) eta_power *= reduction_factor;
    }
    deal_ = deal_round(sizes_, total);
}

int64_t HyperbandBrackets::bracket_size(int32_t bracket) const {
    return sizes_.at(static_cast<size_t>(bracket));
}

int32_t HyperbandBrackets::bracket_of_number(int64_t trial_number) const {
    return deal_[static_cast<size_t>(trial_number % round_size())];
}

Rungs HyperbandBrackets::rungs_of(int32_t bracket) const {
    return {.min_resource = min_resource_,
            .reduction_factor = reduction_factor_,
            .early_stopping_rate = s_max_ - bracket,
            .max_resource = max_resource_};
}

} // namespace hpo::schedulers
