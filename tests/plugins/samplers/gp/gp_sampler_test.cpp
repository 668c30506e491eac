// The sampler end to end over the shared fake study: ask/tell loops, reproducibility,
// pending points, several objectives, options, and its ops.
#include "gp_options.hpp"
#include "gp_sampler.hpp"
#include "study_history.hpp"

#include <sampler_adapter.hpp>

#include <hpo_kit/random_stream.hpp>
#include <hpo_kit/study_view.hpp>
#include <hpo_test/fake_study.hpp>
#include <hpo_test/test_host.hpp>

#include <doctest/doctest.h>

#include <cmath>
#include <stdexcept>
#include <string>
#include <vector>

using namespace hpo::gp;
using hpo::test::FakeStudy;

namespace {

constexpr double kBraninMinimum = 0.397887;

double branin(double x1, double x2) {
    const double b = 5.1 / (4 * M_PI * M_PI), c = 5 / M_PI, t = 1 / (8 * M_PI);
    const double a = x2 - b * x1 * x1 + c * x1 - 6;
    return a * a + 10 * (1 - t) * std::cos(x1) + 10;
}

struct BraninStudy : FakeStudy {
    BraninStudy() {
        add_float("x1", -5, 10);
        add_float("x2", 0, 15);
    }
};

// A smaller acquisition budget than the default keeps the tests fast; still plenty in 2-D.
GpSampler quick_sampler(GpOptions options, uint64_t seed) {
    GpSampler sampler(options, seed);
    sampler.optimizer_settings().n_random = 128;
    sampler.optimizer_settings().n_sobol = 128;
    sampler.optimizer_settings().n_refine = 3;
    return sampler;
}

// Asks and tells n trials; `evaluate` checks a proposal and returns its values.
template <typename Evaluate>
void ask_and_tell(FakeStudy &study, GpSampler &sampler, int n, Evaluate evaluate) {
    const std::vector<int32_t> subspace = study.all_params();
    for (int i = 0; i < n; ++i) {
        const int64_t t = study.start_trial();
        sampler.sample_relative(study.view(), t, subspace, study.trial(t).params);
        study.complete(t, evaluate(study.trial(t).params));
    }
}

// Runs `n_trials` trials of Branin; returns the best value found.
double run_branin(GpSampler &sampler, int n_trials, std::vector<std::vector<double>> *asked = nullptr) {
    BraninStudy study;
    double best = INFINITY;
    ask_and_tell(study, sampler, n_trials, [&](const std::vector<double> &x) {
        const double y = branin(x[0], x[1]);
        best = std::min(best, y);
        if (asked)
            asked->push_back(x);
        return std::vector<double>{y};
    });
    return best;
}

double random_search_branin(uint64_t seed, int n_trials) {
    hpo::plugin_kit::RandomStream stream(seed);
    double best = INFINITY;
    for (int i = 0; i < n_trials; ++i)
        best = std::min(best, branin(-5 + 15 * stream.uniform(), 15 * stream.uniform()));
    return best;
}

}  // namespace

TEST_CASE("GP beats random search on Branin over fixed seeds") {
    double gp_regret = 0, random_regret = 0;
    for (uint64_t seed : {1, 2, 3}) {
        GpSampler sampler = quick_sampler(GpOptions{}, seed);
        gp_regret += run_branin(sampler, 30) - kBraninMinimum;
        random_regret += random_search_branin(seed, 30) - kBraninMinimum;
    }
    MESSAGE("mean regret after 30 trials: gp ", gp_regret / 3, ", random ", random_regret / 3);
    CHECK(gp_regret < 0.5 * random_regret);
    CHECK(gp_regret / 3 < 0.1);
}

TEST_CASE("the same seed proposes the same trials and another seed others") {
    GpOptions options;
    options.n_startup_trials = 5;
    SUBCASE("sobol design") {}
    SUBCASE("random design") { options.initial_design = InitialDesign::Random; }
    std::vector<std::vector<double>> first, second, other;
    GpSampler a = quick_sampler(options, 42), b = quick_sampler(options, 42), c = quick_sampler(options, 43);
    run_branin(a, 9, &first);
    run_branin(b, 9, &second);
    run_branin(c, 9, &other);
    CHECK(first == second);
    CHECK(first != other);
}

