#include "margin_correction.hpp"

#include <truncated_normal.hpp>

#include <algorithm>

namespace hpo::cmaes {

namespace {

using samplers::normal_cdf;
using samplers::normal_quantile;

// Tail chances kept off 0 and 1/2, where the quantiles below are infinite or zero.
constexpr double kTailFloor = 1e-10;

// The z whose upper tail has chance p: P(Z > z) = p.
double upper_quantile(double p) { return -normal_quantile(p); }

MarginedCoordinate corrected_end_cell(double edge, bool below_edge, MarginedCoordinate current, double spread,
                                      double alpha) {
    const double scaled = current.scaling * spread;
    const double crossing = below_edge ? normal_cdf((current.mean - edge) / scaled)
                                       : normal_cdf((edge - current.mean) / scaled);
    if (crossing >= alpha) return current;
    const double distance = upper_quantile(alpha) * scaled;
    return {below_edge ? edge - distance : edge + distance, current.scaling};
}

MarginedCoordinate corrected_inner_cell(double low, double high, MarginedCoordinate current, double spread,
                                        double alpha) {
    const double scaled = current.scaling * spread;
    const double below = normal_cdf((low - current.mean) / scaled);
    const double above = normal_cdf((current.mean - high) / scaled);
    const double inside = 1 - below - above;
    const double side_floor = alpha / 2;
    const double lifted_below = std::max(below, side_floor), lifted_above = std::max(above, side_floor);
    const double added = lifted_below + lifted_above + inside - 1;
    const double held_above_floor = lifted_below + lifted_above + inside - 3 * side_floor;
    if (!(held_above_floor > 0)) return current;  // a spread so wide the cell holds nothing
    const auto renormalized = [&](double lifted) {
        return std::clamp(lifted - added * (lifted - side_floor) / held_above_floor, kTailFloor, 0.5 - kTailFloor);
    };
    // m - z_below s = low and m + z_above s = high, solved for the mean m and the spread s.
    const double z_below = upper_quantile(renormalized(lifted_below));
    const double z_above = upper_quantile(renormalized(lifted_above));
    return {(low * z_above + high * z_below) / (z_below + z_above),
            (high - low) / ((z_below + z_above) * spread)};
}

}  // namespace

MarginedCoordinate corrected_margin(std::span<const double> edges, MarginedCoordinate current, double spread,
                                    double alpha) {
    const auto inner_begin = edges.begin() + 1, inner_end = edges.end() - 1;
    const auto next_edge = std::upper_bound(inner_begin, inner_end, current.mean);
    if (next_edge == inner_begin) return corrected_end_cell(*inner_begin, true, current, spread, alpha);
    if (next_edge == inner_end) return corrected_end_cell(*(inner_end - 1), false, current, spread, alpha);
    return corrected_inner_cell(*(next_edge - 1), *next_edge, current, spread, alpha);
}

}  // namespace hpo::cmaes
