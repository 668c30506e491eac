#include "pareto.hpp"

#include <algorithm>
#include <limits>

namespace hpo::samplers {

bool dominates(std::span<const double> a, std::span<const double> b) {
    bool strictly = false;
    for (std::size_t k = 0; k < a.size(); ++k) {
        if (a[k] > b[k]) return false;
        strictly = strictly || a[k] < b[k];
    }
    return strictly;
}

bool constrained_dominates(std::span<const double> a, double a_violation,
                           std::span<const double> b, double b_violation) {
    if (a_violation == 0 && b_violation == 0) return dominates(a, b);
    return a_violation < b_violation;
}

std::vector<int> non_domination_fronts(const std::vector<double> &losses, std::size_t m,
                                       std::span<const double> violations) {
    const std::size_t n = losses.size() / m;
    const auto point = [&](std::size_t i) { return std::span<const double>(&losses[i * m], m); };
    const auto beats = [&](std::size_t i, std::size_t j) {
        if (violations.empty()) return dominates(point(i), point(j));
        return constrained_dominates(point(i), violations[i], point(j), violations[j]);
    };
    // Deb's fast non-dominated sort: dominance counts in O(n^2 m), then peel front by front.
    std::vector<int> dominated_by(n, 0);
    std::vector<std::vector<std::size_t>> dominates_list(n);
    for (std::size_t i = 0; i < n; ++i)
        for (std::size_t j = i + 1; j < n; ++j) {
            if (beats(i, j)) {
                dominates_list[i].push_back(j);
                ++dominated_by[j];
            } else if (beats(j, i)) {
                dominates_list[j].push_back(i);
                ++dominated_by[i];
            }
        }
    std::vector<int> front(n, 0);
    std::vector<std::size_t> current;
    for (std::size_t i = 0; i < n; ++i)
        if (dominated_by[i] == 0) current.push_back(i);
    for (int rank = 0; !current.empty(); ++rank) {
        std::vector<std::size_t> next;
        for (std::size_t i : current) {
            front[i] = rank;
            for (std::size_t j : dominates_list[i])
                if (--dominated_by[j] == 0) next.push_back(j);
        }
        current.swap(next);
    }
    return front;
}

std::vector<double> crowding_distances(const std::vector<double> &losses, std::size_t m,
                                       const std::vector<int> &fronts) {
    const std::size_t n = fronts.size();
    std::vector<double> distance(n, 0.0);
    const int n_fronts = n == 0 ? 0 : *std::max_element(fronts.begin(), fronts.end()) + 1;
    std::vector<std::vector<std::size_t>> members(static_cast<std::size_t>(n_fronts));
    for (std::size_t i = 0; i < n; ++i) members[static_cast<std::size_t>(fronts[i])].push_back(i);
    constexpr double inf = std::numeric_limits<double>::infinity();
    for (auto &front : members)
        for (std::size_t k = 0; k < m; ++k) {
            std::sort(front.begin(), front.end(), [&](std::size_t a, std::size_t b) {
                return losses[a * m + k] < losses[b * m + k];
            });
            const double span = losses[front.back() * m + k] - losses[front.front() * m + k];
            distance[front.front()] = distance[front.back()] = inf;
            if (span <= 0.0) continue;
            for (std::size_t r = 1; r + 1 < front.size(); ++r)
                distance[front[r]] +=
                    (losses[front[r + 1] * m + k] - losses[front[r - 1] * m + k]) / span;
        }
    return distance;
}

} // namespace hpo::samplers
