// The annealing sampler: a neighbourhood that shrinks with the observations and stays in
// the domain, the choice of a good past trial, conditional parameters, determinism.
#include "anneal_sampler.hpp"

#include <sampler_adapter.hpp>
#include <sampler_under_test.hpp>

#include <hpo_test/fake_study.hpp>
#include <hpo_test/test_host.hpp>

#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <string>
#include <vector>

using hpo::test::FakeStudy;
using Anneal = hpo::test::SamplerUnderTest<hpo::anneal::AnnealSampler>;

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

// n complete trials; trial i has x = i / n and value |x - 0.5|, so the best is at 0.5.
struct RampStudy : FakeStudy {
    explicit RampStudy(int n, bool integer = false) {
        if (integer)
            add_int("x", 0, 1000, 5);
        else
            add_float("x", 0.0, 1.0);
        for (int i = 0; i < n; ++i) {
            const double x = integer ? 5.0 * (i * 200 / n) : static_cast<double>(i) / n;
            add_trial(HPO_TRIAL_COMPLETE, {x}, {std::abs(x - (integer ? 500 : 0.5))});
        }
    }
};

// The proposals for one new trial under seeds 0..n-1, and the values annealed around.
struct Spread {
    std::vector<double> proposals, centres;
};

Spread spread(FakeStudy &study, const char *options, int n) {
    const int64_t index = study.start_trial();
    Spread s;
    for (int seed = 0; seed < n; ++seed) {
        const Anneal sampler(options, static_cast<uint64_t>(seed));
        const int64_t chosen = sampler->chosen_trial(study.view(), index);
        s.centres.push_back(chosen < 0 ? kNaN : study.trial(chosen).params[0]);
        s.proposals.push_back(sampler->sample_independent(study.view(), index, 0));
    }
    return s;
}

double widest_step(const Spread &s) {
    double widest = 0.0;
    for (std::size_t i = 0; i < s.proposals.size(); ++i)
        widest = std::max(widest, std::abs(s.proposals[i] - s.centres[i]));
    return widest;
}

} // namespace

TEST_CASE("the shrink factor follows 1 / (1 + n * shrink_coef)") {
    const Anneal sampler("{}", 0);
    CHECK(sampler->shrink_factor(0) == 1.0);
    CHECK(sampler->shrink_factor(10) == doctest::Approx(0.5));
    CHECK(sampler->shrink_factor(190) == doctest::Approx(0.05));
}

TEST_CASE("the neighbourhood shrinks as trials accumulate, and stays in bounds") {
    RampStudy few(10), many(190);
    const Spread early = spread(few, "{}", 50), late = spread(many, "{}", 50);
    // Half-widths: 0.5 * 1/(1 + 1) = 0.25 after 10 trials, 0.5 * 1/20 = 0.025 after 190.
    CHECK(widest_step(early) <= 0.25);
    CHECK(widest_step(early) > 0.1);
    CHECK(widest_step(late) <= 0.025);
    for (const Spread *s : {&early, &late})
        for (double x : s->proposals) {
            REQUIRE(x >= 0.0);
            REQUIRE(x <= 1.0);
        }
}

TEST_CASE("integer and stepped proposals stay on the grid") {
    RampStudy study(40, true);
    for (double x : spread(study, "{}", 60).proposals) {
        REQUIRE(x >= 0.0);
        REQUIRE(x <= 1000.0);
        REQUIRE(std::fmod(x, 5.0) == 0.0);
    }
}

TEST_CASE("the trial annealed around is usually among the best") {
    RampStudy study(100);
    const Spread s = spread(study, "{}", 200);
    const auto near_best = std::count_if(s.centres.begin(), s.centres.end(),
                                         [](double x) { return std::abs(x - 0.5) < 0.021; });
    // The k-th best with P(k) = 2^-(k+1): the five best (within 0.02 of 0.5) 97% of the time.
    CHECK(near_best >= 180);
    SUBCASE("before n_startup_trials, no trial is chosen: prior draws") {
        RampStudy young(3);
        for (double c : spread(young, "{}", 5).centres) CHECK(std::isnan(c));
    }
}

