// The mlp objective's search space, declared once: describe() publishes it and each trial
// reads its configuration through the trial API with the same distributions.
//
//   n_layers        int 1..3
//   units_0..2      int 4..128, log; units_k active when n_layers > k
//   activation      relu | tanh
//   learning_rate   float 1e-4..1e-1, log
//   batch_size      16 | 32 | 64 | 128
//   dropout         float 0..0.5
//   weight_decay    float 1e-6..1e-2, log
//   optimizer       sgd | adam
#pragma once

#include "trainer.hpp"

#include <hpo/plugin.h>

#include <nlohmann/json.hpp>

#include <functional>
#include <string>

namespace hpo::mlp {

// The space in the JSON form of hpo.h, parameters in order, parents first.
[[nodiscard]] const nlohmann::ordered_json &search_space();

// The internal value of a parameter of the space (a categorical's choice index), asked for
// only when the parameter is active.
using ValueOf = std::function<double(const std::string &name)>;

// The configuration the active parameters' values say.
[[nodiscard]] TrainConfig config_from(const ValueOf &value_of);

// The trial's configuration, suggesting each active parameter; objectives::TrialApiError when the
// engine refuses a suggestion.
[[nodiscard]] TrainConfig suggest_config(const hpo_trial_api &api, hpo_trial_ref *trial);

} // namespace hpo::mlp
