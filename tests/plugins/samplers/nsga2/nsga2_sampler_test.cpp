// NSGA-II's survival against hand-computed fronts and crowding, Deb's constrained domination,
// NSGA-III's reference points and niching, and whole runs on a ZDT1-like fake study.
#include "nsga2_sampler.hpp"
#include "reference_points.hpp"

#include <evolution_loop.hpp>
#include <sampler_under_test.hpp>

#include <hpo_test/fake_study.hpp>

#include <doctest/doctest.h>

#include <cmath>
#include <numeric>
#include <set>
#include <string>
#include <vector>

using hpo::test::FakeStudy;
using Nsga2 = hpo::test::SamplerUnderTest<hpo::nsga2::Nsga2Sampler>;

namespace {

// Trials with the given loss pairs (both minimized), all COMPLETE.
void add_points(FakeStudy &study, const std::vector<std::vector<double>> &points) {
    for (const auto &values : points) study.add_trial(HPO_TRIAL_COMPLETE, {0.5}, values);
}

std::vector<int64_t> all_of(const FakeStudy &study) {
    std::vector<int64_t> all(static_cast<std::size_t>(study.n_trials()));
    std::iota(all.begin(), all.end(), int64_t{0});
    return all;
}

// ZDT1 in 4 dimensions (Zitzler, Deb, Thiele 2000): its front is g = 1.
std::vector<double> zdt1(const std::vector<double> &x) {
    double sum = 0;
    for (std::size_t i = 1; i < x.size(); ++i) sum += x[i];
    const double g = 1 + 9 * sum / static_cast<double>(x.size() - 1);
    return {x[0], g * (1 - std::sqrt(x[0] / g))};
}

// The smallest g - 1 over n trials of the sampler on ZDT1: how close it came to the front.
double closest_to_front(const char *options, uint64_t seed, int n) {
    FakeStudy study({HPO_MINIMIZE, HPO_MINIMIZE});
    for (int i = 0; i < 4; ++i) study.add_float("x" + std::to_string(i), 0, 1);
    Nsga2 sampler(options, seed);
    double closest = 1e9;
    for (int t = 0; t < n; ++t) {
        const int64_t i = hpo::test::ask_evolved(*sampler, study);
        const auto &x = study.trial(i).params;
        study.complete(i, zdt1(x));
        closest = std::min(closest, 3 * (x[1] + x[2] + x[3]));
    }
    return closest;
}

} // namespace

TEST_CASE("survival keeps whole fronts, then the most crowded-apart of the front that does not fit") {
    FakeStudy study({HPO_MINIMIZE, HPO_MINIMIZE});
    study.add_float("x", 0, 1);
    // Front 0: (0,4) (1,2) (2,1.5) (4,0); front 1: (2,3) (3,2); front 2: (5,5).
    add_points(study, {{5, 5}, {1, 2}, {2, 3}, {0, 4}, {2, 1.5}, {3, 2}, {4, 0}});
    Nsga2 sampler;
    // Front 0's extremes (infinite crowding) first, then (2,1.5) before (1,2):
    // crowding of (1,2) = (2-0)/4 + (4-1.5)/4 = 1.125; of (2,1.5) = (4-1)/4 + (2-0)/4 = 1.25.
    CHECK(sampler->survivors(study.view(), all_of(study), 4, 1) == std::vector<int64_t>{3, 6, 4, 1});
    // Five: the whole first front and one of the second (both extremes of it: the older wins).
    CHECK(sampler->survivors(study.view(), all_of(study), 5, 1) == std::vector<int64_t>{3, 6, 4, 1, 2});
    CHECK(sampler->survivors(study.view(), all_of(study), 20, 1).size() == 7);
}

