#include "benchmarks_objective.hpp"

#include "problems.hpp"

#include <hpo_kit/options.hpp>
#include <hpo_kit/plugin_kit.hpp>
#include <hpo_kit/random_stream.hpp>

#include <chrono>
#include <cmath>
#include <optional>
#include <stdexcept>
#include <string>
#include <thread>

namespace hpo::benchmarks {

namespace {

const char *const options_schema = R"json({
  "function": {"type": "string", "default": "branin", "description": "branin, hartmann6, rosenbrock, ackley, sphere, rastrigin, levy, zdt1 or mixed"},
  "dim": {"type": "integer", "description": "dimension of rosenbrock (5), ackley (10), sphere, rastrigin, levy, zdt1 (5)"},
  "noise": {"type": "number", "default": 0.0, "minimum": 0, "description": "standard deviation of gaussian noise added to each value, seeded per trial"},
  "sleep_ms": {"type": "integer", "default": 0, "minimum": 0, "description": "milliseconds each evaluation sleeps, to simulate a costly objective"}
})json";

struct Objective {
    const hpo_host *host;
    Problem problem;
    double noise;
    int64_t sleep_ms;
};

// The schema checks names, types and bounds; a noise too large for a double is refused here.
Objective parse(const char *options_json, const hpo_host *host) {
    const plugin_kit::Options options(options_schema, options_json);
    const double noise = options.number("noise");
    if (!std::isfinite(noise)) throw plugin_kit::InvalidOption("option \"noise\" must be finite");
    std::optional<int> dim;
    if (options.has("dim")) dim = static_cast<int>(options.integer("dim"));
    return Objective{host, make_problem(options.string("function"), dim), noise,
                     options.integer("sleep_ms")};
}

// Gaussian noise for objective k of a trial, from a stream of (seed, trial number, k) alone, so
// a trial's noise does not depend on which thread evaluates it or when.
double gaussian(uint64_t seed, int64_t number, std::size_t k) {
    return plugin_kit::RandomStream(seed, static_cast<uint64_t>(number), k).normal();
}

using plugin_kit::guarded;

int32_t create(const char *options_json, const hpo_host *host, void **out_self) {
    return guarded(host, [&] {
        *out_self = new Objective(parse(options_json, host));
        return HPO_OK;
    });
}

void destroy(void *self) { delete static_cast<Objective *>(self); }

int32_t describe(void *self, char **out_json) {
    const auto &objective = *static_cast<const Objective *>(self);
    return guarded(objective.host, [&] {
        *out_json = plugin_kit::host_string(*objective.host, objective.problem.describe().dump());
        return HPO_OK;
    });
}

int32_t evaluate(void *self, const hpo_trial_api *api, hpo_trial_ref *trial, double *out_values, int32_t n_values) {
    const auto &objective = *static_cast<const Objective *>(self);
    const Problem &problem = objective.problem;
    return guarded(objective.host, [&] {
        if (n_values != static_cast<int32_t>(problem.directions.size()))
            throw std::invalid_argument("the function has " + std::to_string(problem.directions.size()) +
                                        " objectives, " + std::to_string(n_values) + " values were asked for");
        std::vector<double> params(problem.names.size());
        for (std::size_t i = 0; i < params.size(); ++i) {
            // NULL: the space describe() declared holds the distribution.
            const int32_t status = api->suggest(trial, problem.names[i].c_str(), nullptr, &params[i]);
            if (status < 0) return status;
        }
        if (objective.sleep_ms > 0) std::this_thread::sleep_for(std::chrono::milliseconds(objective.sleep_ms));
        const std::vector<double> values = problem.evaluate(params);
        const int64_t number = api->number(trial);
        for (std::size_t k = 0; k < values.size(); ++k)
            out_values[k] = values[k] + (objective.noise > 0 ? objective.noise * gaussian(objective.host->seed, number, k) : 0);
        return int32_t{HPO_OK};
    });
}

const hpo_objective_ops ops = {sizeof(hpo_objective_ops), create, destroy, describe, evaluate};

}  // namespace

const hpo_plugin_info &plugin_info() {
    static const hpo_plugin_info info = {
        sizeof(hpo_plugin_info),
        HPO_PLUGIN_OBJECTIVE,
        "benchmarks",
        "Standard test functions with known optima (Branin, Hartmann6, Rosenbrock, ZDT1, ...)",
        HPO_PLUGIN_THREAD_SAFE,
        options_schema,
        &ops,
    };
    return info;
}

}  // namespace hpo::benchmarks
