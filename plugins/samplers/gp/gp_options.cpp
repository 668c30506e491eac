#include "gp_options.hpp"

#include <nlohmann/json.hpp>

#include <stdexcept>
#include <string>

namespace hpo::gp {

const char *const kOptionsSchema = R"schema({
  "n_startup_trials": {"type": "integer", "default": 10, "description": "observations before the GP is used; until then the initial design proposes"},
  "initial_design": {"type": "string", "enum": ["sobol", "random"], "default": "sobol", "description": "how the first trials are chosen: a shifted Sobol sequence indexed by trial number, or uniformly at random"},
  "acquisition": {"type": "string", "enum": ["ei", "pi", "lcb"], "default": "ei", "description": "log expected improvement, log probability of improvement, or lower confidence bound (scikit-optimize's acq_func)"},
  "xi": {"type": "number", "default": 0.01, "description": "ei, pi: improvement sought beyond the best, in standard deviations of the observed values"},
  "kappa": {"type": "number", "default": 1.96, "description": "lcb: weight of the posterior standard deviation"},
  "liar": {"type": "string", "enum": ["min", "mean", "max", "believer"], "default": "mean", "description": "value assumed for running trials: a constant (min, mean or max of the observed), or the GP's mean (kriging believer)"},
  "refit_every": {"type": "integer", "default": 5, "description": "with refit_always_below observations or more, refit the kernel hyperparameters only after this many new observations"},
  "refit_always_below": {"type": "integer", "default": 50, "description": "below this many observations the hyperparameters are refit at every ask"}
})schema";

namespace {

using nlohmann::json;

std::string string_option(const json &value, const char *name) {
    if (!value.is_string())
        throw std::invalid_argument(std::string("gp: option '") + name + "' must be a string");
    return value.get<std::string>();
}

int int_option(const json &value, const char *name, int minimum) {
    if (!value.is_number_integer() || value.get<long long>() < minimum)
        throw std::invalid_argument(std::string("gp: option '") + name +
                                    "' must be an integer >= " + std::to_string(minimum));
    return value.get<int>();
}

double nonnegative_option(const json &value, const char *name) {
    if (!value.is_number() || !(value.get<double>() >= 0))
        throw std::invalid_argument(std::string("gp: option '") + name +
                                    "' must be a number >= 0");
    return value.get<double>();
}

}  // namespace

GpOptions parse_options(const char *options_json) {
    json j;
    try {
        j = json::parse(options_json ? options_json : "{}");
    } catch (const json::parse_error &e) {
        throw std::invalid_argument(std::string("gp: options are not valid JSON: ") + e.what());
    }
    if (!j.is_object())
        throw std::invalid_argument("gp: options must be a JSON object");
    GpOptions o;
    for (const auto &[key, value] : j.items()) {
        if (key == "n_startup_trials") {
            o.n_startup_trials = int_option(value, "n_startup_trials", 0);
        } else if (key == "initial_design") {
            const std::string s = string_option(value, "initial_design");
            if (s != "sobol" && s != "random")
                throw std::invalid_argument("gp: option 'initial_design' must be \"sobol\" or \"random\", not \"" + s + "\"");
            o.initial_design = s == "sobol" ? InitialDesign::Sobol : InitialDesign::Random;
        } else if (key == "acquisition") {
            o.acquisition.kind = parse_acquisition(string_option(value, "acquisition"));
        } else if (key == "xi") {
            o.acquisition.xi = nonnegative_option(value, "xi");
        } else if (key == "kappa") {
            o.acquisition.kappa = nonnegative_option(value, "kappa");
        } else if (key == "liar") {
            const std::string s = string_option(value, "liar");
            if (s == "min")
                o.liar = Liar::Min;
            else if (s == "mean")
                o.liar = Liar::Mean;
            else if (s == "max")
                o.liar = Liar::Max;
            else if (s == "believer")
                o.liar = Liar::Believer;
            else
                throw std::invalid_argument("gp: option 'liar' must be \"min\", \"mean\", \"max\" or \"believer\", not \"" + s + "\"");
        } else if (key == "refit_every") {
            o.refit_every = int_option(value, "refit_every", 1);
        } else if (key == "refit_always_below") {
            o.refit_always_below = int_option(value, "refit_always_below", 0);
        } else {
            throw std::invalid_argument("gp: unknown option '" + key + "'");
        }
    }
    return o;
}

}  // namespace hpo::gp
