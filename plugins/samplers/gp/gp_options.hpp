// The gp sampler's options: checked against kOptionsSchema (what `hpo plugins` shows), which
// states their names, types, bounds and defaults once. GpOptions{} holds the same defaults for
// code that builds a sampler without options text.
#pragma once

#include "acquisition.hpp"
#include "output_transform.hpp"

namespace hpo::gp {

enum class InitialDesign { Sobol, Random };

// What a pending (running) trial is assumed to have returned: the minimum, mean or maximum of
// the observed targets (constant liar), or the model's own mean there (kriging believer).
enum class Liar { Min, Mean, Max, Believer };

struct GpOptions {
    int n_startup_trials = 10;
    InitialDesign initial_design = InitialDesign::Sobol;
    AcquisitionSettings acquisition;
    Liar liar = Liar::Mean;
    int refit_every = 5;
    int refit_always_below = 50;
    OutputTransform output_transform = OutputTransform::Power;
};

// Throws plugin_kit::InvalidOption (a std::invalid_argument) naming the option at fault.
GpOptions parse_options(const char *options_json);

extern const char *const kOptionsSchema;

}  // namespace hpo::gp
