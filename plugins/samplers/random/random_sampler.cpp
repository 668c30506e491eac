#include "random_sampler.hpp"

#include <param_domain.hpp>

#include <hpo_kit/random_stream.hpp>
#include <hpo_kit/study_view.hpp>

namespace hpo::random_sampler {

RandomSampler::RandomSampler(const plugin_kit::Options &, const plugin_kit::Host &host)
    : seed_(host.seed()) {}

double RandomSampler::sample_independent(const hpo_study_view &study, int64_t trial_index,
                                         int32_t param_index) const {
    const auto number = static_cast<uint64_t>(plugin_kit::trial_at(study, trial_index).number);
    plugin_kit::RandomStream stream(seed_, number, static_cast<uint64_t>(param_index));
    return samplers::ParamDomain(plugin_kit::param_at(study, param_index)).draw_prior(stream);
}

void RandomSampler::sample_relative(const hpo_study_view &study, int64_t trial_index,
                                    std::span<const int32_t> subspace,
                                    std::span<double> out) const {
    for (std::size_t i = 0; i < subspace.size(); ++i)
        out[i] = sample_independent(study, trial_index, subspace[i]);
}

} // namespace hpo::random_sampler
