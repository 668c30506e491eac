#include "benchmarks_objective.hpp"

#include <hpo_kit/random_stream.hpp>
#include <trial_api_error.hpp>

#include <chrono>
#include <cmath>
#include <optional>
#include <stdexcept>
#include <thread>
#include <vector>

namespace hpo::benchmarks {

namespace {

// The schema checks names, types and bounds; a noise too large for a double is refused here.
double finite_noise(const plugin_kit::Options &options) {
    const double noise = options.number("noise");
    if (!std::isfinite(noise)) throw plugin_kit::InvalidOption("option \"noise\" must be finite");
    return noise;
}

Problem problem_of(const plugin_kit::Options &options) {
    std::optional<int> dim;
    if (options.has("dim")) dim = static_cast<int>(options.integer("dim"));
    return make_problem(options.string("function"), dim);
}

// Gaussian noise for objective k of a trial, from a stream of (seed, trial number, k) alone, so
// a trial's noise does not depend on which thread evaluates it or when.
double gaussian(uint64_t seed, int64_t number, std::size_t k) {
    return plugin_kit::RandomStream(seed, static_cast<uint64_t>(number), k).normal();
}

}  // namespace

BenchmarksObjective::BenchmarksObjective(const plugin_kit::Options &options, const plugin_kit::Host &host)
    : problem_(problem_of(options)), noise_(finite_noise(options)), sleep_ms_(options.integer("sleep_ms")),
      seed_(host.seed()) {}

std::string BenchmarksObjective::describe() const { return problem_.describe().dump(); }

int32_t BenchmarksObjective::evaluate(const hpo_trial_api &api, hpo_trial_ref *trial, std::span<double> values) const {
    if (values.size() != problem_.directions.size())
        throw std::invalid_argument("the function has " + std::to_string(problem_.directions.size()) +
                                    " objectives, " + std::to_string(values.size()) + " values were asked for");
    std::vector<double> params(problem_.names.size());
    for (std::size_t i = 0; i < params.size(); ++i) {
        // NULL: the space describe() declared holds the distribution.
        objectives::check_trial_api(api.suggest(trial, problem_.names[i].c_str(), nullptr, &params[i]),
                                    "suggesting \"" + problem_.names[i] + "\"");
    }
    if (sleep_ms_ > 0) std::this_thread::sleep_for(std::chrono::milliseconds(sleep_ms_));
    const std::vector<double> computed = problem_.evaluate(params);
    const int64_t number = api.number(trial);
    for (std::size_t k = 0; k < computed.size(); ++k)
        values[k] = computed[k] + (noise_ > 0 ? noise_ * gaussian(seed_, number, k) : 0);
    return HPO_OK;
}

}  // namespace hpo::benchmarks
