// The genetic sampler on the fake study: generations that improve on random search, elitist
// survival that prefers feasible trials, conditional parameters, determinism by seed.
#include "genetic_sampler.hpp"

#include <evolution_loop.hpp>
#include <sampler_under_test.hpp>

#include <hpo_test/fake_study.hpp>

#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <string>
#include <vector>

using hpo::test::FakeStudy;
using Genetic = hpo::test::SamplerUnderTest<hpo::genetic::GeneticSampler>;
using json = nlohmann::json;

namespace {

// A 6-D sphere centred at 1 on [-5, 5], two of its coordinates stepped, one integer.
struct SphereStudy : FakeStudy {
    SphereStudy() {
        for (int i = 0; i < 3; ++i) add_float("x" + std::to_string(i), -5, 5);
        add_float("s0", -5, 5, false, 0.25);
        add_float("s1", -5, 5, false, 0.5);
        add_int("n", -5, 5);
    }
    static double value(const std::vector<double> &x) {
        double sum = 0;
        for (const double v : x) sum += (v - 1) * (v - 1);
        return sum;
    }
};

// The best value of n trials of the sampler on the sphere.
double best_on_sphere(const char *options, uint64_t seed, int n) {
    SphereStudy study;
    Genetic sampler(options, seed);
    double best = std::numeric_limits<double>::infinity();
    for (int t = 0; t < n; ++t) {
        const int64_t i = hpo::test::ask_evolved(*sampler, study);
        const double value = SphereStudy::value(study.trial(i).params);
        study.complete(i, {value});
        best = std::min(best, value);
    }
    return best;
}

// The best of n uniform draws on the same sphere.
double best_of_random(uint64_t seed, int n) {
    SphereStudy study;
    hpo::samplers::RandomStream rng(seed);
    double best = std::numeric_limits<double>::infinity();
    for (int t = 0; t < n; ++t) {
        std::vector<double> x;
        for (int32_t p = 0; p < study.n_params(); ++p)
            x.push_back(hpo::samplers::ParamDomain(*HPO_STUDY_PARAM(&study.view(), p)).draw_uniform(rng));
        best = std::min(best, SphereStudy::value(x));
    }
    return best;
}

} // namespace

TEST_CASE("the genetic sampler beats random search on a sphere, with every selection and operator") {
    const char *variants[] = {
        R"({"population_size": 20})",
        R"({"population_size": 20, "selection": "rank"})",
        R"({"population_size": 20, "crossover": "blx_alpha", "mutation": "gaussian"})",
        R"({"population_size": 20, "crossover": "uniform", "mutation_prob": 0.3})",
    };
    for (const char *options : variants) {
        CAPTURE(options);
        for (uint64_t seed = 1; seed <= 3; ++seed) {
            CAPTURE(seed);
            CHECK(best_on_sphere(options, seed, 400) < 0.5 * best_of_random(seed, 400));
        }
    }
}

TEST_CASE("a seeded genetic sampler proposes the same trials again, another seed others") {
    const auto run = [](uint64_t seed) {
        SphereStudy study;
        Genetic sampler(R"({"population_size": 5})", seed);
        std::vector<std::vector<double>> proposals;
        for (int t = 0; t < 30; ++t) {
            const int64_t i = hpo::test::ask_evolved(*sampler, study);
            study.complete(i, {SphereStudy::value(study.trial(i).params)});
            proposals.push_back(study.trial(i).params);
        }
        return proposals;
    };
    CHECK(run(4) == run(4));
    CHECK(run(4) != run(5));
}

TEST_CASE("sampled one parameter at a time, a child is the one proposed all at once") {
    SphereStudy study;
    Genetic sampler(R"({"population_size": 4})", 9);
    for (int t = 0; t < 12; ++t) {
        const int64_t i = hpo::test::ask_evolved(*sampler, study);
        study.complete(i, {SphereStudy::value(study.trial(i).params)});
    }
    const int64_t i = hpo::test::ask_evolved(*sampler, study);
    for (int32_t p = 0; p < study.n_params(); ++p)
        CHECK(sampler->sample_independent(study.view(), i, p) == study.trial(i).params[static_cast<std::size_t>(p)]);
}

TEST_CASE("survival ranks feasible trials first, then by value in the study's direction") {
    FakeStudy study({HPO_MAXIMIZE});
    study.add_float("x", 0, 1);
    hpo::test::FakeTrial infeasible_best;
    infeasible_best.params = {0.5};
    infeasible_best.values = {100.0};
    infeasible_best.constraints = {0.3};
    study.add_trial(infeasible_best);
    study.add_trial(HPO_TRIAL_COMPLETE, {0.1}, {1.0});
    study.add_trial(HPO_TRIAL_COMPLETE, {0.2}, {3.0});
    hpo::test::FakeTrial barely;
    barely.params = {0.3};
    barely.values = {50.0};
    barely.constraints = {0.01, -2.0};
    study.add_trial(barely);
    CHECK(hpo::genetic::fittest(study.view(), {0, 1, 2, 3}, 3) == std::vector<int64_t>{2, 1, 3});
}

TEST_CASE("conditional parameters: children keep the branch structure and their domains") {
    FakeStudy study;
    const int32_t kind = study.add_categorical("kind", 3);
    const int32_t x = study.add_float("x", -2, 2);
    const int32_t depth = study.add_int("depth", 1, 8);
    const int32_t lr = study.add_float("lr", 1e-4, 1, true);
    study.set_condition(x, kind, {0});
    study.set_condition(depth, kind, {1});
    study.set_condition(lr, kind, {1, 2});
    Genetic sampler(R"({"population_size": 6})", 3);
    int children_with_depth = 0;
    for (int t = 0; t < 80; ++t) {
        const int64_t i = hpo::test::ask_evolved(*sampler, study);
        const auto &p = study.trial(i).params;
        CHECK(std::isnan(p[1]) == (p[0] != 0));
        CHECK(std::isnan(p[2]) == (p[0] != 1));
        if (!std::isnan(p[2])) {
            CHECK(p[2] == std::round(p[2]));
            CHECK((p[2] >= 1 && p[2] <= 8));
            children_with_depth += t >= 6;
        }
        if (!std::isnan(p[3])) CHECK((p[3] >= 1e-4 && p[3] <= 1));
        const double value = p[0] == 0 ? p[1] * p[1] : p[0] == 1 ? p[2] / 8.0 : 1.0 + p[3];
        study.complete(i, {value});
    }
    CHECK(children_with_depth > 0);
}

TEST_CASE("the genetic sampler refuses a study of several objectives and bad options, by name") {
    FakeStudy study({HPO_MINIMIZE, HPO_MINIMIZE});
    study.add_float("x", 0, 1);
    Genetic sampler(R"({"population_size": 2})");
    for (int t = 0; t < 2; ++t) study.complete(hpo::test::ask_evolved(*sampler, study), {0.0, 1.0});
    const int64_t next = study.start_trial();
    CHECK_THROWS_WITH(sampler->before_trial(study.view(), next),
                      doctest::Contains("optimizes one objective; this study has 2"));
    CHECK_THROWS_WITH(Genetic(R"({"population_size": 1})"), doctest::Contains("population_size"));
    CHECK_THROWS_WITH(Genetic(R"({"crossover": "one_point"})"), doctest::Contains("crossover"));
}
