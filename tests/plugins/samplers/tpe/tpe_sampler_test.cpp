// The TPE sampler as a whole: startup, conditional parameters, determinism, relative and
// independent sampling, multivariate proposals, the constant liar, thread safety, options.
#include "observations.hpp"
#include "study_loop.hpp"
#include "tpe_sampler.hpp"

#include <sampler_adapter.hpp>
#include <sampler_under_test.hpp>

#include <hpo_test/fake_study.hpp>
#include <hpo_test/test_host.hpp>

#include <doctest/doctest.h>

#include <cmath>
#include <future>
#include <string>
#include <vector>

using namespace hpo::tpe;
using hpo::test::FakeStudy;
using Tpe = hpo::test::SamplerUnderTest<TpeSampler>;

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

// n complete trials on x in [0, 1] whose value is |x - 0.2|, x spread evenly.
void fill_valley(FakeStudy &study, int n) {
    study.add_float("x", 0.0, 1.0);
    for (int i = 0; i < n; ++i) {
        const double x = (i + 0.5) / n;
        study.add_trial(HPO_TRIAL_COMPLETE, {x}, {std::abs(x - 0.2)});
    }
}

// Proposals for the trial at `index` under seeds 0..n-1: a spread of TPE's choices.
std::vector<double> proposals(FakeStudy &study, int64_t index, const char *options, int n) {
    std::vector<double> out;
    for (int seed = 0; seed < n; ++seed)
        out.push_back(Tpe(options, static_cast<uint64_t>(seed))->sample_independent(study.view(), index, 0));
    return out;
}

double mean_distance(const std::vector<double> &xs, double to) {
    double sum = 0.0;
    for (double x : xs) sum += std::abs(x - to);
    return sum / static_cast<double>(xs.size());
}

} // namespace

TEST_CASE("TPE proposes near the good trials once past startup") {
    FakeStudy study;
    fill_valley(study, 40);
    const int64_t index = study.start_trial();
    CHECK(mean_distance(proposals(study, index, "{}", 40), 0.2) < 0.1);
    SUBCASE("and at random before it") {
        const auto random = proposals(study, index, R"({"n_startup_trials": 41})", 200);
        CHECK(mean_distance(random, 0.2) > 0.25); // uniform on [0, 1]: 0.34 on average
    }
}

TEST_CASE("with constraints TPE proposes near the best feasible trials, not the infeasible best") {
    FakeStudy study;
    study.add_float("x", 0.0, 1.0);
    // The value |x - 0.2| is best at 0.2, but x < 0.5 breaks a constraint (0.5 - x > 0): the
    // best feasible trials lie just above 0.5.
    for (int i = 0; i < 40; ++i) {
        hpo::test::FakeTrial trial;
        trial.params = {(i + 0.5) / 40};
        trial.values = {std::abs(trial.params[0] - 0.2)};
        trial.constraints = {0.5 - trial.params[0]};
        study.add_trial(std::move(trial));
    }
    const int64_t index = study.start_trial();
    CHECK(mean_distance(proposals(study, index, "{}", 40), 0.55) < 0.1);
}

TEST_CASE("a conditional parameter learns only from the trials where it was active") {
    FakeStudy study;
    const int32_t kind = study.add_categorical("kind", 2);
    const int32_t a = study.add_float("a", 0.0, 1.0);
    const int32_t b = study.add_float("b", 0.0, 1.0);
    study.set_condition(a, kind, {0});
    study.set_condition(b, kind, {1});
    // a is good near 0.8; b, active in the other half of the trials, is good near 0.1: the
    // good trials are half of each kind, and a must learn 0.8 from its own half alone.
    for (int i = 0; i < 60; ++i) {
        const double x = (i / 2 + 0.5) / 30.0;
        if (i % 2 == 0)
            study.add_trial(HPO_TRIAL_COMPLETE, {0, x, kNaN}, {std::abs(x - 0.8)});
        else
            study.add_trial(HPO_TRIAL_COMPLETE, {1, kNaN, x}, {std::abs(x - 0.1)});
    }
    const int64_t index = study.add_trial(HPO_TRIAL_RUNNING, {0});
    std::vector<double> xs;
    for (int seed = 0; seed < 40; ++seed)
        xs.push_back(Tpe("{}", static_cast<uint64_t>(seed))->sample_independent(study.view(), index, a));
    CHECK(mean_distance(xs, 0.8) < 0.15);
    CHECK(active_values(study.view(), std::vector<int64_t>{0, 1, 2, 3}, a) ==
          std::vector<double>{study.trial(0).params[1], study.trial(2).params[1]});
}

