#include "gp_options.hpp"

#include <hpo_kit/options.hpp>

#include <string>

namespace hpo::gp {

const char *const kOptionsSchema = R"schema({
  "n_startup_trials": {"type": "integer", "default": 10, "minimum": 0, "maximum": 2147483647, "description": "observations before the GP is used; until then the initial design proposes"},
  "initial_design": {"type": "string", "enum": ["sobol", "random"], "default": "sobol", "description": "how the first trials are chosen: a shifted Sobol sequence indexed by trial number, or uniformly at random"},
  "acquisition": {"type": "string", "enum": ["ei", "pi", "lcb"], "default": "ei", "description": "log expected improvement, log probability of improvement, or lower confidence bound (scikit-optimize's acq_func)"},
  "xi": {"type": "number", "default": 0, "minimum": 0, "description": "ei, pi: improvement sought beyond the best, in standard deviations of the observed values"},
  "kappa": {"type": "number", "default": 1.96, "minimum": 0, "description": "lcb: weight of the posterior standard deviation"},
  "liar": {"type": "string", "enum": ["min", "mean", "max", "believer"], "default": "mean", "description": "value assumed for running trials: a constant (min, mean or max of the observed), or the GP's mean (kriging believer)"},
  "refit_every": {"type": "integer", "default": 5, "minimum": 1, "maximum": 2147483647, "description": "with refit_always_below observations or more, refit the kernel hyperparameters only after this many new observations"},
  "refit_always_below": {"type": "integer", "default": 50, "minimum": 0, "maximum": 2147483647, "description": "below this many observations the hyperparameters are refit at every ask"},
  "output_transform": {"type": "string", "enum": ["power", "log", "none"], "default": "power", "description": "warp of the observed values before standardizing: Yeo-Johnson with lambda fitted by maximum likelihood, log(1 + u), or none; u is the values shifted to start at 0 and divided by their standard deviation"}
})schema";

namespace {

Liar liar_named(const std::string &name) {
    if (name == "min") return Liar::Min;
    if (name == "max") return Liar::Max;
    if (name == "believer") return Liar::Believer;
    return Liar::Mean; // the schema's enum admits nothing else
}

}  // namespace

GpOptions parse_options(const char *options_json) {
    const plugin_kit::Options given(kOptionsSchema, options_json);
    GpOptions o;
    o.n_startup_trials = static_cast<int>(given.integer("n_startup_trials"));
    o.initial_design =
        given.string("initial_design") == "sobol" ? InitialDesign::Sobol : InitialDesign::Random;
    o.acquisition.kind = parse_acquisition(given.string("acquisition"));
    o.acquisition.xi = given.number("xi");
    o.acquisition.kappa = given.number("kappa");
    o.liar = liar_named(given.string("liar"));
    o.refit_every = static_cast<int>(given.integer("refit_every"));
    o.refit_always_below = static_cast<int>(given.integer("refit_always_below"));
    o.output_transform = parse_output_transform(given.string("output_transform"));
    return o;
}

}  // namespace hpo::gp
