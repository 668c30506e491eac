#include "gp_options.hpp"

#include <hpo_kit/options.hpp>

#include <string>

namespace hpo::gp {

namespace {

Liar liar_named(const std::string &name) {
    if (name == "min") return Liar::Min;
    if (name == "max") return Liar::Max;
    if (name == "believer") return Liar::Believer;
    return Liar::Mean; // the schema's enum admits nothing else
}

}  // namespace

GpOptions GpOptions::from(const plugin_kit::Options &given) {
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
