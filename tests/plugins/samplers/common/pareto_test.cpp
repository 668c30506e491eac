// Non-dominated fronts and crowding distances, plain and under Deb's constrained domination.
#include <pareto.hpp>

#include <doctest/doctest.h>

#include <cmath>
#include <vector>

using namespace hpo::samplers;

TEST_CASE("non-domination fronts and crowding distances") {
    // Minimizing both: (0,2) (1,1) (2,0) form front 0, (2,2) front 1, (3,3) front 2.
    const std::vector<double> losses = {0, 2, 1, 1, 2, 0, 2, 2, 3, 3};
    const auto fronts = non_domination_fronts(losses, 2);
    CHECK(fronts == std::vector<int>{0, 0, 0, 1, 2});
    const auto crowding = crowding_distances(losses, 2, fronts);
    CHECK(std::isinf(crowding[0]));
    CHECK(std::isinf(crowding[2]));
    CHECK(crowding[1] == doctest::Approx(2.0)); // (2-0)/2 for each objective
}

TEST_CASE("under constrained domination the feasible come first, then the least violating") {
    const std::vector<double> a = {0, 0}, b = {1, 1};
    CHECK(constrained_dominates(b, 0, a, 0.5)); // feasible beats infeasible, whatever its losses
    CHECK_FALSE(constrained_dominates(a, 0.5, b, 0));
    CHECK(constrained_dominates(b, 0.1, a, 0.5)); // two infeasible: the smaller violation
    CHECK(constrained_dominates(a, 0, b, 0));     // two feasible: plain domination
    CHECK_FALSE(constrained_dominates(a, 0.5, b, 0.5));

    // (0,0) and (1,1) infeasible, (2,2) and (3,1) feasible and not dominating each other.
    const std::vector<double> losses = {0, 0, 1, 1, 2, 2, 3, 1};
    const std::vector<double> violations = {3.0, 1.0, 0.0, 0.0};
    CHECK(non_domination_fronts(losses, 2, violations) == std::vector<int>{2, 1, 0, 0});
    CHECK(non_domination_fronts(losses, 2) == std::vector<int>{0, 1, 2, 2});
}
