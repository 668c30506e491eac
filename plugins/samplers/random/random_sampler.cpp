#include "random_sampler.hpp"

#include <param_domain.hpp>

#include <hpo_kit/study_view.hpp>

namespace hpo::random_sampler {

RandomSampler::RandomSampler(const plugin_kit::Options &, const plugin_kit::Host &host)
    : streams_(host.seed()) {}

double RandomSampler::sample_independent(const hpo_study_view &study, int64_t trial_index,
                                         int32_t param_index) const {
    plugin_kit::RandomStream stream =
        streams_.stream(study, trial_index, static_cast<uint64_t>(param_index));
    return samplers::ParamDomain(plugin_kit::param_at(study, param_index)).draw_prior(stream);
}

void RandomSampler::sample_relative(const hpo_study_view &study, int64_t trial_index,
                                    std::span<const int32_t> subspace,
                                    std::span<double> out) const {
    for (std::size_t i = 0; i < subspace.size(); ++i)
        out[i] = sample_independent(study, trial_index, subspace[i]);
}

} // namespace hpo::random_sampler
