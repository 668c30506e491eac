#include "tpe_sampler.hpp"
#include "joint_parzen.hpp"
#include "observations.hpp"

#include <hpo_kit/study_view.hpp>

#include <cmath>
#include <limits>
#include <vector>

namespace hpo::tpe {

namespace {

// Keeps the candidate with the largest score; ties keep the first drawn.
struct BestCandidate {
    double score = -std::numeric_limits<double>::infinity();
    bool offer(double candidate_score) {
        if (!(candidate_score > score)) return false;
        score = candidate_score;
        return true;
    }
};

} // namespace

double TpeSampler::sample_independent(const hpo_study_view &study, int64_t trial_index,
                                      int32_t param) const {
    const TrialSplit split = split_trials(study, trial_index, options_.split);
    return sample_univariate(study, split, trial_index, param);
}

void TpeSampler::sample_relative(const hpo_study_view &study, int64_t trial_index,
                                 std::span<const int32_t> subspace, std::span<double> out) const {
    const TrialSplit split = split_trials(study, trial_index, options_.split);
    if (!options_.multivariate) {
        for (std::size_t k = 0; k < subspace.size(); ++k)
            out[k] = sample_univariate(study, split, trial_index, subspace[k]);
        return;
    }
    if (split.n_ranked < options_.n_startup_trials || subspace.empty()) {
        std::fill(out.begin(), out.end(), std::numeric_limits<double>::quiet_NaN());
        return;
    }
    sample_joint(study, split, trial_index, subspace, out);
}

double TpeSampler::sample_univariate(const hpo_study_view &study, const TrialSplit &split,
                                     int64_t trial_index, int32_t param) const {
    RandomStream rng = streams_.stream(study, trial_index, static_cast<uint64_t>(param));
    const ParamDomain domain(plugin_kit::param_at(study, param));
    if (split.n_ranked < options_.n_startup_trials) return domain.draw_prior(rng);
    const int64_t n_candidates = options_.univariate_candidates(study.n_params);
    if (domain.categorical()) {
        const CategoricalParzen below(domain.n_choices(), active_values(study, split.below, param),
                                      options_.parzen);
        const CategoricalParzen above(domain.n_choices(), active_values(study, split.above, param),
                                      options_.parzen);
        int32_t best = 0;
        BestCandidate ei;
        for (int64_t c = 0; c < n_candidates; ++c) {
            const int32_t choice = below.sample(rng);
            if (ei.offer(below.log_probability(choice) - above.log_probability(choice)))
                best = choice;
        }
        return best;
    }
    const NumericMixture below = univariate_parzen(
        domain, internal_values(study, split.below, param, domain), options_.parzen);
    const NumericMixture above = univariate_parzen(
        domain, internal_values(study, split.above, param, domain), options_.parzen);
    double best = 0.0;
    BestCandidate ei;
    for (int64_t c = 0; c < n_candidates; ++c) {
        const double x = below.sample(rng);
        const double value = domain.to_value(x);
        double score;
        if (domain.discrete()) {
            const auto [a, b] = domain.cell(value);
            score = below.log_mass(a, b) - above.log_mass(a, b);
        } else {
            score = options_.parzen.bandwidth_weighted_scores
                        ? below.log_pdf_bandwidth_weighted(x) - above.log_pdf_bandwidth_weighted(x)
                        : below.log_pdf(x) - above.log_pdf(x);
        }
        if (ei.offer(score)) best = value;
    }
    return best;
}

void TpeSampler::sample_joint(const hpo_study_view &study, const TrialSplit &split,
                              int64_t trial_index, std::span<const int32_t> subspace,
                              std::span<double> out) const {
    // Joint kernels cover the parameters every ended trial had (Optuna's intersection
    // search space); conditional ones are left NaN, to independent sampling.
    std::fill(out.begin(), out.end(), std::numeric_limits<double>::quiet_NaN());
    std::vector<int32_t> joint;
    std::vector<std::size_t> positions;
    for (std::size_t k = 0; k < subspace.size(); ++k)
        if (active_in_every_ended_trial(study, split, subspace[k])) {
            joint.push_back(subspace[k]);
            positions.push_back(k);
        }
    if (joint.empty()) return;
    RandomStream rng = streams_.stream(study, trial_index, samplers::kJointProposal);
    std::vector<const hpo_param_info *> params;
    for (int32_t p : joint) params.push_back(&plugin_kit::param_at(study, p));
    const JointParzen below(params, complete_rows(study, split.below, joint), options_.parzen);
    const JointParzen above(params, complete_rows(study, split.above, joint), options_.parzen);
    std::vector<double> candidate(joint.size());
    BestCandidate ei;
    for (int64_t c = 0; c < options_.n_ei_candidates; ++c) {
        below.sample(rng, candidate);
        if (ei.offer(below.log_density(candidate) - above.log_density(candidate)))
            for (std::size_t j = 0; j < joint.size(); ++j) out[positions[j]] = candidate[j];
    }
}

} // namespace hpo::tpe
