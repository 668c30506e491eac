// The exact hypervolume against volumes computed by hand, in two and three objectives.
#include "hypervolume.hpp"

#include <doctest/doctest.h>

#include <stdexcept>

using hpo::bench::hypervolume;

TEST_CASE("two objectives: the union of the boxes each point spans to the reference") {
    // (1,3) (2,2) (3,1) under (4,4): 3*1 + 2*1 + 1*1 = 6 (a staircase).
    CHECK(hypervolume({{1, 3}, {2, 2}, {3, 1}}, {4, 4}) == doctest::Approx(6.0));
    // A dominated point, a point outside the reference and a duplicate change nothing.
    CHECK(hypervolume({{1, 3}, {2, 2}, {3, 1}, {3, 3}, {5, 0}, {2, 2}}, {4, 4}) == doctest::Approx(6.0));
    CHECK(hypervolume({}, {1, 1}) == 0.0);
}

TEST_CASE("three objectives: slabs of two-dimensional hypervolume") {
    // One point: a box, 2 * 2 * 2.
    CHECK(hypervolume({{1, 1, 1}}, {3, 3, 3}) == doctest::Approx(8.0));
    // (0,2,2) spans 3*1*1 = 3; (2,0,2) 1*3*1 = 3; overlap (2..3, 2..3, 2..3) = 1; (2,2,0) 1*1*3 = 3,
    // overlapping each of the others in 1 and all three together in 1: 3 + 3 + 3 - 1 - 1 - 1 + 1 = 7.
    CHECK(hypervolume({{0, 2, 2}, {2, 0, 2}, {2, 2, 0}}, {3, 3, 3}) == doctest::Approx(7.0));
    CHECK_THROWS_AS(hypervolume({{1, 1, 1, 1}}, {2, 2, 2, 2}), std::invalid_argument);
    CHECK_THROWS_AS(hypervolume({{1, 1}}, {2, 2, 2}), std::invalid_argument);
}
