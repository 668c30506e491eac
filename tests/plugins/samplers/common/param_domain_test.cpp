// One parameter's domain: its grid and the one tolerance that builds it, snapping, the
// support in internal space, what it refuses, and the distribution of its prior draws for
// each kind of parameter.
#include <param_domain.hpp>

#include <hpo_kit/study_view.hpp>
#include <hpo_test/fake_study.hpp>

#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <numbers>
#include <numeric>
#include <stdexcept>
#include <string>
#include <vector>

namespace {

using hpo::samplers::ParamDomain;
using hpo::test::FakeStudy;
using Stream = hpo::plugin_kit::RandomStream;

constexpr int n_draws = 10000;

std::vector<double> draws(const hpo_param_info &param, uint64_t seed = 7) {
    std::vector<double> out;
    for (int n = 0; n < n_draws; ++n) {
        Stream stream(seed, n, 0);
        out.push_back(ParamDomain(param).draw_prior(stream));
    }
    return out;
}

double mean(const std::vector<double> &values) {
    return std::accumulate(values.begin(), values.end(), 0.0) / double(values.size());
}

std::map<double, int> counts(const std::vector<double> &values) {
    std::map<double, int> out;
    for (double v : values) ++out[v];
    return out;
}

bool within(const std::vector<double> &values, double low, double high) {
    return std::all_of(values.begin(), values.end(), [&](double v) { return v >= low && v <= high; });
}

// Mean of a normal(mu, sigma) truncated to [a, b].
double truncated_normal_mean(double mu, double sigma, double a, double b) {
    const auto pdf = [](double z) { return std::exp(-z * z / 2) / std::sqrt(2 * std::numbers::pi); };
    const auto cdf = [](double z) { return 0.5 * std::erfc(-z / std::sqrt(2.0)); };
    const double za = (a - mu) / sigma, zb = (b - mu) / sigma;
    return mu + sigma * (pdf(za) - pdf(zb)) / (cdf(zb) - cdf(za));
}

// Draws of parameter `param` of the study.
std::vector<double> draws(FakeStudy &study, int32_t param) {
    return draws(hpo::plugin_kit::param_at(study.view(), param));
}

// The domain of parameter `param` of the study.
ParamDomain domain(FakeStudy &study, int32_t param) {
    return ParamDomain(hpo::plugin_kit::param_at(study.view(), param));
}

}  // namespace

TEST_CASE("the prior draws floats uniformly within their bounds") {
    FakeStudy study;
    const auto values = draws(study, study.add_float("x", 2, 5));
    CHECK(within(values, 2, 5));
    CHECK(mean(values) == doctest::Approx(3.5).epsilon(0.01));
    CHECK(*std::min_element(values.begin(), values.end()) < 2.01);
    CHECK(*std::max_element(values.begin(), values.end()) > 4.99);
}

TEST_CASE("the prior draws log-scaled floats uniformly in log space") {
    FakeStudy study;
    const auto values = draws(study, study.add_float("lr", 1e-3, 10, true));
    CHECK(within(values, 1e-3, 10));
    std::vector<double> logs(values.size());
    std::transform(values.begin(), values.end(), logs.begin(), [](double v) { return std::log10(v); });
    CHECK(mean(logs) == doctest::Approx(-1).epsilon(0.05));
    const auto below_a_hundredth = std::count_if(values.begin(), values.end(), [](double v) { return v < 1e-2; });
    CHECK(below_a_hundredth == doctest::Approx(n_draws / 4).epsilon(0.08));
}

TEST_CASE("a uniform prior gives every point of a step grid the same chance, end points included") {
    FakeStudy study;
    SUBCASE("floats with a step") {
        const auto tally = counts(draws(study, study.add_float("x", 0, 1, false, 0.25)));
        REQUIRE(tally.size() == 5);
        for (double point : {0.0, 0.25, 0.5, 0.75, 1.0}) CHECK(tally.at(point) == doctest::Approx(2000).epsilon(0.1));
    }
    SUBCASE("ints") {
        const auto tally = counts(draws(study, study.add_int("die", 1, 6)));
        REQUIRE(tally.size() == 6);
        for (int face = 1; face <= 6; ++face) CHECK(tally.at(face) == doctest::Approx(n_draws / 6.0).epsilon(0.1));
    }
    SUBCASE("ints with a step") {
        const auto tally = counts(draws(study, study.add_int("n", 0, 10, 5)));
        REQUIRE(tally.size() == 3);
        for (double point : {0.0, 5.0, 10.0}) CHECK(tally.at(point) == doctest::Approx(n_draws / 3.0).epsilon(0.1));
    }
    SUBCASE("a step that does not divide the range stops at the last point below high") {
        const auto tally = counts(draws(study, study.add_float("x", 0, 1, false, 0.3)));
        REQUIRE(tally.size() == 4);
        CHECK(tally.rbegin()->first == doctest::Approx(0.9));
    }
}