TEST_CASE("survival prefers a feasible trial to an infeasible one that dominates it") {
    FakeStudy study({HPO_MINIMIZE, HPO_MAXIMIZE});
    study.add_float("x", 0, 1);
    hpo::test::FakeTrial dominant;
    dominant.params = {0.1};
    dominant.values = {0.0, 10.0};
    dominant.constraints = {0.5};
    study.add_trial(dominant);
    hpo::test::FakeTrial feasible;
    feasible.params = {0.2};
    feasible.values = {1.0, 1.0};
    feasible.constraints = {-1.0};
    study.add_trial(feasible);
    Nsga2 sampler;
    CHECK(sampler->survivors(study.view(), {0, 1}, 1, 1) == std::vector<int64_t>{1});
}

TEST_CASE("a maximized objective is ranked by its sign-flipped value") {
    FakeStudy study({HPO_MAXIMIZE, HPO_MAXIMIZE});
    study.add_float("x", 0, 1);
    add_points(study, {{1, 1}, {2, 2}, {0, 3}});
    Nsga2 sampler;
    const auto kept = sampler->survivors(study.view(), all_of(study), 2, 1);
    CHECK(std::set<int64_t>(kept.begin(), kept.end()) == std::set<int64_t>{1, 2});
}

TEST_CASE("Das-Dennis reference points lie on the simplex, as many as the binomial says") {
    const auto points = hpo::nsga2::das_dennis_points(3, 4);
    REQUIRE(points.size() == 15 * 3); // C(6, 2)
    std::set<std::vector<double>> distinct;
    for (std::size_t r = 0; r < 15; ++r) {
        CHECK(points[3 * r] + points[3 * r + 1] + points[3 * r + 2] == doctest::Approx(1.0));
        distinct.insert({points[3 * r], points[3 * r + 1], points[3 * r + 2]});
    }
    CHECK(distinct.size() == 15);
    CHECK(hpo::nsga2::divisions_for(3, 50) == 9); // 55 points; 8 divisions give 45
    CHECK(hpo::nsga2::divisions_for(2, 50) == 49);
}

TEST_CASE("niching takes a front's points for the emptiest reference directions") {
    // Three objectives; the chosen point sits on the first axis, the front has two points near
    // the first axis and one near each other axis.
    const std::vector<double> losses = {1, 0, 0,  0.9, 0.05, 0.05,  0.95, 0, 0.05,
                                        0, 1, 0,  0, 0, 1};
    const std::vector<double> references = hpo::nsga2::das_dennis_points(3, 1); // the 3 axes
    hpo::samplers::RandomStream rng(1);
    const auto picked = hpo::nsga2::niche_select(losses, 3, {0}, {1, 2, 3, 4}, 2, references, rng);
    CHECK(std::set<std::size_t>(picked.begin(), picked.end()) == std::set<std::size_t>{3, 4});
}

TEST_CASE("NSGA-II and NSGA-III approach ZDT1's front far closer than their first generation") {
    for (const char *options : {R"({"population_size": 20})",
                                R"({"population_size": 20, "reference_points": true})",
                                R"({"population_size": 20, "crossover": "uniform", "selection": "rank"})"}) {
        CAPTURE(options);
        CHECK(closest_to_front(options, 3, 500) < 0.25 * closest_to_front(options, 3, 20));
    }
}

TEST_CASE("a seeded nsga2 sampler proposes the same trials again") {
    const auto run = [](uint64_t seed) {
        FakeStudy study({HPO_MINIMIZE, HPO_MINIMIZE});
        for (int i = 0; i < 3; ++i) study.add_float("x" + std::to_string(i), 0, 1);
        Nsga2 sampler(R"({"population_size": 4, "reference_points": true})", seed);
        for (int t = 0; t < 20; ++t) {
            const int64_t i = hpo::test::ask_evolved(*sampler, study);
            study.complete(i, zdt1(study.trial(i).params));
        }
        std::vector<std::vector<double>> params;
        for (int64_t t = 0; t < study.n_trials(); ++t) params.push_back(study.trial(t).params);
        return params;
    };
    CHECK(run(2) == run(2));
    CHECK(run(2) != run(3));
}
