// The evolutionary operators: every child inside its domain and on its grid, categorical
// children from a parent, inactive parameters inherited only where active, else the prior.
#include <param_domain.hpp>
#include <variation.hpp>

#include <hpo_test/fake_study.hpp>

#include <doctest/doctest.h>

#include <cmath>
#include <limits>
#include <set>

using namespace hpo::samplers;
using hpo::test::FakeStudy;

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

VariationOptions operators(CrossoverKind crossover, MutationKind mutation) {
    VariationOptions options;
    options.crossover = crossover;
    options.mutation = mutation;
    options.mutation_sigma = 0.5; // wide steps reach the bounds often
    return options;
}

const CrossoverKind kCrossovers[] = {CrossoverKind::Uniform, CrossoverKind::SimulatedBinary,
                                     CrossoverKind::BlxAlpha};
const MutationKind kMutations[] = {MutationKind::Polynomial, MutationKind::Gaussian};

} // namespace

TEST_CASE("every crossover and mutation keeps a child inside its domain and on its step") {
    FakeStudy study;
    study.add_float("plain", -2.0, 3.0);
    study.add_float("log", 1e-5, 1.0, true);
    study.add_float("stepped", 0.0, 1.0, false, 0.1);
    study.add_int("int", -3, 17);
    study.add_int("int_step", 0, 100, 7);
    study.add_int("int_log", 1, 1024, 1, true);
    RandomStream rng(7);
    for (int32_t p = 0; p < study.n_params(); ++p) {
        const ParamDomain domain(*HPO_STUDY_PARAM(&study.view(), p));
        CAPTURE(p);
        for (const CrossoverKind crossover : kCrossovers)
            for (const MutationKind mutation : kMutations) {
                const VariationOptions options = operators(crossover, mutation);
                for (int draw = 0; draw < 300; ++draw) {
                    const double a = domain.draw_uniform(rng), b = domain.draw_uniform(rng);
                    const double child =
                        child_value(domain, a, b, ChildPlan{true, 1.0}, options, rng);
                    REQUIRE(child >= domain.low());
                    REQUIRE(child <= domain.high());
                    if (domain.discrete()) REQUIRE(domain.on_grid(child));
                }
            }
    }
}

TEST_CASE("a categorical child takes one parent's choice, and both parents' choices occur") {
    FakeStudy study;
    study.add_categorical("kernel", 6);
    const ParamDomain domain(*HPO_STUDY_PARAM(&study.view(), 0));
    RandomStream rng(3);
    std::set<double> seen;
    for (int draw = 0; draw < 200; ++draw) {
        const double child = child_value(domain, 1.0, 4.0, ChildPlan{true, 0.0}, VariationOptions{}, rng);
        REQUIRE((child == 1.0 || child == 4.0));
        seen.insert(child);
    }
    CHECK(seen.size() == 2);
}

TEST_CASE("a categorical's mutation resamples it over every choice") {
    FakeStudy study;
    study.add_categorical("kernel", 4);
    const ParamDomain domain(*HPO_STUDY_PARAM(&study.view(), 0));
    RandomStream rng(5);
    std::set<double> seen;
    for (int draw = 0; draw < 200; ++draw)
        seen.insert(child_value(domain, 2.0, 2.0, ChildPlan{true, 1.0}, VariationOptions{}, rng));
    CHECK(seen == std::set<double>{0, 1, 2, 3});
}

TEST_CASE("a parameter inactive in both parents is drawn from its prior") {
    FakeStudy study;
    study.add_float("x", 0.0, 10.0);
    study.set_normal_prior(0, 7.0, 0.01);
    const ParamDomain domain(*HPO_STUDY_PARAM(&study.view(), 0));
    RandomStream rng(11);
    for (int draw = 0; draw < 100; ++draw) {
        const double child = child_value(domain, kNaN, kNaN, ChildPlan{true, 0.0}, VariationOptions{}, rng);
        REQUIRE(child == doctest::Approx(7.0).epsilon(0.01));
    }
}