TEST_CASE("the prior draws log-scaled ints over the integers, each owning half a step either side") {
    FakeStudy study;
    const auto values = draws(study, study.add_int("units", 1, 100, 1, true));
    CHECK(within(values, 1, 100));
    CHECK(std::all_of(values.begin(), values.end(), [](double v) { return v == std::round(v); }));
    const auto tally = counts(values);
    // P(1) = log(1.5 / 0.5) / log(100.5 / 0.5); P(100) = log(100.5 / 99.5) / log(201).
    CHECK(tally.at(1) / double(n_draws) == doctest::Approx(std::log(3.0) / std::log(201.0)).epsilon(0.08));
    CHECK(tally.count(100) == 1);
}

TEST_CASE("the prior draws categorical indices uniformly") {
    FakeStudy study;
    const auto tally = counts(draws(study, study.add_categorical("kernel", {"\"rbf\"", "\"linear\"", "\"poly\""})));
    REQUIRE(tally.size() == 3);
    for (double index : {0.0, 1.0, 2.0}) CHECK(tally.at(index) == doctest::Approx(n_draws / 3.0).epsilon(0.1));
}

TEST_CASE("the prior draws a normal prior truncated to the bounds") {
    FakeStudy study;
    SUBCASE("barely truncated") {
        const int32_t x = study.add_float("x", -10, 10);
        study.set_normal_prior(x, 1, 2);
        const auto values = draws(study, x);
        CHECK(within(values, -10, 10));
        CHECK(mean(values) == doctest::Approx(truncated_normal_mean(1, 2, -10, 10)).epsilon(0.03));
    }
    SUBCASE("cut at the mode") {
        const int32_t x = study.add_float("x", 0, 10);
        study.set_normal_prior(x, 0, 1);
        const auto values = draws(study, x);
        CHECK(within(values, 0, 10));
        CHECK(mean(values) == doctest::Approx(std::sqrt(2 / std::numbers::pi)).epsilon(0.03));
    }
    SUBCASE("far in the upper tail") {
        const int32_t x = study.add_float("x", 5, 6);
        study.set_normal_prior(x, 0, 1);
        const auto values = draws(study, x);
        CHECK(within(values, 5, 6));
        CHECK(mean(values) == doctest::Approx(truncated_normal_mean(0, 1, 5, 6)).epsilon(0.01));
    }
    SUBCASE("beyond where the normal CDF underflows") {
        const int32_t x = study.add_float("x", -41, -40);
        study.set_normal_prior(x, 0, 1);
        const auto values = draws(study, x);
        CHECK(within(values, -41, -40));
        CHECK(mean(values) == doctest::Approx(-40.025).epsilon(0.001));
    }
    SUBCASE("in log space when log-scaled") {
        const int32_t x = study.add_float("x", 1e-2, 1e2, true);
        study.set_normal_prior(x, std::log(1.0), 1);
        const auto values = draws(study, x);
        CHECK(within(values, 1e-2, 1e2));
        std::vector<double> logs(values.size());
        std::transform(values.begin(), values.end(), logs.begin(), [](double v) { return std::log(v); });
        CHECK(std::abs(mean(logs)) < 0.05);
    }
    SUBCASE("then quantized to the step grid") {
        const int32_t n = study.add_int("n", 0, 20, 2);
        study.set_normal_prior(n, 10, 3);
        const auto values = draws(study, n);
        CHECK(within(values, 0, 20));
        CHECK(std::all_of(values.begin(), values.end(), [](double v) { return std::fmod(v, 2) == 0; }));
        CHECK(mean(values) == doctest::Approx(10).epsilon(0.02));
    }
}

