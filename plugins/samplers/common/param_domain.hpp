// One parameter's domain as every sampler sees it: the values it may take, the way onto them
// (snapping), the space kernels and unit cubes live in, and draws from its prior.
//
// - A numeric parameter is discrete when it has a grid: an int (whose step is at least 1) or
//   a float with a step. Its grid is low, low + step, ... up to the last point within high;
//   a value snaps to the nearest grid point, a continuous one is clamped into the bounds, a
//   categorical's to the nearest choice index.
// - Internal space is log space for a log parameter. The support there is the bounds, widened
//   by half a step either side of the first and last grid points for a discrete parameter,
//   so that every grid point owns a cell of equal footing (a log grid starting near zero
//   cannot widen below it: half the first value keeps the first cell on the positive axis).
// - The prior is uniform over the support (each grid point equally likely) or, with
//   HPO_PRIOR_NORMAL, the normal prior truncated to the support.
#pragma once

#include "truncated_normal.hpp"

#include <hpo/plugin.h>

#include <cstdint>
#include <utility>
#include <vector>

namespace hpo::samplers {

// How far apart two numbers may be, relative to their size (and at least to 1), and still be
// one: what a value lost going through JSON text or a log and back, or a count of steps
// through rounding ((1 - 0) / 0.1 is 9.999999999999998, ten steps). The one tolerance of
// every sampler's grid.
inline constexpr double kGridTolerance = 1e-9;

bool nearly_equal(double a, double b);

class ParamDomain {
public:
    // Throws std::invalid_argument naming the parameter when it describes no domain to draw
    // from: a categorical without choices, bounds that are not a finite low <= high, a log
    // parameter with low <= 0, a negative step, a normal prior whose sigma is not positive.
    explicit ParamDomain(const hpo_param_info &param);

    bool categorical() const { return categorical_; }
    int32_t n_choices() const { return n_choices_; }
    bool log() const { return log_; }
    bool discrete() const { return step_ > 0.0; }
    double step() const { return step_; }
    double low() const { return low_; } // bounds of the values
    double high() const { return high_; }

    // The grid of a discrete parameter: point(k) for k = 0 .. n_points() - 1.
    int64_t n_points() const { return n_points_; }
    double point(int64_t k) const;
    std::vector<double> points() const;
    // Whether a value within the bounds lies on the grid (to kGridTolerance).
    bool on_grid(double value) const;
    // The nearest value of the domain.
    double snap(double value) const;

    double to_internal(double value) const;
    // An internal-space point back into the domain: exp for log, then snapped.
    double to_value(double internal) const;
    // The support in internal space.
    double internal_low() const { return internal_low_; }
    double internal_high() const { return internal_high_; }
    double internal_width() const { return internal_high_ - internal_low_; }
    // The internal-space interval of the grid cell of a discrete value.
    std::pair<double, double> cell(double value) const;

    // The prior as a kernel in internal space: the normal prior when there is one, else
    // centred on the support with the support's width as sigma (flat over it).
    TruncatedNormal prior_kernel() const;
    // A uniform draw of the domain, whatever the prior.
    double draw_uniform(RandomStream &rng) const;
    // A draw from the prior: the normal prior when there is one, else uniform.
    double draw_prior(RandomStream &rng) const;

private:
    bool categorical_;
    int32_t n_choices_;
    bool log_;
    double low_, high_, step_;
    int64_t n_points_ = 0;
    bool normal_prior_;
    double prior_mu_, prior_sigma_;
    double internal_low_ = 0, internal_high_ = 0;
};

} // namespace hpo::samplers
