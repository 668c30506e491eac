// Shifted Sobol points: in the unit cube, spread evenly, the same for a seed and shifted
// differently by another.
#include <quasi_random.hpp>

#include <doctest/doctest.h>

#include <array>
#include <vector>

using hpo::samplers::ShiftedSobol;

TEST_CASE("shifted Sobol points cover the unit square evenly, reproducibly for a seed") {
    ShiftedSobol sobol(2, 11), same(2, 11), other(2, 12);
    std::array<int, 4> quadrants{};
    std::vector<double> point, again, shifted;
    for (uint64_t i = 0; i < 64; ++i) {
        sobol.point(i, point);
        same.point(i, again);
        other.point(i, shifted);
        REQUIRE(point.size() == 2);
        for (double u : point) {
            REQUIRE(u >= 0.0);
            REQUIRE(u < 1.0);
        }
        CHECK(point == again);
        CHECK(point != shifted);
        ++quadrants[(point[0] < 0.5 ? 0 : 1) + (point[1] < 0.5 ? 0 : 2)];
    }
    for (int count : quadrants) CHECK(count == doctest::Approx(16).epsilon(0.25));
}

TEST_CASE("dimensions past the Sobol table are filled by the shift alone") {
    ShiftedSobol wide(4000, 5); // the table has 3667
    std::vector<double> point;
    wide.point(0, point);
    CHECK(point.size() == 4000);
    for (double u : point) REQUIRE((u >= 0.0 && u < 1.0));
}
