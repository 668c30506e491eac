// A statistical test: on Branin, TPE's best value after a short run beats random search
// over a fixed set of seeds (random search is TPE that never leaves its startup).
#include "study_loop.hpp"
#include "tpe_sampler.hpp"

#include <sampler_under_test.hpp>

#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <numbers>
#include <string>
#include <vector>

using Tpe = hpo::test::SamplerUnderTest<hpo::tpe::TpeSampler>;

namespace {

constexpr double kBraninOptimum = 0.397887357729739;

double branin(const std::vector<double> &x) {
    using std::numbers::pi;
    const double b = 5.1 / (4 * pi * pi), c = 5 / pi, t = 1 / (8 * pi);
    const double u = x[1] - b * x[0] * x[0] + c * x[0] - 6;
    return u * u + 10 * (1 - t) * std::cos(x[0]) + 10;
}

double best_regret(const std::string &options, uint64_t seed, int64_t n_trials) {
    hpo::test::FakeStudy study({HPO_MINIMIZE}, seed);
    study.add_float("x1", -5.0, 10.0);
    study.add_float("x2", 0.0, 15.0);
    const Tpe sampler(options.c_str(), seed);
    const double best = hpo::test::run_study(
        study, n_trials,
        hpo::test::propose_independently([&](const hpo_study_view &v, int64_t t, int32_t p) {
            return sampler->sample_independent(v, t, p);
        }),
        branin);
    return best - kBraninOptimum;
}

double median(std::vector<double> xs) {
    std::sort(xs.begin(), xs.end());
    return xs[xs.size() / 2];
}

} // namespace

TEST_CASE("TPE beats random search on Branin over a fixed set of seeds") {
    constexpr int kSeeds = 10;
    constexpr int64_t kTrials = 60;
    std::vector<double> tpe, random;
    int tpe_wins = 0;
    for (uint64_t seed = 1; seed <= kSeeds; ++seed) {
        tpe.push_back(best_regret("{}", seed, kTrials));
        random.push_back(best_regret(R"({"n_startup_trials": 1000})", seed, kTrials));
        tpe_wins += tpe.back() < random.back();
    }
    INFO("median regret: TPE " << median(tpe) << ", random " << median(random));
    CHECK(tpe_wins >= 8);
    CHECK(median(tpe) < 0.5 * median(random));
}

TEST_CASE("multivariate TPE beats random search on Branin too") {
    constexpr int kSeeds = 6;
    constexpr int64_t kTrials = 60;
    std::vector<double> tpe, random;
    for (uint64_t seed = 1; seed <= kSeeds; ++seed) {
        hpo::test::FakeStudy study({HPO_MINIMIZE}, seed);
        study.add_float("x1", -5.0, 10.0);
        study.add_float("x2", 0.0, 15.0);
        const Tpe sampler(R"({"multivariate": true})", seed);
        const std::vector<int32_t> subspace = {0, 1};
        const double best = hpo::test::run_study(
            study, kTrials,
            [&](hpo::test::FakeStudy &s, int64_t index) {
                std::vector<double> out(2);
                sampler->sample_relative(s.view(), index, subspace, out);
                for (int32_t p = 0; p < 2; ++p)
                    if (std::isnan(out[static_cast<std::size_t>(p)]))
                        out[static_cast<std::size_t>(p)] =
                            sampler->sample_independent(s.view(), index, p);
                s.trial(index).params = out;
            },
            branin);
        tpe.push_back(best - kBraninOptimum);
        random.push_back(best_regret(R"({"n_startup_trials": 1000})", seed, kTrials));
    }
    INFO("median regret: multivariate TPE " << median(tpe) << ", random " << median(random));
    CHECK(median(tpe) < 0.5 * median(random));
}