TEST_CASE("a pending trial is not proposed again by the next ask") {
    GpOptions options;
    SUBCASE("constant liar, mean") { options.liar = Liar::Mean; }
    SUBCASE("constant liar, max") { options.liar = Liar::Max; }
    SUBCASE("constant liar, min") { options.liar = Liar::Min; }
    SUBCASE("kriging believer") { options.liar = Liar::Believer; }
    GpSampler sampler = quick_sampler(options, 5);
    BraninStudy study;
    ask_and_tell(study, sampler, 12, [](const std::vector<double> &x) {
        return std::vector<double>{branin(x[0], x[1])};
    });
    const std::vector<int32_t> subspace = study.all_params();
    const int64_t first = study.start_trial();
    sampler.sample_relative(study.view(), first, subspace, study.trial(first).params);
    const int64_t second = study.start_trial();  // `first` is still running
    sampler.sample_relative(study.view(), second, subspace, study.trial(second).params);
    const double dx = (study.trial(first).params[0] - study.trial(second).params[0]) / 15;
    const double dy = (study.trial(first).params[1] - study.trial(second).params[1]) / 15;
    CHECK(std::hypot(dx, dy) > 0.01);
}

TEST_CASE("enqueued and completed trials count as observations and fixed values are kept") {
    GpOptions options;
    options.n_startup_trials = 3;
    GpSampler sampler = quick_sampler(options, 9);
    BraninStudy study;
    const std::vector<int32_t> subspace = study.all_params();
    // Three trials told from outside end the initial design.
    for (const auto &x : {std::vector<double>{0, 5}, {3, 3}, {9, 2}}) {
        const int64_t t = study.start_trial();
        study.trial(t).params = x;
        study.complete(t, {branin(x[0], x[1])});
    }
    const int64_t t = study.start_trial();
    study.trial(t).params[1] = 2.275;  // x2 enqueued by the user
    std::vector<double> x(2);
    sampler.sample_relative(study.view(), t, subspace, x);
    CHECK(x[1] == 2.275);
    CHECK(sampler.cache().full_factorizations() == 1);  // the GP was used, not the design
}

TEST_CASE("several objectives are scalarized so that dominated points score worse") {
    Eigen::MatrixXd values(3, 2);
    values << 1.0, 2.0,  //
        0.5, 3.0,        //
        2.0, 4.0;        // dominated by the first
    for (uint64_t seed = 0; seed < 20; ++seed) {
        const Eigen::VectorXd s = scalarize(values, seed);
        CHECK(s[2] > s[0]);
    }
    SUBCASE("and the sampler optimizes them") {
        FakeStudy study({HPO_MINIMIZE, HPO_MAXIMIZE}); // the second is maximized
        study.add_float("x", 0, 1);
        GpOptions options;
        options.n_startup_trials = 4;
        GpSampler sampler = quick_sampler(options, 1);
        ask_and_tell(study, sampler, 8, [](const std::vector<double> &p) {
            const double x = p[0];
            CHECK(x >= 0.0);
            CHECK(x <= 1.0);
            return std::vector<double>{x * x, -(x - 1) * (x - 1)};  // the second is maximized
        });
    }
}

TEST_CASE("mixed and conditional spaces get valid proposals") {
    FakeStudy study;
    const int32_t kernel = study.add_categorical("kernel", 3);
    study.set_condition(study.add_float("gamma", 1e-3, 10, true), kernel, {0.0});
    study.set_condition(study.add_int("degree", 1, 5), kernel, {2.0});
    GpOptions options;
    options.n_startup_trials = 5;
    GpSampler sampler = quick_sampler(options, 2);
    ask_and_tell(study, sampler, 12, [](const std::vector<double> &x) {
        CHECK(std::isnan(x[1]) == (x[0] != 0.0));
        CHECK(std::isnan(x[2]) == (x[0] != 2.0));
        double y = x[0];
        if (x[0] == 0.0)
            y = std::abs(std::log10(x[1]));
        if (x[0] == 2.0) {
            CHECK(x[2] == std::round(x[2]));
            y = x[2];
        }
        return std::vector<double>{y};
    });
}

