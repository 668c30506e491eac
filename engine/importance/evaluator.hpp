// Parameter importances of a study's trials by fANOVA: the options of
// hpo_study_param_importances, the trials they select, one forest per objective (or per
// target given as values), and the JSON answer. Knows nothing of Study: the study hands it
// a copy of its space and of the trials the request selects.
#pragma once

#include "../space.hpp"
#include "forest.hpp"

#include <hpo/common.h>

#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

namespace hpo::importance {

struct Request {
    std::optional<std::vector<std::string>> params;    // none: every parameter seen active
    std::optional<std::set<int64_t>> trials;           // none: every trial
    std::set<hpo_trial_state> states{HPO_TRIAL_COMPLETE};
    std::optional<int32_t> objective;                  // none: every objective
    std::optional<std::map<int64_t, double>> values;   // a target value per trial number
    std::optional<uint64_t> seed;                      // none: the study's seed
    ForestOptions forest;
    double max_features_share = 0;                    // given as a fraction: of the fitted features
    bool normalize = true;

    // Parses hpo_study_param_importances's options (null: the defaults); errors name the field.
    static Request from_json(const json &options);
    // Whether a trial takes part, by number and state (values aside).
    bool selects(int64_t number, hpo_trial_state state) const;
};

struct TrialData {
    int64_t number = 0;
    std::vector<double> params;  // internal values, NaN: inactive
    std::vector<double> values;
};

// The answer documented at hpo_study_param_importances. `trials` are those Request::selects
// kept; `n_trials` is how many the study has (for the unknown-trial check).
json evaluate(const Request &request, const Space &space, const std::vector<int32_t> &directions,
              const std::vector<TrialData> &trials, std::size_t n_trials, uint64_t study_seed);

}  // namespace hpo::importance
