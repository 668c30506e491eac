// The Parzen estimators: proper densities on their support, kernels that respect bounds,
// steps and integrality, categorical probabilities, observation weights.
#include "joint_parzen.hpp"
#include "parzen.hpp"

#include <hpo_kit/study_view.hpp>
#include <hpo_test/fake_study.hpp>

#include <doctest/doctest.h>

#include <cmath>
#include <numeric>
#include <vector>

using namespace hpo::tpe;

namespace {

// The domain of a lone parameter, a float or an int.
ParamDomain domain_of(int32_t kind, double low, double high, bool log, double step) {
    hpo::test::FakeStudy study;
    const int32_t x = kind == HPO_PARAM_INT
                          ? study.add_int("x", static_cast<int64_t>(low), static_cast<int64_t>(high),
                                          static_cast<int64_t>(step), log)
                          : study.add_float("x", low, high, log, step);
    return ParamDomain(hpo::plugin_kit::param_at(study.view(), x));
}

// Midpoint rule over the support in internal space.
double integrate_pdf(const NumericMixture &mixture, double low, double high) {
    constexpr int n = 20000;
    const double h = (high - low) / n;
    double sum = 0.0;
    for (int i = 0; i < n; ++i) sum += std::exp(mixture.log_pdf(low + (i + 0.5) * h));
    return sum * h;
}

// The sum of the cell masses of every grid value.
double total_mass(const ParamDomain &domain, const NumericMixture &mixture,
                  const std::vector<double> &grid) {
    double total = 0.0;
    for (double v : grid) {
        const auto [a, b] = domain.cell(v);
        total += std::exp(mixture.log_mass(a, b));
    }
    return total;
}

std::vector<double> integers(int low, int high) {
    std::vector<double> values;
    for (int v = low; v <= high; ++v) values.push_back(v);
    return values;
}

const std::vector<double> kObservations = {0.11, 0.12, 0.5, 0.93, 0.99, 0.2, 0.21};

} // namespace

TEST_CASE("a continuous Parzen estimator integrates to one over its bounds") {
    const ParzenSettings settings;
    SUBCASE("linear scale") {
        const ParamDomain domain = domain_of(HPO_PARAM_FLOAT, 0.0, 1.0, false, 0.0);
        const auto mixture = univariate_parzen(domain, kObservations, settings);
        CHECK(integrate_pdf(mixture, domain.internal_low(), domain.internal_high()) ==
              doctest::Approx(1.0).epsilon(1e-4));
    }
    SUBCASE("log scale, in log space") {
        const ParamDomain domain = domain_of(HPO_PARAM_FLOAT, 1e-4, 1.0, true, 0.0);
        std::vector<double> logs;
        for (double v : kObservations) logs.push_back(std::log(v));
        const auto mixture = univariate_parzen(domain, logs, settings);
        CHECK(integrate_pdf(mixture, domain.internal_low(), domain.internal_high()) ==
              doctest::Approx(1.0).epsilon(1e-4));
    }
    SUBCASE("without the magic clip, with endpoints") {
        ParzenSettings sharp;
        sharp.magic_clip = false;
        sharp.consider_endpoints = true;
        const ParamDomain domain = domain_of(HPO_PARAM_FLOAT, 0.0, 1.0, false, 0.0);
        const auto mixture = univariate_parzen(domain, kObservations, sharp);
        CHECK(integrate_pdf(mixture, domain.internal_low(), domain.internal_high()) ==
              doctest::Approx(1.0).epsilon(1e-3));
    }
}

TEST_CASE("a discrete Parzen estimator's cell masses sum to one") {
    const ParzenSettings settings;
    SUBCASE("integers") {
        const ParamDomain domain = domain_of(HPO_PARAM_INT, 1, 9, false, 1);
        const auto mixture = univariate_parzen(domain, std::vector<double>{2, 2, 3, 9}, settings);
        CHECK(total_mass(domain, mixture, integers(1, 9)) == doctest::Approx(1.0).epsilon(1e-9));
    }
    SUBCASE("log integers") {
        const ParamDomain domain = domain_of(HPO_PARAM_INT, 1, 64, true, 1);
        std::vector<double> obs = {std::log(2.0), std::log(3.0), std::log(50.0)};
        const auto mixture = univariate_parzen(domain, obs, settings);
        CHECK(total_mass(domain, mixture, integers(1, 64)) == doctest::Approx(1.0).epsilon(1e-9));
    }
    SUBCASE("a stepped float") {
        const ParamDomain domain = domain_of(HPO_PARAM_FLOAT, 0.0, 1.0, false, 0.25);
        const auto mixture = univariate_parzen(domain, std::vector<double>{0.25, 0.5}, settings);
        CHECK(total_mass(domain, mixture, {0.0, 0.25, 0.5, 0.75, 1.0}) ==
              doctest::Approx(1.0).epsilon(1e-9));
    }
}

