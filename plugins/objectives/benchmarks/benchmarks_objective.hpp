// The `benchmarks` objective: a standard test function (branin, hartmann6, rosenbrock, ackley,
// sphere, rastrigin, levy, zdt1, zdt2, zdt3, dtlz2, mixed) whose space, directions and optimum
// it describes, optionally noisy and slow. Thread-safe: evaluation reads only the instance.
#pragma once

#include "problems.hpp"

#include <hpo_kit/plugin_library.hpp>

#include <hpo/plugin.h>

#include <cstdint>
#include <span>
#include <string>

namespace hpo::benchmarks {

class BenchmarksObjective {
public:
    static constexpr plugin_kit::About about{
        "benchmarks", "Standard test functions with known optima (Branin, Hartmann6, Rosenbrock, ZDT1, ...)",
        R"json({
  "function": {"type": "string", "default": "branin", "description": "branin, hartmann6, rosenbrock, ackley, sphere, rastrigin, levy, zdt1, zdt2, zdt3, dtlz2 or mixed"},
  "dim": {"type": "integer", "description": "dimension of rosenbrock (5), ackley (10), sphere, rastrigin, levy, zdt1, zdt2, zdt3 (5), dtlz2 (6, at least 3)"},
  "noise": {"type": "number", "default": 0.0, "minimum": 0, "description": "standard deviation of gaussian noise added to each value, seeded per trial"},
  "sleep_ms": {"type": "integer", "default": 0, "minimum": 0, "description": "milliseconds each evaluation sleeps, to simulate a costly objective"}
})json",
        HPO_PLUGIN_THREAD_SAFE};

    // The host's seed seeds the noise, with the trial number.
    BenchmarksObjective(const plugin_kit::Options &options, const plugin_kit::Host &host);

    [[nodiscard]] std::string describe() const;
    // std::invalid_argument when values has room for another number of objectives than the
    // function's; objectives::TrialApiError when a suggestion fails.
    int32_t evaluate(const hpo_trial_api &api, hpo_trial_ref *trial, std::span<double> values) const;

private:
    Problem problem_;
    double noise_;
    int64_t sleep_ms_;
    uint64_t seed_;
};

}  // namespace hpo::benchmarks
