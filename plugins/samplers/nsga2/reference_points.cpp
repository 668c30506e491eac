#include "reference_points.hpp"

#include <Eigen/Dense>

#include <algorithm>
#include <cmath>
#include <limits>

namespace hpo::nsga2 {

namespace {

using Eigen::MatrixXd;
using Eigen::VectorXd;

void fill_points(std::size_t m, int left, std::vector<double> &prefix, std::vector<double> &out,
                 int divisions) {
    if (prefix.size() + 1 == m) {
        for (const double c : prefix) out.push_back(c);
        out.push_back(static_cast<double>(left) / divisions);
        return;
    }
    for (int k = 0; k <= left; ++k) {
        prefix.push_back(static_cast<double>(k) / divisions);
        fill_points(m, left - k, prefix, out, divisions);
        prefix.pop_back();
    }
}

double n_points(std::size_t m, int divisions) { // C(divisions + m - 1, m - 1)
    double count = 1;
    for (std::size_t k = 1; k < m; ++k)
        count = count * static_cast<double>(divisions + static_cast<int>(k)) /
                static_cast<double>(k);
    return std::round(count);
}

// The points translated by the ideal point and divided by the hyperplane's intercepts (the
// largest translated value per objective where the hyperplane is degenerate).
MatrixXd normalized(const std::vector<double> &losses, std::size_t m,
                    const std::vector<std::size_t> &members) {
    const auto rows = static_cast<Eigen::Index>(members.size()), cols = static_cast<Eigen::Index>(m);
    MatrixXd f(rows, cols);
    for (Eigen::Index r = 0; r < rows; ++r)
        for (Eigen::Index c = 0; c < cols; ++c)
            f(r, c) = losses[members[static_cast<std::size_t>(r)] * m + static_cast<std::size_t>(c)];
    f.rowwise() -= f.colwise().minCoeff();
    // Extreme point of axis j: the point whose achievement scalarizing function with weights
    // e_j (1e-6 elsewhere) is the smallest.
    MatrixXd extremes(cols, cols);
    for (Eigen::Index j = 0; j < cols; ++j) {
        VectorXd weights = VectorXd::Constant(cols, 1e-6);
        weights(j) = 1.0;
        Eigen::Index best = 0;
        (f.array().rowwise() / weights.transpose().array()).rowwise().maxCoeff().minCoeff(&best);
        extremes.row(j) = f.row(best);
    }
    VectorXd intercepts = f.colwise().maxCoeff().transpose();
    const auto lu = extremes.fullPivLu();
    if (lu.isInvertible()) {
        const VectorXd b = lu.solve(VectorXd::Ones(cols));
        const VectorXd candidate = b.cwiseInverse();
        if ((candidate.array() > 1e-10).all() && candidate.allFinite()) intercepts = candidate;
    }
    for (Eigen::Index c = 0; c < cols; ++c)
        if (!(intercepts(c) > 1e-12)) intercepts(c) = 1.0;
    return f.array().rowwise() / intercepts.transpose().array();
}

} // namespace

std::vector<double> das_dennis_points(std::size_t m, int divisions) {
    std::vector<double> out, prefix;
    if (m == 1) return {1.0};
    fill_points(m, divisions, prefix, out, divisions);
    return out;
}

int divisions_for(std::size_t m, int64_t population) {
    int divisions = 1;
    while (n_points(m, divisions) < static_cast<double>(population)) ++divisions;
    return divisions;
}

std::vector<std::size_t> niche_select(const std::vector<double> &losses, std::size_t m,
                                      const std::vector<std::size_t> &chosen,
                                      const std::vector<std::size_t> &front, std::size_t count,
                                      const std::vector<double> &references,
                                      samplers::RandomStream &rng) {
    std::vector<std::size_t> members = chosen;
    members.insert(members.end(), front.begin(), front.end());
    const MatrixXd f = normalized(losses, m, members);
    const std::size_t n_refs = references.size() / m;
    // Each member's nearest reference direction and its perpendicular distance to it.
    std::vector<std::size_t> niche(members.size());
    std::vector<double> distance(members.size());
    for (std::size_t i = 0; i < members.size(); ++i) {
        const VectorXd point = f.row(static_cast<Eigen::Index>(i)).transpose();
        distance[i] = std::numeric_limits<double>::infinity();
        for (std::size_t r = 0; r < n_refs; ++r) {
            const Eigen::Map<const VectorXd> w(&references[r * m], static_cast<Eigen::Index>(m));
            const double d = (point - w * (point.dot(w) / w.squaredNorm())).norm();
            if (d < distance[i]) distance[i] = d, niche[i] = r;
        }
    }
    std::vector<int64_t> counts(n_refs, 0);
    for (std::size_t i = 0; i < chosen.size(); ++i) ++counts[niche[i]];
    std::vector<bool> taken(front.size(), false);
    std::vector<bool> open(n_refs, true);
    std::vector<std::size_t> picked;
    while (picked.size() < count) {
        // The open directions with the fewest members; one of them at random.
        int64_t fewest = std::numeric_limits<int64_t>::max();
        std::vector<std::size_t> least;
        for (std::size_t r = 0; r < n_refs; ++r) {
            if (!open[r]) continue;
            if (counts[r] < fewest) fewest = counts[r], least.clear();
            if (counts[r] == fewest) least.push_back(r);
        }
        if (least.empty()) break; // every front member is taken
        const std::size_t r = least[rng.below(least.size())];
        std::vector<std::size_t> candidates; // places in `front` associated with r
        for (std::size_t k = 0; k < front.size(); ++k)
            if (!taken[k] && niche[chosen.size() + k] == r) candidates.push_back(k);
        if (candidates.empty()) {
            open[r] = false;
            continue;
        }
        std::size_t k = candidates[rng.below(candidates.size())];
        if (counts[r] == 0)
            k = *std::min_element(candidates.begin(), candidates.end(), [&](auto a, auto b) {
                return distance[chosen.size() + a] < distance[chosen.size() + b];
            });
        taken[k] = true;
        ++counts[r];
        picked.push_back(front[k]);
    }
    return picked;
}

} // namespace hpo::nsga2
