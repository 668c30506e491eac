// The sampler end to end over a fake study: ask/tell loops, reproducibility, pending points,
// several objectives, options.
#include "fake_study.hpp"
#include "gp_options.hpp"
#include "gp_sampler.hpp"
#include "study_history.hpp"

#include <hpo_kit/random_stream.hpp>

#include <doctest/doctest.h>

#include <cmath>
#include <stdexcept>
#include <vector>

using namespace hpo::gp;
using namespace hpo::gp::testing;

namespace {

constexpr double kBraninMinimum = 0.397887;

double branin(double x1, double x2) {
    const double b = 5.1 / (4 * M_PI * M_PI), c = 5 / M_PI, t = 1 / (8 * M_PI);
    const double a = x2 - b * x1 * x1 + c * x1 - 6;
    return a * a + 10 * (1 - t) * std::cos(x1) + 10;
}

FakeStudy branin_study() { return FakeStudy({float_param("x1", -5, 10), float_param("x2", 0, 15)}); }

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
        sampler.sample_relative(study.view(), t, subspace, study.params_of(t));
        study.complete(t, evaluate(study.params_of(t)));
    }
}

// Runs `n_trials` trials of Branin; returns the best value found.
double run_branin(GpSampler &sampler, int n_trials, std::vector<std::vector<double>> *asked = nullptr) {
    FakeStudy study = branin_study();
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
    FakeStudy study = branin_study();
    ask_and_tell(study, sampler, 12, [](const std::vector<double> &x) {
        return std::vector<double>{branin(x[0], x[1])};
    });
    const std::vector<int32_t> subspace = study.all_params();
    const int64_t first = study.start_trial();
    sampler.sample_relative(study.view(), first, subspace, study.params_of(first));
    const int64_t second = study.start_trial();  // `first` is still running
    sampler.sample_relative(study.view(), second, subspace, study.params_of(second));
    const double dx = (study.params_of(first)[0] - study.params_of(second)[0]) / 15;
    const double dy = (study.params_of(first)[1] - study.params_of(second)[1]) / 15;
    CHECK(std::hypot(dx, dy) > 0.01);
}

TEST_CASE("enqueued and completed trials count as observations and fixed values are kept") {
    GpOptions options;
    options.n_startup_trials = 3;
    GpSampler sampler = quick_sampler(options, 9);
    FakeStudy study = branin_study();
    const std::vector<int32_t> subspace = study.all_params();
    // Three trials told from outside end the initial design.
    for (const auto &x : {std::vector<double>{0, 5}, {3, 3}, {9, 2}}) {
        const int64_t t = study.start_trial();
        study.params_of(t) = x;
        study.complete(t, {branin(x[0], x[1])});
    }
    const int64_t t = study.start_trial();
    study.params_of(t)[1] = 2.275;  // x2 enqueued by the user
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
        FakeStudy study({float_param("x", 0, 1)}, 2);
        study.set_direction(1, HPO_MAXIMIZE);
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
    const std::vector<double> rbf = {0.0}, poly = {2.0};
    FakeStudy study({categorical_param("kernel", 3),
                     conditional_on(float_param("gamma", 1e-3, 10, true), 0, rbf),
                     conditional_on(int_param("degree", 1, 5), 0, poly)});
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
    FakeStudy study({float_param("lr", 1e-5, 1e-1, true), int_param("n", 3, 9)});
    const int64_t t = study.start_trial();
    const GpSampler sampler(GpOptions{}, 4);
    for (int32_t p : {0, 1}) {
        const double v = sampler.sample_independent(study.view(), t, p);
        CHECK(v >= study.view().params[p].low);
        CHECK(v <= study.view().params[p].high);
    }
    CHECK(sampler.sample_independent(study.view(), t, 1) ==
          std::round(sampler.sample_independent(study.view(), t, 1)));
}

TEST_CASE("options are validated with the offending option named") {
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