TEST_CASE("a grid runs from low by whole steps to the last point within high") {
    FakeStudy study;
    CHECK(domain(study, study.add_int("n", 0, 10, 3)).points() == std::vector<double>{0, 3, 6, 9});
    SUBCASE("a count of steps that rounding leaves just short keeps its last point") {
        const ParamDomain tenths = domain(study, study.add_float("x", 0, 1, false, 0.1));
        REQUIRE(tenths.n_points() == 11); // (1 - 0) / 0.1 is 9.999999999999998
        CHECK(tenths.point(10) == 1.0);
    }
    SUBCASE("an int's step is at least 1") {
        FakeStudy zero_step;
        CHECK(domain(zero_step, zero_step.add_int("n", 1, 3, 0)).points() == std::vector<double>{1, 2, 3});
    }
}

TEST_CASE("a value snaps to the nearest value of the domain") {
    FakeStudy study;
    const ParamDomain stepped = domain(study, study.add_float("x", 0, 1, false, 0.4));
    CHECK(stepped.snap(0.5) == doctest::Approx(0.4));
    CHECK(stepped.snap(1.0) == doctest::Approx(0.8)); // the last grid point, not high
    CHECK(stepped.snap(-3) == 0.0);
    const ParamDomain continuous = domain(study, study.add_float("y", -1, 1));
    CHECK(continuous.snap(0.123) == 0.123);
    CHECK(continuous.snap(7) == 1.0);
    const ParamDomain choice = domain(study, study.add_categorical("c", 3));
    CHECK(choice.snap(1.4) == 1.0);
    CHECK(choice.snap(9) == 2.0);
    const ParamDomain log_int = domain(study, study.add_int("n", 1, 100, 1, true));
    CHECK(log_int.to_value(std::log(9.6)) == 10.0);
}

TEST_CASE("a value is on the grid within the one tolerance") {
    FakeStudy study;
    const ParamDomain tenths = domain(study, study.add_float("x", 0, 1, false, 0.1));
    CHECK(tenths.on_grid(0.1 + 0.2)); // 0.30000000000000004
    CHECK(tenths.on_grid(0.7));
    CHECK_FALSE(tenths.on_grid(0.35));
    CHECK_FALSE(tenths.on_grid(0.7 + 1e-6));
    CHECK(hpo::samplers::nearly_equal(1e6, 1e6 + 1e-4));
    CHECK_FALSE(hpo::samplers::nearly_equal(1.0, 1.0 + 1e-6));
}

TEST_CASE("a discrete support gives every grid point a cell of equal width") {
    FakeStudy study;
    const ParamDomain ints = domain(study, study.add_int("n", 1, 9));
    CHECK(ints.internal_low() == 0.5);
    CHECK(ints.internal_high() == 9.5);
    const ParamDomain uneven = domain(study, study.add_float("x", 0, 1, false, 0.3));
    CHECK(uneven.internal_high() == doctest::Approx(1.05)); // the last point is 0.9
    const ParamDomain log_ints = domain(study, study.add_int("k", 1, 64, 1, true));
    CHECK(log_ints.internal_low() == doctest::Approx(std::log(0.5)));
    CHECK(log_ints.internal_high() == doctest::Approx(std::log(64.5)));
    const auto [a, b] = log_ints.cell(1);
    CHECK(a == doctest::Approx(std::log(0.5)));
    CHECK(b == doctest::Approx(std::log(1.5)));
    const ParamDomain continuous = domain(study, study.add_float("lr", 1e-3, 1, true));
    CHECK(continuous.internal_low() == doctest::Approx(std::log(1e-3)));
    CHECK(continuous.internal_high() == 0.0);
}

TEST_CASE("a domain a sampler cannot draw from is refused, naming the parameter") {
    FakeStudy study;
    const auto message = [&](int32_t param) -> std::string {
        try {
            domain(study, param);
        } catch (const std::invalid_argument &error) {
            return error.what();
        }
        return "";
    };
    CHECK(message(study.add_float("reversed", 2, 1)) == "parameter 'reversed' has bounds that are not a finite low <= high");
    CHECK(message(study.add_float("lr", 0, 1, true)) == "parameter 'lr' is log-scaled with low <= 0");
    CHECK(message(study.add_float("x", 0, 1, false, -0.1)) == "parameter 'x' has a negative step");
    CHECK(message(study.add_categorical("c", 0)) == "parameter 'c' has no choices");
    const int32_t prior = study.add_float("p", 0, 1);
    study.set_normal_prior(prior, 0.5, 0);
    CHECK(message(prior) == "parameter 'p' has a normal prior whose sigma is not positive");
    CHECK(message(study.add_float("fine", 0, 1)).empty());
}