TEST_CASE("the same seed gives the same study, another seed another") {
    auto run = [](uint64_t seed) {
        FakeStudy study({HPO_MINIMIZE}, seed);
        study.add_float("x", -5.0, 5.0);
        study.add_int("n", 1, 100, 1, true);
        study.add_categorical("c", 3);
        const Tpe sampler(R"({"n_startup_trials": 5})", seed);
        hpo::test::run_study(
            study, 25,
            hpo::test::propose_independently([&](const hpo_study_view &v, int64_t t, int32_t p) {
                return sampler->sample_independent(v, t, p);
            }),
            [](const std::vector<double> &x) { return x[0] * x[0] + x[1] / 100 + x[2]; });
        std::vector<double> all;
        for (int64_t t = 0; t < study.n_trials(); ++t)
            all.insert(all.end(), study.trial(t).params.begin(), study.trial(t).params.end());
        return all;
    };
    CHECK(run(3) == run(3));
    CHECK(run(3) != run(4));
}

TEST_CASE("univariate relative sampling proposes what independent sampling would") {
    FakeStudy study;
    study.add_float("x", 0.0, 1.0);
    study.add_int("k", 0, 10);
    study.add_categorical("c", 4);
    for (int i = 0; i < 30; ++i)
        study.add_trial(HPO_TRIAL_COMPLETE, {(i % 7) / 7.0, double(i % 11), double(i % 4)},
                        {double((i * 37) % 17)});
    const int64_t index = study.start_trial();
    const Tpe sampler("{}", 11);
    const std::vector<int32_t> subspace = {0, 1, 2};
    std::vector<double> relative(3);
    sampler->sample_relative(study.view(), index, subspace, relative);
    for (int32_t p : subspace)
        CHECK(relative[static_cast<std::size_t>(p)] ==
              sampler->sample_independent(study.view(), index, p));
}

TEST_CASE("multivariate TPE proposes whole configurations in the domain") {
    FakeStudy study;
    study.add_float("x", 1e-3, 1.0, true);
    study.add_int("k", 2, 20, 2);
    study.add_categorical("c", 3);
    const Tpe sampler(R"({"multivariate": true, "n_startup_trials": 5})", 5);
    const std::vector<int32_t> subspace = {0, 1, 2};
    SUBCASE("during startup it leaves every parameter to independent sampling") {
        const int64_t index = study.start_trial();
        std::vector<double> out(3, 0.0);
        sampler->sample_relative(study.view(), index, subspace, out);
        for (double v : out) CHECK(std::isnan(v));
    }
    SUBCASE("after it, on the grid and in bounds, near the good trials") {
        for (int i = 0; i < 40; ++i) {
            const double x = std::exp(std::log(1e-3) * (i % 10) / 9.0);
            study.add_trial(HPO_TRIAL_COMPLETE, {x, 2.0 + 2 * (i % 10), double(i % 3)},
                            {std::abs(std::log10(x) + 2) + (i % 3 == 2 ? 0 : 1)});
        }
        for (int n = 0; n < 20; ++n) {
            const int64_t index = study.start_trial();
            std::vector<double> out(3);
            sampler->sample_relative(study.view(), index, subspace, out);
            REQUIRE(out[0] >= 1e-3);
            REQUIRE(out[0] <= 1.0);
            REQUIRE(std::fmod(out[1], 2.0) == 0.0);
            REQUIRE(out[1] >= 2.0);
            REQUIRE(out[1] <= 20.0);
            REQUIRE((out[2] == 0.0 || out[2] == 1.0 || out[2] == 2.0));
            study.trial(index).params = out;
            study.trial(index).state = HPO_TRIAL_FAIL; // keep the history as it was
        }
    }
}

TEST_CASE("multivariate TPE leaves conditional parameters to independent sampling") {
    FakeStudy study;
    const int32_t kind = study.add_categorical("kind", 2);
    study.add_float("x", 0.0, 1.0);
    const int32_t a = study.add_float("a", 0.0, 1.0);
    study.set_condition(a, kind, {1});
    for (int i = 0; i < 20; ++i)
        study.add_trial(HPO_TRIAL_COMPLETE, {double(i % 2), i / 20.0, i % 2 ? 0.5 : kNaN},
                        {double(i)});
    const int64_t index = study.start_trial();
    const std::vector<int32_t> subspace = {0, 1, 2};
    std::vector<double> out(3);
    Tpe(R"({"multivariate": true})", 1)->sample_relative(study.view(), index, subspace, out);
    CHECK_FALSE(std::isnan(out[0]));
    CHECK_FALSE(std::isnan(out[1]));
    CHECK(std::isnan(out[2]));
}