TEST_CASE("sample_independent draws inside the parameter's domain") {
    FakeStudy study;
    study.add_float("lr", 1e-5, 1e-1, true);
    study.add_int("n", 3, 9);
    const int64_t t = study.start_trial();
    const GpSampler sampler(GpOptions{}, 4);
    for (int32_t p : {0, 1}) {
        const double v = sampler.sample_independent(study.view(), t, p);
        CHECK(v >= hpo::plugin_kit::param_at(study.view(), p).low);
        CHECK(v <= hpo::plugin_kit::param_at(study.view(), p).high);
    }
    CHECK(sampler.sample_independent(study.view(), t, 1) ==
          std::round(sampler.sample_independent(study.view(), t, 1)));
}

TEST_CASE("options are validated with the offending option named") {
    const auto parse_options = [](const char *json) {
        return GpOptions::from(hpo::plugin_kit::Options(kGpOptionsSchema, json));
    };
    CHECK(parse_options("{}").acquisition.kind == AcquisitionKind::ExpectedImprovement);
    const GpOptions o = parse_options(R"({"acquisition": "lcb", "kappa": 3, "liar": "max", "refit_every": 2})");
    CHECK(o.acquisition.kind == AcquisitionKind::LowerConfidenceBound);
    CHECK(o.acquisition.kappa == 3.0);
    CHECK(o.liar == Liar::Max);
    CHECK(o.refit_every == 2);
    CHECK(parse_options("{}").output_transform == OutputTransform::Power);
    CHECK(parse_options(R"({"output_transform": "log"})").output_transform == OutputTransform::Log);
    CHECK(parse_options(R"({"output_transform": "none"})").output_transform == OutputTransform::None);
    CHECK_THROWS_WITH_AS(parse_options(R"({"output_transform": "box-cox"})"),
                         doctest::Contains(R"("output_transform")"), std::invalid_argument);
    CHECK_THROWS_WITH_AS(parse_options(R"({"acq_func": "ei"})"), doctest::Contains(R"("acq_func")"),
                         std::invalid_argument);
    CHECK_THROWS_WITH_AS(parse_options(R"({"acquisition": "ucb"})"), doctest::Contains(R"("acquisition")"),
                         std::invalid_argument);
    CHECK_THROWS_WITH_AS(parse_options(R"({"n_startup_trials": -1})"),
                         doctest::Contains(R"("n_startup_trials")"), std::invalid_argument);
    CHECK_THROWS_WITH_AS(parse_options("[1"), doctest::Contains("JSON"), std::invalid_argument);
}

TEST_CASE("the gp sampler refuses bad options through its ops and the host, naming them") {
    const hpo_sampler_ops &ops = hpo::samplers::SamplerAdapter<GpSampler>::ops;
    const hpo::test::TestHost host(17);
    void *self = nullptr;
    CHECK(ops.create(R"({"liar": "sometimes"})", host.get(), &self) == HPO_EINVAL);
    CHECK(host.last_error().find(R"("liar")") != std::string::npos);
}

TEST_CASE("the gp sampler samples through its ops") {
    const hpo_sampler_ops &ops = hpo::samplers::SamplerAdapter<GpSampler>::ops;
    const hpo::test::TestHost host(17);
    void *self = nullptr;
    REQUIRE(ops.create(R"({"n_startup_trials": 2})", host.get(), &self) == HPO_OK);
    FakeStudy study;
    study.add_float("x", -1, 1);
    const std::vector<int32_t> subspace = study.all_params();
    for (int i = 0; i < 4; ++i) {
        const int64_t t = study.start_trial();
        double x = NAN;
        REQUIRE(ops.sample_relative(self, &study.view(), t, subspace.data(), 1, &x) == HPO_OK);
        CHECK(std::abs(x) <= 1.0);
        study.trial(t).params[0] = x;
        study.complete(t, {x * x});
    }
    ops.destroy(self);
}