TEST_CASE("a categorical keeps its choice more often as observations grow") {
    auto kept = [](int n) {
        FakeStudy study;
        study.add_categorical("c", 10);
        for (int i = 0; i < n; ++i)
            study.add_trial(HPO_TRIAL_COMPLETE, {double(i % 10)}, {double(i % 10)});
        const int64_t index = study.start_trial();
        int same = 0;
        for (int seed = 0; seed < 200; ++seed) {
            const Anneal sampler("{}", static_cast<uint64_t>(seed));
            const double old = study.trial(sampler->chosen_trial(study.view(), index)).params[0];
            same += sampler->sample_independent(study.view(), index, 0) == old;
        }
        return same;
    };
    // Kept with probability 1 - shrink (+ shrink / 10 by the uniform draw):
    // 0.55 after 10 observations, 0.955 after 200.
    CHECK(kept(10) < 150);
    CHECK(kept(200) > 175);
}

TEST_CASE("a conditional parameter absent from the chosen trial comes from its prior") {
    FakeStudy study;
    const int32_t kind = study.add_categorical("kind", 2);
    const int32_t a = study.add_float("a", 0.0, 1.0);
    study.set_condition(a, kind, {0});
    // The good trials all lack a; the poor ones have a = 0.9.
    for (int i = 0; i < 10; ++i) study.add_trial(HPO_TRIAL_COMPLETE, {1, kNaN}, {0.0});
    for (int i = 10; i < 30; ++i) study.add_trial(HPO_TRIAL_COMPLETE, {0, 0.9}, {1.0 + i});
    const int64_t index = study.add_trial(HPO_TRIAL_RUNNING, {0});
    std::vector<double> xs;
    for (int seed = 0; seed < 100; ++seed)
        xs.push_back(Anneal("{}", static_cast<uint64_t>(seed))->sample_independent(study.view(), index, a));
    // Around 0.9 the window would be 1/3 wide; the uniform prior reaches below 0.5.
    CHECK(*std::min_element(xs.begin(), xs.end()) < 0.5);
}

TEST_CASE("anneal is deterministic for a seed") {
    RampStudy study(30);
    const int64_t index = study.start_trial();
    const Anneal one("{}", 42), same("{}", 42), other("{}", 43);
    CHECK(one->sample_independent(study.view(), index, 0) ==
          same->sample_independent(study.view(), index, 0));
    CHECK(one->sample_independent(study.view(), index, 0) !=
          other->sample_independent(study.view(), index, 0));
}

TEST_CASE("anneal's relative proposal is what it samples parameter by parameter") {
    FakeStudy study;
    const int32_t kind = study.add_categorical("kind", 2);
    const int32_t x = study.add_float("x", 0.0, 1.0);
    study.set_condition(study.add_int("n", 1, 9), kind, {1});
    for (int i = 0; i < 20; ++i)
        study.add_trial(HPO_TRIAL_COMPLETE, {double(i % 2), i / 20.0, i % 2 ? 1.0 + i % 9 : kNaN},
                        {std::abs(i / 20.0 - 0.3)});
    const int64_t index = study.start_trial();
    const Anneal sampler("{}", 7);
    const std::vector<int32_t> subspace = {kind, x, 2};
    std::vector<double> relative(3);
    sampler->sample_relative(study.view(), index, subspace, relative);
    for (std::size_t i = 0; i < subspace.size(); ++i)
        CHECK(relative[i] == sampler->sample_independent(study.view(), index, subspace[i]));
}

TEST_CASE("anneal refuses bad options through its ops and the host, naming them") {
    const hpo_sampler_ops &ops = hpo::samplers::SamplerAdapter<hpo::anneal::AnnealSampler>::ops;
    const hpo::test::TestHost host;
    void *self = nullptr;
    CHECK(ops.create(R"({"shrink": 0.1})", host.get(), &self) == HPO_EINVAL);
    CHECK(host.last_error().find("\"shrink\"") != std::string::npos);
    CHECK(ops.create(R"({"avg_best_idx": 0.5})", host.get(), &self) == HPO_EINVAL);
    CHECK(host.last_error().find("\"avg_best_idx\"") != std::string::npos);
}
