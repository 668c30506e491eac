// The Mann-Whitney U test the quality bench uses to call a difference between two samplers.
#include "rank_test.hpp"

#include <doctest/doctest.h>

#include <vector>

using hpo::bench::mann_whitney_p;

TEST_CASE("the rank test agrees with scipy.stats.mannwhitneyu, ties included") {
    // scipy.stats.mannwhitneyu(a, b, method="asymptotic", use_continuity=True): 0.0135629
    const std::vector<double> a = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 10};
    const std::vector<double> b = {4, 5, 6, 11, 12, 13, 14, 15, 15, 16};
    CHECK(mann_whitney_p(a, b) == doctest::Approx(0.0135629).epsilon(1e-4));
    CHECK(mann_whitney_p(b, a) == doctest::Approx(mann_whitney_p(a, b)));
}

TEST_CASE("the rank test finds no difference between one sample and itself") {
    const std::vector<double> a = {0.3, 0.1, 0.7, 0.2, 0.9};
    CHECK(mann_whitney_p(a, a) == doctest::Approx(1.0));
    CHECK(mann_whitney_p({2, 2, 2}, {2, 2}) == 1.0); // every value ties
    CHECK(mann_whitney_p({}, {1, 2}) == 1.0);
}

TEST_CASE("the rank test separates two samples that do not overlap") {
    std::vector<double> low, high;
    for (int i = 0; i < 30; ++i) {
        low.push_back(i);
        high.push_back(100 + i);
    }
    CHECK(mann_whitney_p(low, high) < 1e-9);
}
