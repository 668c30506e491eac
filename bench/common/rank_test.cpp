#include "rank_test.hpp"

#include <algorithm>
#include <cmath>
#include <utility>

namespace hpo::bench {

double mann_whitney_p(const std::vector<double> &a, const std::vector<double> &b) {
    const double n1 = static_cast<double>(a.size()), n2 = static_cast<double>(b.size());
    if (a.empty() || b.empty()) return 1.0;
    std::vector<std::pair<double, bool>> pooled; // value, from a
    for (double v : a) pooled.emplace_back(v, true);
    for (double v : b) pooled.emplace_back(v, false);
    std::sort(pooled.begin(), pooled.end());
    // Ranks from 1, ties sharing their mean rank; the tie term corrects the variance.
    double rank_sum_a = 0.0, ties = 0.0;
    for (std::size_t i = 0; i < pooled.size();) {
        std::size_t j = i;
        while (j < pooled.size() && pooled[j].first == pooled[i].first) ++j;
        const double mean_rank = 0.5 * static_cast<double>(i + 1 + j);
        const double t = static_cast<double>(j - i);
        ties += t * t * t - t;
        for (std::size_t k = i; k < j; ++k)
            if (pooled[k].second) rank_sum_a += mean_rank;
        i = j;
    }
    const double n = n1 + n2;
    const double u = rank_sum_a - n1 * (n1 + 1.0) / 2.0;
    const double variance = n1 * n2 / 12.0 * ((n + 1.0) - ties / (n * (n - 1.0)));
    if (variance <= 0.0) return 1.0;
    const double z = (std::abs(u - n1 * n2 / 2.0) - 0.5) / std::sqrt(variance);
    return std::min(1.0, std::erfc(std::max(z, 0.0) / std::sqrt(2.0)));
}

} // namespace hpo::bench
