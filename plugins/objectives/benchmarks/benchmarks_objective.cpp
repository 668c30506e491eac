#include "benchmarks_objective.hpp"

#include "problems.hpp"

#include <chrono>
#include <cmath>
#include <cstring>
#include <numbers>
#include <optional>
#include <random>
#include <stdexcept>
#include <string>
#include <thread>

namespace hpo::benchmarks {

namespace {

struct Objective {
    const hpo_host *host;
    Problem problem;
    double noise = 0;
    int64_t sleep_ms = 0;
};

Objective parse(const char *options_json, const hpo_host *host) {
    const auto options = nlohmann::json::parse(options_json ? options_json : "{}");
    if (!options.is_object()) throw std::invalid_argument("options must be a JSON object");
    std::string function = "branin";
    std::optional<int> dim;
    Objective objective{host, {}, 0, 0};
    for (const auto &[name, value] : options.items()) {
        if (name == "function") {
            if (!value.is_string()) throw std::invalid_argument("option \"function\" must be a string");
            function = value.get<std::string>();
        } else if (name == "dim") {
            if (!value.is_number_integer()) throw std::invalid_argument("option \"dim\" must be an integer");
            dim = value.get<int>();
        } else if (name == "noise") {
            if (!value.is_number() || !(value.get<double>() >= 0) || !std::isfinite(value.get<double>()))
                throw std::invalid_argument("option \"noise\" must be a number >= 0");
            objective.noise = value.get<double>();
        } else if (name == "sleep_ms") {
            if (!value.is_number_integer() || value.get<int64_t>() < 0)
                throw std::invalid_argument("option \"sleep_ms\" must be an integer >= 0");
            objective.sleep_ms = value.get<int64_t>();
        } else {
            throw std::invalid_argument("unknown option '" + name + "' (benchmarks takes function, dim, noise, sleep_ms)");
        }
    }
    objective.problem = make_problem(function, dim);
    return objective;
}

// Gaussian noise for objective k of a trial, from a stream of (seed, trial number, k) alone, so
// a trial's noise does not depend on which thread evaluates it or when.
double gaussian(uint64_t seed, int64_t number, std::size_t k) {
    const auto n = static_cast<uint64_t>(number);
    std::seed_seq sequence{static_cast<uint32_t>(seed), static_cast<uint32_t>(seed >> 32), static_cast<uint32_t>(n),
                           static_cast<uint32_t>(n >> 32), static_cast<uint32_t>(k)};
    std::mt19937_64 rng(sequence);
    // Box-Muller on two uniforms in (0, 1]: written out because std::normal_distribution's
    // output differs between standard libraries.
    const double u1 = (static_cast<double>(rng() >> 11) + 1) * 0x1.0p-53;
    const double u2 = static_cast<double>(rng() >> 11) * 0x1.0p-53;
    return std::sqrt(-2 * std::log(u1)) * std::cos(2 * std::numbers::pi * u2);
}

int32_t fail(const hpo_host *host, int32_t status, const std::string &message) {
    host->set_error(host->engine, ("benchmarks: " + message).c_str());
    return status;
}

int32_t create(const char *options_json, const hpo_host *host, void **out_self) {
    try {
        *out_self = new Objective(parse(options_json, host));
        return HPO_OK;
    } catch (const nlohmann::json::exception &e) {
        return fail(host, HPO_EINVAL, std::string("options are not valid JSON: ") + e.what());
    } catch (const std::invalid_argument &e) {
        return fail(host, HPO_EINVAL, e.what());
    } catch (const std::exception &e) {
        return fail(host, HPO_ERROR, e.what());
    }
}

void destroy(void *self) { delete static_cast<Objective *>(self); }

int32_t describe(void *self, char **out_json) {
    const auto &objective = *static_cast<const Objective *>(self);
    try {
        const std::string text = objective.problem.describe().dump();
        auto *copy = static_cast<char *>(objective.host->alloc(objective.host->engine, text.size() + 1));
        if (!copy) return fail(objective.host, HPO_ENOMEM, "out of memory");
        std::memcpy(copy, text.c_str(), text.size() + 1);
        *out_json = copy;
        return HPO_OK;
    } catch (const std::exception &e) {
        return fail(objective.host, HPO_ERROR, e.what());
    }
}

int32_t evaluate(void *self, const hpo_trial_api *api, hpo_trial_ref *trial, double *out_values, int32_t n_values) {
    const auto &objective = *static_cast<const Objective *>(self);
    const Problem &problem = objective.problem;
    try {
        if (n_values != static_cast<int32_t>(problem.directions.size()))
            return fail(objective.host, HPO_EINVAL,
                        "the function has " + std::to_string(problem.directions.size()) + " objectives, " +
                            std::to_string(n_values) + " values were asked for");
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
        return HPO_OK;
    } catch (const std::exception &e) {
        return fail(objective.host, HPO_ERROR, e.what());
    }
}

const hpo_objective_ops ops = {sizeof(hpo_objective_ops), create, destroy, describe, evaluate};

const char *const options_schema = R"json({
  "function": {"type": "string", "default": "branin", "description": "branin, hartmann6, rosenbrock, ackley, sphere, rastrigin, levy, zdt1 or mixed"},
  "dim": {"type": "integer", "default": null, "description": "dimension of rosenbrock (5), ackley (10), sphere, rastrigin, levy, zdt1 (5)"},
  "noise": {"type": "number", "default": 0.0, "description": "standard deviation of gaussian noise added to each value, seeded per trial"},
  "sleep_ms": {"type": "integer", "default": 0, "description": "milliseconds each evaluation sleeps, to simulate a costly objective"}
})json";

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
