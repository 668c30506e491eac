#include "study_history.hpp"

#include <trial_ranking.hpp>

#include <hpo_kit/random_stream.hpp>
#include <hpo_kit/study_view.hpp>

#include <cmath>
#include <unordered_map>
#include <unordered_set>

namespace hpo::gp {

namespace {

bool observed(const hpo_trial_view &trial, int32_t n_objectives) {
    if (trial.state != HPO_TRIAL_COMPLETE || trial.values == nullptr)
        return false;
    for (int32_t j = 0; j < n_objectives; ++j)
        if (!std::isfinite(trial.values[j]))
            return false;
    return true;
}

bool has_modeled_value(const hpo_trial_view &trial, std::span<const int32_t> subspace) {
    if (trial.params == nullptr)
        return false;
    for (int32_t p : subspace)
        if (!std::isnan(trial.params[p]))
            return true;
    return false;
}

}  // namespace

StudyHistory collect_history(const hpo_study_view &study, int64_t trial_index,
                             std::span<const int32_t> subspace,
                             const samplers::SpaceEncoding &encoding,
                             const std::vector<int64_t> &previous_order) {
    std::unordered_map<int64_t, int64_t> observed_at;  // id -> index in study.trials
    std::vector<int64_t> in_number_order, pending;
    for (int64_t i = 0; i < study.n_trials; ++i) {
        const hpo_trial_view &t = plugin_kit::trial_at(study, i);
        if (observed(t, study.n_objectives)) {
            observed_at.emplace(t.id, i);
            in_number_order.push_back(i);
        } else if (i != trial_index &&
                   (t.state == HPO_TRIAL_RUNNING || t.state == HPO_TRIAL_WAITING) &&
                   has_modeled_value(t, subspace)) {
            pending.push_back(i);
        }
    }

    std::vector<int64_t> order;  // indices into study.trials
    std::unordered_set<int64_t> placed;
    for (int64_t id : previous_order) {
        auto it = observed_at.find(id);
        if (it != observed_at.end()) {
            order.push_back(it->second);
            placed.insert(id);
        }
    }
    for (int64_t i : in_number_order)
        if (!placed.count(plugin_kit::trial_at(study, i).id))
            order.push_back(i);

    StudyHistory h;
    const auto n = static_cast<Eigen::Index>(order.size());
    h.points.resize(encoding.n_features(), n);
    h.values.resize(n, study.n_objectives);
    for (Eigen::Index c = 0; c < n; ++c) {
        const hpo_trial_view &t = plugin_kit::trial_at(study, order[static_cast<size_t>(c)]);
        h.ids.push_back(t.id);
        h.points.col(c) = encoding.encode_trial(t.params);
        for (int32_t j = 0; j < study.n_objectives; ++j)
            h.values(c, j) = samplers::loss(study, j, t.values[j]);
    }
    h.pending.resize(encoding.n_features(), static_cast<Eigen::Index>(pending.size()));
    for (size_t c = 0; c < pending.size(); ++c)
        h.pending.col(static_cast<Eigen::Index>(c)) =
            encoding.encode_trial(plugin_kit::trial_at(study, pending[c]).params);
    return h;
}

Eigen::VectorXd scalarize(const Eigen::MatrixXd &values, uint64_t seed) {
    if (values.cols() == 1)
        return values.col(0);
    const Eigen::RowVectorXd low = values.colwise().minCoeff();
    const Eigen::RowVectorXd range =
        (values.colwise().maxCoeff() - low).unaryExpr([](double r) { return r > 0 ? r : 1.0; });
    const Eigen::MatrixXd normalized =
        (values.rowwise() - low).array().rowwise() / range.array();
    // Uniform on the simplex: normalized standard exponentials.
    plugin_kit::RandomStream stream(seed);
    Eigen::VectorXd weights(values.cols());
    for (Eigen::Index j = 0; j < weights.size(); ++j)
        weights[j] = -std::log(1.0 - stream.uniform());
    weights /= weights.sum();
    const Eigen::MatrixXd weighted = normalized * weights.asDiagonal();
    return weighted.rowwise().maxCoeff() + 0.05 * weighted.rowwise().sum();
}

}  // namespace hpo::gp
