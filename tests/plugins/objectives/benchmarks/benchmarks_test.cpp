// The benchmarks objective: each function at its known optimum and at hand-computed points,
// what describe() declares, evaluation through the trial API, noise, and bad options.
#include "benchmarks_objective.hpp"
#include "problems.hpp"
#include "test_functions.hpp"

#include <fake_trial.hpp>

#include <hpo_test/make_plugin.hpp>
#include <trial_api_error.hpp>

#include <doctest/doctest.h>

#include <cmath>
#include <map>
#include <numbers>
#include <string>
#include <vector>

namespace {

using namespace hpo::benchmarks;
using json = nlohmann::json;
constexpr double pi = std::numbers::pi;

double at(double (*f)(std::span<const double>), std::vector<double> x) { return f(x); }

using hpo::test::FakeTrial;

// The objective built from its options, with a host of the given seed.
struct Benchmark {
    explicit Benchmark(const char *options, uint64_t seed = 42)
        : host(seed), objective(hpo::test::make_plugin<BenchmarksObjective>(options, host)) {}

    json describe() const { return json::parse(objective.describe()); }

    std::vector<double> evaluate(FakeTrial &trial, std::size_t n_values = 1) const {
        const hpo_trial_api api = FakeTrial::api();
        std::vector<double> values(n_values);
        const int32_t status = objective.evaluate(api, trial.ref(), values); // may throw
        CHECK(status == HPO_OK);
        return values;
    }

    hpo::test::TestHost host;
    BenchmarksObjective objective;
};

// The trial holding the optimum_params a description gives.
FakeTrial at_optimum(const json &description) {
    FakeTrial trial;
    const auto &space = description["space"];
    for (const auto &[name, value] : description["optimum_params"].items()) {
        if (!value.is_string()) {
            trial.params[name] = value.get<double>();
            continue;
        }
        const auto &choices = space[name]["choices"];
        trial.params[name] = double(std::find(choices.begin(), choices.end(), value) - choices.begin());
    }
    return trial;
}

}  // namespace

TEST_CASE("each test function takes its known minimum at its minimizers") {
    CHECK(at(branin, {-pi, 12.275}) == doctest::Approx(0.397887).epsilon(1e-6));
    CHECK(at(branin, {pi, 2.275}) == doctest::Approx(0.397887).epsilon(1e-6));
    CHECK(at(branin, {9.42478, 2.475}) == doctest::Approx(0.397887).epsilon(1e-6));
    CHECK(at(hartmann6, {hartmann6_argmin.begin(), hartmann6_argmin.end()}) == doctest::Approx(-3.32237).epsilon(1e-6));
    CHECK(at(rosenbrock, {1, 1, 1, 1, 1}) == 0);
    CHECK(std::abs(at(ackley, std::vector<double>(10, 0.0))) < 1e-12);
    CHECK(at(sphere, {0, 0, 0}) == 0);
    CHECK(at(rastrigin, {0, 0, 0}) == 0);
    CHECK(std::abs(at(levy, {1, 1, 1, 1})) < 1e-20);
    const auto front = zdt1(std::vector<double>{0.25, 0, 0, 0, 0});
    CHECK(front[0] == 0.25);
    CHECK(front[1] == doctest::Approx(0.5));
}

TEST_CASE("each test function gives the hand-computed value at a point off the optimum") {
    // 36 + 10 (1 - 1 / (8 pi)) + 10
    CHECK(at(branin, {0, 0}) == doctest::Approx(55.6021126));
    CHECK(at(rosenbrock, {0, 0}) == 1);
    CHECK(at(rosenbrock, {1, 2}) == 100);
    // -20 e^-0.2 - e + 20 + e
    CHECK(at(ackley, {1, 1}) == doctest::Approx(20 - 20 * std::exp(-0.2)));
    CHECK(at(sphere, {1, 2, 3}) == 14);
    CHECK(at(rastrigin, {1, 0}) == doctest::Approx(1));
    // sin^2(3 pi / 4) + (3/4 - 1)^2 (1 + sin^2(3 pi / 2))
    CHECK(at(levy, {0}) == doctest::Approx(0.625));
    // g = 1 + 9 (1 + 1) / 2 = 10; f2 = 10 (1 - sqrt(1 / 10))
    CHECK(zdt1(std::vector<double>{1, 1, 1})[1] == doctest::Approx(10 * (1 - std::sqrt(0.1))));
    // The same g = 10: f2 = 10 (1 - 0.1^2) for ZDT2, 10 (1 - sqrt(0.1) - 0.1 sin(10 pi)) for ZDT3.
    CHECK(zdt2(std::vector<double>{1, 1, 1})[1] == doctest::Approx(9.9));
    CHECK(zdt3(std::vector<double>{1, 1, 1})[1] == doctest::Approx(10 * (1 - std::sqrt(0.1))));
    // DTLZ2 with g = 2 * 0.25 = 0.5 at x0 = x1 = 0.5: 1.5 (1/2, 1/2, 1/sqrt(2)).
    const auto sphere_point = dtlz2(std::vector<double>{0.5, 0.5, 1, 0});
    CHECK(sphere_point[0] == doctest::Approx(0.75));
    CHECK(sphere_point[1] == doctest::Approx(0.75));
    CHECK(sphere_point[2] == doctest::Approx(1.5 / std::sqrt(2.0)));
}

