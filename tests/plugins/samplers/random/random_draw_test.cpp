// The random sampler's draws: the distribution of each kind of parameter.
#include "random_draw.hpp"

#include <hpo_test/fake_study.hpp>
#include <hpo_kit/study_view.hpp>

#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <numbers>
#include <numeric>
#include <vector>

namespace {

using Stream = hpo::plugin_kit::RandomStream;

constexpr int n_draws = 10000;

std::vector<double> draws(const hpo_param_info &param, uint64_t seed = 7) {
    std::vector<double> out;
    for (int n = 0; n < n_draws; ++n) {
        Stream stream(seed, n, 0);
        out.push_back(hpo::random_sampler::draw(param, stream));
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
std::vector<double> draws(hpo::test::FakeStudy &study, int32_t param) {
    return draws(hpo::plugin_kit::param_at(study.view(), param));
}

}  // namespace

TEST_CASE("random draws floats uniformly within their bounds") {
    hpo::test::FakeStudy study;
    const auto values = draws(study, study.add_float("x", 2, 5));
    CHECK(within(values, 2, 5));
    CHECK(mean(values) == doctest::Approx(3.5).epsilon(0.01));
    CHECK(*std::min_element(values.begin(), values.end()) < 2.01);
    CHECK(*std::max_element(values.begin(), values.end()) > 4.99);
}

TEST_CASE("random draws log-scaled floats uniformly in log space") {
    hpo::test::FakeStudy study;
    const auto values = draws(study, study.add_float("lr", 1e-3, 10, true));
    CHECK(within(values, 1e-3, 10));
    std::vector<double> logs(values.size());
    std::transform(values.begin(), values.end(), logs.begin(), [](double v) { return std::log10(v); });
    CHECK(mean(logs) == doctest::Approx(-1).epsilon(0.05));
    const auto below_a_hundredth = std::count_if(values.begin(), values.end(), [](double v) { return v < 1e-2; });
    CHECK(below_a_hundredth == doctest::Approx(n_draws / 4).epsilon(0.08));
}

TEST_CASE("random gives every point of a step grid the same chance, end points included") {
    hpo::test::FakeStudy study;
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

TEST_CASE("random draws log-scaled ints over the integers, each owning half a step either side") {
    hpo::test::FakeStudy study;
    const auto values = draws(study, study.add_int("units", 1, 100, 1, true));
    CHECK(within(values, 1, 100));
    CHECK(std::all_of(values.begin(), values.end(), [](double v) { return v == std::round(v); }));
    const auto tally = counts(values);
    // P(1) = log(1.5 / 0.5) / log(100.5 / 0.5); P(100) = log(100.5 / 99.5) / log(201).
    CHECK(tally.at(1) / double(n_draws) == doctest::Approx(std::log(3.0) / std::log(201.0)).epsilon(0.08));
    CHECK(tally.count(100) == 1);
}

TEST_CASE("random draws categorical indices uniformly") {
    hpo::test::FakeStudy study;
    const auto tally = counts(draws(study, study.add_categorical("kernel", {"\"rbf\"", "\"linear\"", "\"poly\""})));
    REQUIRE(tally.size() == 3);
    for (double index : {0.0, 1.0, 2.0}) CHECK(tally.at(index) == doctest::Approx(n_draws / 3.0).epsilon(0.1));
}

TEST_CASE("random draws a normal prior truncated to the bounds") {
    hpo::test::FakeStudy study;
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
