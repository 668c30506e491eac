// The margin's correction of one discrete coordinate against hand-computed cases: a
// coordinate whose chance of leaving the mean's cell is below the bound is corrected to the
// bound exactly (alpha at an end cell, alpha / 2 a side in an inner one), and one that keeps
// the bound is left as it was.
#include "margin_correction.hpp"

#include <truncated_normal.hpp>

#include <doctest/doctest.h>

#include <vector>

using hpo::cmaes::corrected_margin;
using hpo::cmaes::MarginedCoordinate;
using hpo::samplers::normal_cdf;

namespace {

constexpr double alpha = 1.0 / (2 * 10);         // n = 2 coordinates, lambda = 10
constexpr double z_alpha = 1.6448536269514722;   // P(Z > z) = alpha
constexpr double z_half = 1.959963984540054;     // P(Z > z) = alpha / 2

const std::vector<double> binary = {0, 0.5, 1};
const std::vector<double> thirds = {0, 1.0 / 3, 2.0 / 3, 1};

// The chances that a coordinate drawn with this mean and spread falls below `low` and
// above `high`.
double chance_below(MarginedCoordinate c, double spread, double low) {
    return normal_cdf((low - c.mean) / (c.scaling * spread));
}
double chance_above(MarginedCoordinate c, double spread, double high) {
    return normal_cdf((c.mean - high) / (c.scaling * spread));
}

}  // namespace

TEST_CASE("a mean frozen in an end cell moves to where it crosses the cell's edge with chance alpha") {
    SUBCASE("the first cell: the mean moves up, the scaling stays") {
        const MarginedCoordinate c = corrected_margin(binary, {0.1, 1}, 0.01, alpha);
        CHECK(c.mean == doctest::Approx(0.5 - z_alpha * 0.01).epsilon(1e-12));
        CHECK(c.scaling == 1);
        CHECK(chance_above(c, 0.01, 0.5) == doctest::Approx(alpha).epsilon(1e-9));
    }
    SUBCASE("the last cell, scaled by 2 before: the mean moves down") {
        const MarginedCoordinate c = corrected_margin(thirds, {0.95, 2}, 0.01, alpha);
        CHECK(c.mean == doctest::Approx(2.0 / 3 + z_alpha * 0.02).epsilon(1e-12));
        CHECK(c.scaling == 2);
        CHECK(chance_below(c, 0.01, 2.0 / 3) == doctest::Approx(alpha).epsilon(1e-9));
    }
    SUBCASE("a mean that crosses with chance above alpha is left alone") {
        const MarginedCoordinate c = corrected_margin(binary, {0.45, 1}, 0.1, alpha);
        CHECK(c.mean == 0.45);
        CHECK(c.scaling == 1);
    }
}

TEST_CASE("an inner cell's sides are each raised to chance alpha / 2 by its mean and scaling") {
    SUBCASE("a mean frozen at the cell's centre: a wider scaling, the same mean") {
        const MarginedCoordinate c = corrected_margin(thirds, {0.5, 1}, 0.01, alpha);
        // m - z s = 1/3 and m + z s = 2/3 with s = A * 0.01.
        CHECK(c.scaling == doctest::Approx((1.0 / 3) / (2 * z_half * 0.01)).epsilon(1e-9));
        CHECK(c.mean == doctest::Approx(0.5).epsilon(1e-12));
        CHECK(chance_below(c, 0.01, 1.0 / 3) == doctest::Approx(alpha / 2).epsilon(1e-9));
        CHECK(chance_above(c, 0.01, 2.0 / 3) == doctest::Approx(alpha / 2).epsilon(1e-9));
    }
    SUBCASE("a mean near the lower edge: the far side raised to alpha / 2, the near one shares the cost") {
        const double below_before = normal_cdf((1.0 / 3 - 0.4) / 0.05);  // about 0.091
        const MarginedCoordinate c = corrected_margin(thirds, {0.4, 1}, 0.05, alpha);
        CHECK(chance_above(c, 0.05, 2.0 / 3) == doctest::Approx(alpha / 2).epsilon(1e-9));
        const double below_after = chance_below(c, 0.05, 1.0 / 3);
        CHECK(below_after < below_before);
        CHECK(below_after > below_before - alpha / 2);
        CHECK(c.mean > 0.4);
    }
    SUBCASE("sides that keep alpha / 2 already are left as they were") {
        const MarginedCoordinate c = corrected_margin(thirds, {0.5, 1.5}, 0.1, alpha);
        CHECK(c.mean == doctest::Approx(0.5).epsilon(1e-12));
        CHECK(c.scaling == doctest::Approx(1.5).epsilon(1e-9));
    }
}