TEST_CASE("zdt2, zdt3 and dtlz2 reach their fronts where the distance variables are optimal") {
    // ZDT2 at f1 = 0.5: 1 - 0.25; ZDT3 at f1 = 0.5: 1 - sqrt(0.5) - 0.5 sin(5 pi).
    CHECK(zdt2(std::vector<double>{0.5, 0, 0})[1] == doctest::Approx(0.75));
    CHECK(zdt3(std::vector<double>{0.5, 0, 0})[1] == doctest::Approx(1 - std::sqrt(0.5)));
    // DTLZ2 on its front: a point of the unit sphere.
    const auto f = dtlz2(std::vector<double>{0.3, 0.7, 0.5, 0.5, 0.5});
    CHECK(f[0] * f[0] + f[1] * f[1] + f[2] * f[2] == doctest::Approx(1.0));
}

TEST_CASE("describe declares the space, directions and optimum, and the optimum evaluates to it") {
    for (const char *function : {"branin", "hartmann6", "rosenbrock", "ackley", "sphere", "rastrigin", "levy", "mixed"}) {
        CAPTURE(function);
        Benchmark benchmark(json{{"function", function}}.dump().c_str());
        const json description = benchmark.describe();
        CHECK(description["directions"] == json{"minimize"});
        REQUIRE(description["optimum"].size() == 1);
        FakeTrial trial = at_optimum(description);
        CHECK(benchmark.evaluate(trial)[0] == doctest::Approx(description["optimum"][0].get<double>()).epsilon(1e-6));
    }
}

TEST_CASE("describe names the parameters x1, x2 for branin and x0 .. x{D-1} otherwise") {
    SUBCASE("branin") {
        const json space = Benchmark(R"({"function": "branin"})").describe()["space"];
        CHECK(space == json::parse(R"({"x1": {"type": "float", "low": -5.0, "high": 10.0},
                                       "x2": {"type": "float", "low": 0.0, "high": 15.0}})"));
    }
    SUBCASE("default and chosen dimensions") {
        CHECK(Benchmark(R"({"function": "ackley"})").describe()["space"].size() == 10);
        CHECK(Benchmark(R"({"function": "rosenbrock"})").describe()["space"].size() == 5);
        const json space = Benchmark(R"({"function": "levy", "dim": 3})").describe()["space"];
        CHECK(space.size() == 3);
        CHECK(space["x2"] == json::parse(R"({"type": "float", "low": -10.0, "high": 10.0})"));
    }
    SUBCASE("the mixed problem's branches are conditional") {
        const json space = Benchmark(R"({"function": "mixed"})").describe()["space"];
        CHECK(space["kind"]["choices"] == json{"quadratic", "ackley"});
        CHECK(space["x"]["condition"] == json::parse(R"({"kind": ["quadratic"]})"));
        CHECK(space["b"] == json::parse(R"({"type": "int", "low": -3, "high": 3, "condition": {"kind": ["ackley"]}})"));
        CHECK(space["lr"]["log"] == true);
    }
}

TEST_CASE("the mixed problem scores each branch as documented") {
    Benchmark benchmark(R"({"function": "mixed"})");
    FakeTrial quadratic{{{"kind", 0}, {"lr", 0.01}, {"n", 3}, {"x", 1.5}}};
    CHECK(benchmark.evaluate(quadratic)[0] == doctest::Approx(1));
    CHECK(quadratic.distributions.at("x").empty()); // the space describe() declared says it
    FakeTrial off{{{"kind", 0}, {"lr", 0.1}, {"n", 5}, {"x", 0.5}}};
    CHECK(benchmark.evaluate(off)[0] == doctest::Approx(1 + 2 + 1 + 1));
    FakeTrial ackley_branch{{{"kind", 1}, {"lr", 0.01}, {"n", 3}, {"a", 0}, {"b", 0}}};
    CHECK(benchmark.evaluate(ackley_branch)[0] == doctest::Approx(1));
}

