#include "acquisition_optimizer.hpp"

#include "bounded_minimize.hpp"

#include <quasi_random.hpp>

#include <hpo_kit/random_stream.hpp>

#include <tbb/blocked_range.h>
#include <tbb/parallel_for.h>
#include <tbb/partitioner.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>
#include <vector>

namespace hpo::gp {

namespace {

constexpr double kMinusInf = -std::numeric_limits<double>::infinity();
constexpr Eigen::Index kScoreChunk = 128;

double finite_or_worst(double score) { return std::isnan(score) ? kMinusInf : score; }

Eigen::MatrixXd starting_points(const SpaceEncoding &encoding, const OptimizerSettings &settings,
                                uint64_t seed) {
    const int n = settings.n_random + settings.n_sobol;
    Eigen::MatrixXd starts(encoding.n_features(), n);
    std::vector<double> u(encoding.n_params());
    plugin_kit::RandomStream stream(plugin_kit::stream_key({seed, 1}));
    for (int i = 0; i < settings.n_random; ++i) {
        for (double &v : u)
            v = stream.uniform();
        starts.col(i) = encoding.from_unit(u);
    }
    samplers::ShiftedSobol sobol(encoding.n_params(), plugin_kit::stream_key({seed, 2}));
    for (int i = 0; i < settings.n_sobol; ++i) {
        sobol.point(static_cast<uint64_t>(i), u);
        starts.col(settings.n_random + i) = encoding.from_unit(u);
    }
    return starts;
}

// Scores in fixed chunks, each writing its own slice: parallel and deterministic.
Eigen::VectorXd score_all(const AcquisitionSurface &surface, const Eigen::MatrixXd &points) {
    Eigen::VectorXd scores(points.cols());
    tbb::parallel_for(
        tbb::blocked_range<Eigen::Index>(0, points.cols(), kScoreChunk),
        [&](const tbb::blocked_range<Eigen::Index> &r) {
            const Eigen::Index size = r.end() - r.begin();
            scores.segment(r.begin(), size) = surface.scores(points.middleCols(r.begin(), size));
        },
        tbb::simple_partitioner());
    return scores.unaryExpr(&finite_or_worst);
}

// The best `count` distinct starts, best first (ties: lower index first).
std::vector<Eigen::Index> best_distinct(const Eigen::MatrixXd &points, const Eigen::VectorXd &scores,
                                        int count) {
    std::vector<Eigen::Index> order(points.cols());
    std::iota(order.begin(), order.end(), Eigen::Index{0});
    std::stable_sort(order.begin(), order.end(),
                     [&](Eigen::Index a, Eigen::Index b) { return scores[a] > scores[b]; });
    std::vector<Eigen::Index> chosen;
    for (Eigen::Index i : order) {
        if (static_cast<int>(chosen.size()) == count)
            break;
        const bool seen = std::any_of(chosen.begin(), chosen.end(),
                                      [&](Eigen::Index j) { return points.col(i) == points.col(j); });
        if (!seen)
            chosen.push_back(i);
    }
    return chosen;
}

// The negated score over a subset of the columns, in L-BFGS++'s convention.
struct SubsetObjective {
    const AcquisitionSurface &surface;
    const std::vector<int> &columns;
    Eigen::VectorXd full;

    void place(const Eigen::VectorXd &sub) {
        for (size_t j = 0; j < columns.size(); ++j)
            full[columns[j]] = sub[static_cast<Eigen::Index>(j)];
    }
    double operator()(const Eigen::VectorXd &sub, Eigen::VectorXd &gradient) {
        place(sub);
        Eigen::VectorXd g;
        const double score = finite_or_worst(surface.score_with_gradient(full, g));
        gradient.resize(sub.size());
        for (size_t j = 0; j < columns.size(); ++j)
            gradient[static_cast<Eigen::Index>(j)] = std::isfinite(score) ? -g[columns[j]] : 0.0;
        return std::isfinite(score) ? -score : std::numeric_limits<double>::max();
    }
};

AcquisitionMaximum refine_continuous(const AcquisitionSurface &surface,
                                     const SpaceEncoding &encoding, AcquisitionMaximum start,
                                     int max_iterations) {
    const std::vector<int> columns = encoding.continuous_columns(start.point);
    if (columns.empty())
        return start;
    SubsetObjective objective{surface, columns, start.point};
    Eigen::VectorXd sub(static_cast<Eigen::Index>(columns.size()));
    for (size_t j = 0; j < columns.size(); ++j)
        sub[static_cast<Eigen::Index>(j)] = start.point[columns[j]];
    const BoundedMinimum found =
        minimize_bounded(objective, sub, Eigen::VectorXd::Zero(sub.size()),
                         Eigen::VectorXd::Ones(sub.size()), max_iterations, 1e-6);
    if (!(-found.value > start.score))
        return start;
    objective.place(found.x);
    return {objective.full, -found.value};
}

AcquisitionMaximum refine(const AcquisitionSurface &surface, const SpaceEncoding &encoding,
                          AcquisitionMaximum current, const OptimizerSettings &settings) {
    current = refine_continuous(surface, encoding, current, settings.max_iterations);
    for (int move = 0; move < settings.max_moves; ++move) {
        const std::vector<Eigen::VectorXd> neighbours = encoding.discrete_neighbours(current.point);
        if (neighbours.empty())
            break;
        Eigen::MatrixXd candidates(encoding.n_features(), static_cast<Eigen::Index>(neighbours.size()));
        for (size_t j = 0; j < neighbours.size(); ++j)
            candidates.col(static_cast<Eigen::Index>(j)) = neighbours[j];
        const Eigen::VectorXd scores = surface.scores(candidates).unaryExpr(&finite_or_worst);
        Eigen::Index best = 0;
        scores.maxCoeff(&best);
        if (!(scores[best] > current.score))
            break;
        current = refine_continuous(surface, encoding, {candidates.col(best), scores[best]},
                                    settings.max_iterations);
    }
    return current;
}

}  // namespace

AcquisitionMaximum maximize_acquisition(const AcquisitionSurface &surface,
                                        const SpaceEncoding &encoding,
                                        const OptimizerSettings &settings, uint64_t seed) {
    const Eigen::MatrixXd starts = starting_points(encoding, settings, seed);
    const Eigen::VectorXd scores = score_all(surface, starts);
    const std::vector<Eigen::Index> chosen = best_distinct(starts, scores, settings.n_refine);
    std::vector<AcquisitionMaximum> results(chosen.size());
    tbb::parallel_for(size_t{0}, chosen.size(), [&](size_t i) {
        results[i] = refine(surface, encoding, {starts.col(chosen[i]), scores[chosen[i]]}, settings);
    });
    size_t best = 0;
    for (size_t i = 1; i < results.size(); ++i)
        if (results[i].score > results[best].score)
            best = i;
    return results[best];
}

}  // namespace hpo::gp
