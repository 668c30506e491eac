#include "observations.hpp"

#include <hpo_kit/study_view.hpp>

#include <algorithm>
#include <cmath>

namespace hpo::tpe {

std::vector<double> active_values(const hpo_study_view &study, std::span<const int64_t> trials,
                                  int32_t param) {
    std::vector<double> values;
    values.reserve(trials.size());
    for (int64_t t : trials) {
        const double v = plugin_kit::trial_at(study, t).params[param];
        if (!std::isnan(v)) values.push_back(v);
    }
    return values;
}

std::vector<double> internal_values(const hpo_study_view &study, std::span<const int64_t> trials,
                                    int32_t param, const samplers::ParamDomain &domain) {
    std::vector<double> values = active_values(study, trials, param);
    for (double &v : values)
        v = std::clamp(domain.to_internal(v), domain.internal_low(), domain.internal_high());
    return values;
}

bool active_in_every_ended_trial(const hpo_study_view &study, const TrialSplit &split,
                                 int32_t param) {
    for (const auto *group : {&split.below, &split.above})
        for (int64_t t : *group) {
            const hpo_trial_view &trial = plugin_kit::trial_at(study, t);
            const bool ended = trial.state == HPO_TRIAL_COMPLETE || trial.state == HPO_TRIAL_PRUNED;
            if (ended && std::isnan(trial.params[param])) return false;
        }
    return true;
}

std::vector<double> complete_rows(const hpo_study_view &study, std::span<const int64_t> trials,
                                  std::span<const int32_t> params) {
    std::vector<double> rows;
    for (int64_t t : trials) {
        const double *values = plugin_kit::trial_at(study, t).params;
        if (std::any_of(params.begin(), params.end(),
                        [&](int32_t p) { return std::isnan(values[p]); }))
            continue;
        for (int32_t p : params) rows.push_back(values[p]);
    }
    return rows;
}

} // namespace hpo::tpe