TEST_CASE("zdt3 and dtlz2 describe their objectives and ideal points") {
    const json zdt3_description = Benchmark(R"({"function": "zdt3"})").describe();
    CHECK(zdt3_description["directions"].size() == 2);
    CHECK(zdt3_description["ideal_point"][1] == doctest::Approx(-0.7733));
    Benchmark three(R"({"function": "dtlz2", "dim": 4})");
    const json description = three.describe();
    CHECK(description["directions"] == json{"minimize", "minimize", "minimize"});
    CHECK(description["space"].size() == 4);
    FakeTrial trial{{{"x0", 0.0}, {"x1", 0.0}, {"x2", 0.5}, {"x3", 0.5}}};
    const auto values = three.evaluate(trial, 3);
    CHECK(values[0] == doctest::Approx(1.0));
    CHECK(values[2] == doctest::Approx(0.0));
    CHECK_THROWS_WITH_AS(Benchmark(R"({"function": "dtlz2", "dim": 2})"), doctest::Contains("dim"),
                         std::invalid_argument);
}

TEST_CASE("zdt1 has two objectives, a known ideal point and no single optimum") {
    Benchmark benchmark(R"({"function": "zdt1", "dim": 3})");
    const json description = benchmark.describe();
    CHECK(description["directions"] == json{"minimize", "minimize"});
    CHECK(description["ideal_point"] == json{0.0, 0.0});
    CHECK_FALSE(description.contains("optimum"));
    FakeTrial trial{{{"x0", 0.25}, {"x1", 0}, {"x2", 0}}};
    const auto values = benchmark.evaluate(trial, 2);
    CHECK(values[0] == 0.25);
    CHECK(values[1] == doctest::Approx(0.5));
    CHECK_THROWS_WITH_AS(benchmark.evaluate(trial, 1), doctest::Contains("2 objectives"), std::invalid_argument);
}

TEST_CASE("noise is gaussian with the given deviation and the same for the same trial") {
    Benchmark noisy(R"({"function": "sphere", "dim": 2, "noise": 0.5})");
    FakeTrial trial{{{"x0", 0}, {"x1", 0}}};
    double sum = 0, squares = 0;
    const int n = 4000;
    for (int number = 0; number < n; ++number) {
        trial.number = number;
        const double v = noisy.evaluate(trial)[0];
        sum += v;
        squares += v * v;
    }
    CHECK(std::abs(sum / n) < 0.05);
    CHECK(std::sqrt(squares / n) == doctest::Approx(0.5).epsilon(0.05));
    trial.number = 7;
    const double first = noisy.evaluate(trial)[0];
    CHECK(noisy.evaluate(trial)[0] == first);
    CHECK(Benchmark(R"({"function": "sphere", "dim": 2, "noise": 0.5})", 43).evaluate(trial)[0] != first);
}

TEST_CASE("evaluate passes on a failure of the trial API with its status") {
    const Benchmark benchmark(R"({"function": "branin"})");
    FakeTrial trial;
    trial.suggest_status = HPO_ENOTFOUND;
    try {
        benchmark.evaluate(trial);
        FAIL("the failed suggestion went unnoticed");
    } catch (const hpo::objectives::TrialApiError &error) {
        CHECK(error.status() == HPO_ENOTFOUND);
        CHECK(std::string(error.what()) == "suggesting \"x1\" failed");
    }
}

TEST_CASE("benchmarks refuses bad options with a message naming them") {
    const auto refused = [&](const char *options, const char *part) {
        CAPTURE(options);
        CHECK_THROWS_WITH_AS(hpo::test::make_plugin<BenchmarksObjective>(options), doctest::Contains(part),
                             std::invalid_argument);
    };
    refused(R"({"function": "himmelblau"})", "available: branin, hartmann6, rosenbrock");
    refused(R"({"function": "branin", "dim": 3})", "fixed dimension");
    refused(R"({"function": "rosenbrock", "dim": 1})", "from 2 to 1000");
    refused(R"({"noise": -1})", "\"noise\"");
    refused(R"({"sleep_ms": 1.5})", "\"sleep_ms\"");
    refused(R"({"functoin": "branin"})", R"("functoin")");
}