TEST_CASE("draws from an estimator stay in bounds, on the step grid and integral") {
    const ParzenSettings settings;
    RandomStream rng(7, 0, 0);
    SUBCASE("log integers") {
        const ParamDomain domain = domain_of(HPO_PARAM_INT, 3, 40, true, 1);
        const auto mixture =
            univariate_parzen(domain, std::vector<double>{std::log(3.0), std::log(40.0)}, settings);
        for (int i = 0; i < 2000; ++i) {
            const double v = domain.to_value(mixture.sample(rng));
            REQUIRE(v >= 3.0);
            REQUIRE(v <= 40.0);
            REQUIRE(v == std::round(v));
        }
    }
    SUBCASE("stepped floats") {
        const ParamDomain domain = domain_of(HPO_PARAM_FLOAT, -1.0, 2.0, false, 0.5);
        const auto mixture = univariate_parzen(domain, std::vector<double>{-1.0, 2.0}, settings);
        for (int i = 0; i < 2000; ++i) {
            const double v = domain.to_value(mixture.sample(rng));
            REQUIRE(v >= -1.0);
            REQUIRE(v <= 2.0);
            REQUIRE(std::fmod(v + 1.0, 0.5) == doctest::Approx(0.0));
        }
    }
    SUBCASE("a kernel at the bound is truncated, not spilled") {
        const ParamDomain domain = domain_of(HPO_PARAM_FLOAT, 0.0, 1.0, false, 0.0);
        const auto mixture = univariate_parzen(domain, std::vector<double>{0.0, 0.0, 0.0}, settings);
        for (int i = 0; i < 2000; ++i) {
            const double x = mixture.sample(rng);
            REQUIRE(x >= 0.0);
            REQUIRE(x <= 1.0);
        }
    }
}

TEST_CASE("kernels narrow as observations crowd, down to the magic clip") {
    const ParamDomain domain = domain_of(HPO_PARAM_FLOAT, 0.0, 1.0, false, 0.0);
    const ParzenSettings settings;
    std::vector<double> crowded(200);
    for (std::size_t i = 0; i < crowded.size(); ++i)
        crowded[i] = 0.5 + 1e-6 * static_cast<double>(i);
    const auto mixture = univariate_parzen(domain, crowded, settings);
    // 201 kernels: the clip floors every bandwidth at width / min(100, 202); the prior's
    // alone spans the range.
    int floored = 0, prior = 0;
    for (std::size_t i = 0; i < mixture.size(); ++i) {
        floored += mixture.kernel(i).sigma == doctest::Approx(0.01);
        prior += mixture.kernel(i).sigma == doctest::Approx(1.0);
    }
    CHECK(floored == 200);
    CHECK(prior == 1);
}

TEST_CASE("bandwidth-weighted scores favour the regions covered by wide kernels") {
    const ParamDomain domain = domain_of(HPO_PARAM_FLOAT, 0.0, 1.0, false, 0.0);
    std::vector<double> crowded(50, 0.2);
    const auto mixture = univariate_parzen(domain, crowded, ParzenSettings{});
    auto lift = [&](double x) {
        return mixture.log_pdf_bandwidth_weighted(x) - mixture.log_pdf(x);
    };
    // Near the crowd the narrow kernels dominate; far from it only the wide prior does.
    CHECK(lift(0.9) > lift(0.2) + 1.0);
}

TEST_CASE("joint kernels weighted by bandwidth favour the region of the wide prior") {
    hpo::test::FakeStudy study;
    const int32_t x = study.add_float("x", 0.0, 1.0);
    const std::vector<const hpo_param_info *> params = {&hpo::plugin_kit::param_at(study.view(), x)};
    const std::vector<double> crowded(50, 0.2);
    ParzenSettings normalized, weighted;
    normalized.bandwidth_weighted_scores = false;
    weighted.bandwidth_weighted_scores = true;
    const JointParzen plain(params, crowded, normalized);
    const JointParzen lifted(params, crowded, weighted);
    auto lift = [&](double at) {
        const std::vector<double> point = {at};
        return lifted.log_density(point) - plain.log_density(point);
    };
    CHECK(lift(0.9) > lift(0.2) + 1.0);
}

TEST_CASE("categorical estimators favour observed choices and keep every choice possible") {
    const ParzenSettings settings;
    const CategoricalParzen estimator(4, std::vector<double>{1, 1, 1, 3}, settings);
    const auto &p = estimator.probabilities();
    CHECK(std::accumulate(p.begin(), p.end(), 0.0) == doctest::Approx(1.0));
    CHECK(p[1] > p[3]);
    CHECK(p[3] > p[0]);
    CHECK(p[0] == doctest::Approx(p[2]));
    CHECK(p[0] > 0.0);
    SUBCASE("with no observation, the prior alone: uniform") {
        const CategoricalParzen prior(4, std::vector<double>{}, settings);
        for (double q : prior.probabilities()) CHECK(q == doctest::Approx(0.25));
    }
}

TEST_CASE("observation weights ramp down the oldest beyond the newest 25") {
    CHECK(observation_weights(10, true) == std::vector<double>(10, 1.0));
    const auto w = observation_weights(100, true);
    CHECK(w.front() == doctest::Approx(0.01));
    CHECK(w[74] == doctest::Approx(1.0));
    for (std::size_t i = 1; i < w.size(); ++i) REQUIRE(w[i] >= w[i - 1]);
    CHECK(observation_weights(100, false) == std::vector<double>(100, 1.0));
}