TEST_CASE("the constant liar pushes proposals away from running trials") {
    FakeStudy study;
    fill_valley(study, 40);
    for (int i = 0; i < 10; ++i) study.add_trial(HPO_TRIAL_RUNNING, {0.2});
    const int64_t index = study.start_trial();
    const auto honest = proposals(study, index, "{}", 40);
    const auto liar = proposals(study, index, R"({"constant_liar": true})", 40);
    CHECK(mean_distance(liar, 0.2) > 1.5 * mean_distance(honest, 0.2));
}

TEST_CASE("one sampler answers several threads at once as it answers one") {
    FakeStudy study;
    fill_valley(study, 200);
    study.add_float("y", 0.0, 1.0);
    const int64_t first = study.n_trials();
    for (int i = 0; i < 8; ++i) study.start_trial();
    const hpo_study_view &view = study.view();
    const Tpe sampler("{}", 9);
    std::vector<double> sequential;
    for (int i = 0; i < 8; ++i)
        sequential.push_back(sampler->sample_independent(view, first + i, i % 2));
    std::vector<std::future<double>> futures;
    for (int i = 0; i < 8; ++i)
        futures.push_back(std::async(std::launch::async, [&, i] {
            return sampler->sample_independent(view, first + i, i % 2);
        }));
    for (int i = 0; i < 8; ++i)
        CHECK(futures[static_cast<std::size_t>(i)].get() ==
              sequential[static_cast<std::size_t>(i)]);
}

TEST_CASE("univariate proposals share the candidate draws among the parameters") {
    const auto options = [](const char *json) {
        return TpeOptions::from(hpo::plugin_kit::Options(kTpeOptionsSchema, json));
    };
    const TpeOptions shared = options("{}");
    CHECK(shared.univariate_candidates(1) == 24);
    CHECK(shared.univariate_candidates(2) == 12);
    CHECK(shared.univariate_candidates(5) == 5);
    CHECK(shared.univariate_candidates(10) == 2);
    CHECK(shared.univariate_candidates(40) == 2); // two draws at least, so l/g still chooses
    CHECK(options(R"({"n_ei_candidates": 1})").univariate_candidates(10) == 1);
    const TpeOptions each = options(R"({"candidate_budget": "per_parameter"})");
    CHECK(each.univariate_candidates(10) == 24);
}

TEST_CASE("tpe refuses bad options through its ops and the host, naming them") {
    const hpo_sampler_ops &ops = hpo::samplers::SamplerAdapter<TpeSampler>::ops;
    const hpo::test::TestHost host;
    auto message_of = [&](const char *options) -> std::string {
        void *self = nullptr;
        if (ops.create(options, host.get(), &self) == HPO_OK) {
            ops.destroy(self);
            return "";
        }
        return host.last_error();
    };
    CHECK(message_of(R"({"gama": 0.2})").find("\"gama\"") != std::string::npos);
    CHECK(message_of(R"({"gamma": 2})").find("\"gamma\"") != std::string::npos);
    CHECK(message_of(R"({"gamma": 0})").find("above 0") != std::string::npos);
    CHECK(message_of(R"({"n_ei_candidates": 0})").find("\"n_ei_candidates\"") != std::string::npos);
    CHECK(message_of(R"({"multivariate": 1})").find("boolean") != std::string::npos);
    CHECK(message_of(R"({"weights": "linear"})").find("\"weights\"") != std::string::npos);
    CHECK(message_of("[1]").find("object") != std::string::npos);
    CHECK(message_of("{}").empty());
}

TEST_CASE("tpe proposes through its ops in the parameter's bounds") {
    const hpo_sampler_ops &ops = hpo::samplers::SamplerAdapter<TpeSampler>::ops;
    const hpo::test::TestHost host(1);
    void *self = nullptr;
    REQUIRE(ops.create("{}", host.get(), &self) == HPO_OK);
    FakeStudy study;
    fill_valley(study, 20);
    const int64_t index = study.start_trial();
    double x = NAN;
    CHECK(ops.sample_independent(self, &study.view(), index, 0, &x) == HPO_OK);
    CHECK(x >= 0.0);
    CHECK(x <= 1.0);
    ops.destroy(self);
}