TEST_CASE("a parameter active in one parent only is inherited from that parent") {
    FakeStudy study;
    study.add_float("x", 0.0, 10.0);
    study.add_categorical("c", 5);
    RandomStream rng(13);
    for (int32_t p = 0; p < 2; ++p) {
        const ParamDomain domain(*HPO_STUDY_PARAM(&study.view(), p));
        for (const CrossoverKind crossover : kCrossovers) {
            const VariationOptions options = operators(crossover, MutationKind::Polynomial);
            CHECK(child_value(domain, kNaN, 3.0, ChildPlan{true, 0.0}, options, rng) == 3.0);
            CHECK(child_value(domain, 2.0, kNaN, ChildPlan{true, 0.0}, options, rng) == 2.0);
        }
    }
}

TEST_CASE("without crossover or mutation a child copies its first parent") {
    FakeStudy study;
    study.add_float("x", 0.0, 10.0);
    const ParamDomain domain(*HPO_STUDY_PARAM(&study.view(), 0));
    RandomStream rng(17);
    CHECK(child_value(domain, 2.5, 8.0, ChildPlan{false, 0.0}, VariationOptions{}, rng) == 2.5);
}

TEST_CASE("BLX-alpha reaches alpha widths past its parents, in log space for a log parameter") {
    FakeStudy study;
    study.add_float("lr", 1e-6, 1.0, true);
    const ParamDomain domain(*HPO_STUDY_PARAM(&study.view(), 0));
    VariationOptions options = operators(CrossoverKind::BlxAlpha, MutationKind::Polynomial);
    options.blx_alpha = 0.5;
    RandomStream rng(19);
    double lowest = 1.0, highest = 0.0;
    for (int draw = 0; draw < 2000; ++draw) {
        const double child = child_value(domain, 1e-4, 1e-2, ChildPlan{true, 0.0}, options, rng);
        lowest = std::min(lowest, child);
        highest = std::max(highest, child);
    }
    // The interval in log10 is [-4, -2]; half its width either side gives [-5, -1].
    CHECK(std::log10(lowest) >= -5.0 - 1e-9);
    CHECK(std::log10(highest) <= -1.0 + 1e-9);
    CHECK(std::log10(lowest) < -4.5);
    CHECK(std::log10(highest) > -1.5);
}

TEST_CASE("simulated binary crossover keeps children nearer the parents as eta grows") {
    FakeStudy study;
    study.add_float("x", 0.0, 1.0);
    const ParamDomain domain(*HPO_STUDY_PARAM(&study.view(), 0));
    const auto mean_distance = [&](double eta) {
        VariationOptions options = operators(CrossoverKind::SimulatedBinary, MutationKind::Polynomial);
        options.sbx_eta = eta;
        RandomStream rng(23);
        double total = 0;
        for (int draw = 0; draw < 2000; ++draw) {
            const double child = child_value(domain, 0.4, 0.6, ChildPlan{true, 0.0}, options, rng);
            total += std::min(std::abs(child - 0.4), std::abs(child - 0.6));
        }
        return total / 2000;
    };
    CHECK(mean_distance(30.0) < mean_distance(1.0));
}

TEST_CASE("polynomial mutation moves less as its index grows and stays in the support") {
    FakeStudy study;
    study.add_float("x", 0.0, 1.0);
    const ParamDomain domain(*HPO_STUDY_PARAM(&study.view(), 0));
    const auto mean_step = [&](double eta) {
        VariationOptions options;
        options.mutation_eta = eta;
        RandomStream rng(29);
        double total = 0;
        for (int draw = 0; draw < 2000; ++draw) {
            const double mutant = mutate_internal(domain, 0.9, options, rng);
            REQUIRE(mutant >= 0.0);
            REQUIRE(mutant <= 1.0);
            total += std::abs(mutant - 0.9);
        }
        return total / 2000;
    };
    CHECK(mean_step(50.0) < mean_step(2.0));
}
