// CMA-ES's options and their defaults (Optuna's CmaEsSampler's where it has them).
#pragma once

#include <hpo_kit/options.hpp>

#include <cstdint>
#include <optional>

namespace hpo::cmaes {

struct CmaesOptions {
    std::optional<double> sigma0;     // in the unit cube; none: 1/6 (Optuna's range / 6)
    std::optional<int64_t> popsize;   // none: 4 + floor(3 ln n)
    bool ipop = true;                 // restart with a larger population when stalled
    int64_t inc_popsize = 2;
    bool separable = false;
    bool lr_adapt = false;
    bool with_margin = true;
    bool warm_start = false;
    bool orthogonal = true;
    bool surrogate = true;

    static CmaesOptions from(const plugin_kit::Options &given);
};

inline constexpr const char kCmaesOptionsSchema[] = R"schema({
  "sigma0": {"type": "number", "minimum": 0, "description": "initial step size, in the unit cube every numeric parameter is mapped onto (log space for log ones); default 1/6"},
  "popsize": {"type": "integer", "minimum": 2, "description": "samples per generation; default 4 + floor(3 ln n) for n numeric parameters"},
  "restart_strategy": {"type": "string", "enum": ["ipop", "none"], "default": "ipop", "description": "ipop: when a run stalls (flat values, vanished step, ill-conditioned covariance) restart from a random mean with inc_popsize times the population"},
  "inc_popsize": {"type": "integer", "default": 2, "minimum": 1, "description": "factor of the population at each IPOP restart"},
  "separable": {"type": "boolean", "default": false, "description": "diagonal covariance (sep-CMA-ES): faster learning, no correlations"},
  "lr_adapt": {"type": "boolean", "default": false, "description": "learning-rate adaptation (Nomura et al. 2023) for noisy or multimodal problems"},
  "with_margin": {"type": "boolean", "default": true, "description": "CMA-ES with margin for int and stepped parameters (Hamano et al. 2022): keeps a chance of moving off the current value"},
  "orthogonal": {"type": "boolean", "default": true, "description": "draw each generation's samples in blocks of mutually orthogonal directions (orthogonal sampling); false: independent draws"},
  "surrogate": {"type": "boolean", "default": true, "description": "lq-CMA-ES (Hansen 2019): a linear-quadratic model of the loss fitted to the run's recent trials orders each generation, likeliest best first, and once it ranks the measured trials as their values do (Kendall tau >= 0.85) the generation is updated from the model's ranking without waiting for the rest; false: every generation waits for popsize trials"},
  "warm_start": {"type": "boolean", "default": false, "description": "start the distribution from the study's best completed trials (the top tenth, at least two) when it is created"}
})schema";

} // namespace hpo::cmaes
