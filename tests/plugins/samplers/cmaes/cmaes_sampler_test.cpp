// The cmaes sampler on the fake study: it converges on a sphere of mixed numeric parameters,
// restarts a stalled run with a larger population, leaves categorical and conditional
// parameters to its fallback, warm-starts from the study, and is reproducible by seed.
#include "cmaes_sampler.hpp"

#include "newest_state.hpp"

#include <evolution_loop.hpp>
#include <sampler_under_test.hpp>

#include <hpo_test/fake_study.hpp>

#include <doctest/doctest.h>

#include <cmath>
#include <functional>
#include <limits>
#include <random>
#include <set>
#include <string>

using hpo::test::FakeStudy;
using Cmaes = hpo::test::SamplerUnderTest<hpo::cmaes::CmaesSampler>;
using json = nlohmann::json;

namespace {

// x in [-5, 5], lr log-uniform in [1e-5, 1], n an int in [0, 20], s stepped by 0.5 in [0, 10].
struct MixedNumeric : FakeStudy {
    MixedNumeric() {
        add_float("x", -5, 5);
        add_float("lr", 1e-5, 1, true);
        add_int("n", 0, 20);
        add_float("s", 0, 10, false, 0.5);
    }
    static double value(const std::vector<double> &p) {
        return std::pow(p[0] - 1.2, 2) + std::pow(std::log10(p[1]) + 3, 2) + std::pow(p[2] - 7, 2) +
               std::pow(p[3] - 2.5, 2);
    }
};

// Runs n trials of `f` and returns the best value.
double run(Cmaes &sampler, FakeStudy &study, int n,
           const std::function<double(const std::vector<double> &)> &f) {
    double best = std::numeric_limits<double>::infinity();
    for (int t = 0; t < n; ++t) {
        const int64_t i = hpo::test::ask_evolved(*sampler, study);
        const double value = f(study.trial(i).params);
        study.complete(i, {value});
        best = std::min(best, value);
    }
    return best;
}

json state_of(FakeStudy &study) {
    std::vector<json> attrs;
    for (int64_t t = 0; t < study.n_trials(); ++t) attrs.push_back(json::parse(study.trial(t).system_attrs));
    return hpo::test::newest_cmaes_state(attrs);
}

} // namespace

TEST_CASE("cmaes converges on a sphere of float, log, int and stepped parameters") {
    for (const char *options : {"{}", R"({"separable": true})", R"({"lr_adapt": true})"}) {
        CAPTURE(options);
        MixedNumeric study;
        Cmaes sampler(options, 5);
        CHECK(run(sampler, study, 400, MixedNumeric::value) < 1e-3);
        // The distribution's mean is near the optimum (in the cube: x 0.62, lr 0.4, s 0.25).
        const auto mean = state_of(study)["distribution"]["mean"].get<std::vector<double>>();
        CHECK(mean[0] == doctest::Approx(0.62).epsilon(0.02));
        CHECK(mean[1] == doctest::Approx(0.4).epsilon(0.02));
        CHECK(mean[3] == doctest::Approx(0.25).epsilon(0.03));
        for (int64_t t = 0; t < study.n_trials(); ++t) {
            const auto &p = study.trial(t).params;
            REQUIRE(p[2] == std::round(p[2]));
            REQUIRE(std::fmod(p[3], 0.5) == 0.0);
        }
    }
}

TEST_CASE("an IPOP restart fires on a stalled run and doubles the population") {
    FakeStudy study;
    study.add_float("x", 0, 1);
    study.add_float("y", 0, 1);
    Cmaes sampler(R"({"popsize": 4})", 2);
    run(sampler, study, 200, [](const std::vector<double> &) { return 3.0; });
    const json state = state_of(study);
    CHECK(state["restarts"].get<int>() >= 1);
    CHECK(state["distribution"]["lambda"].get<int>() >= 8);
    Cmaes without(R"({"popsize": 4, "restart_strategy": "none"})", 2);
    FakeStudy flat;
    flat.add_float("x", 0, 1);
    flat.add_float("y", 0, 1);
    run(without, flat, 200, [](const std::vector<double> &) { return 3.0; });
    CHECK(state_of(flat)["restarts"] == 0);
}

TEST_CASE("categorical and conditional parameters go to the fallback; numeric ones to CMA-ES") {
    FakeStudy study;
    const int32_t x = study.add_float("x", 0, 1);
    const int32_t kind = study.add_categorical("kind", 3);
    const int32_t depth = study.add_int("depth", 1, 5);
    study.set_condition(depth, kind, {1});
    CHECK(hpo::cmaes::CmaesSampler::searched_params(study.view()) == std::vector<int32_t>{x});
    Cmaes sampler;
    std::set<double> kinds;
    run(sampler, study, 40, [&](const std::vector<double> &p) {
        kinds.insert(p[1]);
        return p[0];
    });
    CHECK(kinds.size() == 3);
    CHECK(state_of(study)["params"] == json{x});
}

TEST_CASE("a warm start centres the first distribution on the study's best trials") {
    FakeStudy study;
    study.add_float("x", 0, 10);
    for (int i = 0; i <= 20; ++i) study.add_trial(HPO_TRIAL_COMPLETE, {i * 0.5}, {std::abs(i * 0.5 - 8)});
    Cmaes warm(R"({"warm_start": true})");
    hpo::test::ask_evolved(*warm, study);
    const auto mean = state_of(study)["distribution"]["mean"].get<std::vector<double>>();
    CHECK(mean[0] == doctest::Approx(0.8).epsilon(0.05)); // the best three: 7.5, 8, 8.5
    CHECK(state_of(study)["distribution"]["sigma"].get<double>() < 1.0 / 6);
}

TEST_CASE("a trial opened from an old view does not set the distribution back") {
    // Two workers open generations from views of different ages: one that has not yet seen
    // generation 2 opens generation 1 again, after another opened generation 2.
    MixedNumeric study;
    // Without the surrogate, which could close a generation before its fourth trial.
    Cmaes sampler(R"({"popsize": 4, "surrogate": false})", 3);
    run(sampler, study, 12, MixedNumeric::value); // generations 0, 1, 2 of 4 trials each
    const json newest = state_of(study);
    REQUIRE(newest["generation"] == 2);
    hpo::test::FakeTrial stale = study.trial(4); // generation 1's opener, again
    REQUIRE(json::parse(stale.system_attrs).contains("cmaes:state"));
    study.add_trial(stale);
    CHECK(state_of(study) == newest);
    const int64_t next = hpo::test::ask_evolved(*sampler, study);
    CHECK(json::parse(study.trial(next).system_attrs)["cmaes:generation"] == 3); // from 2, not 1
}

// The standard normal draws of the first `count` trials of a fresh study of four floats in
// [0, 1] (the first generation: mean 0.5, C = I, sigma 0.02, so nothing is clipped).
std::vector<Eigen::VectorXd> first_draws(const char *orthogonal, int count) {
    FakeStudy study;
    for (const char *name : {"a", "b", "c", "d"}) study.add_float(name, 0, 1);
    const std::string options = std::string(R"({"sigma0": 0.02, "popsize": 8, "orthogonal": )") + orthogonal + "}";
    Cmaes sampler(options.c_str(), 4);
    std::vector<Eigen::VectorXd> draws;
    for (int t = 0; t < count; ++t) {
        const int64_t i = hpo::test::ask_evolved(*sampler, study);
        const auto x = json::parse(study.trial(i).system_attrs)["cmaes:x"].get<std::vector<double>>();
        draws.push_back((Eigen::Map<const Eigen::VectorXd>(x.data(), 4).array() - 0.5) / 0.02);
    }
    return draws;
}

double largest_cosine(const std::vector<Eigen::VectorXd> &draws) {
    double largest = 0;
    for (std::size_t a = 0; a < draws.size(); ++a)
        for (std::size_t b = a + 1; b < draws.size(); ++b)
            largest = std::max(largest, std::abs(draws[a].normalized().dot(draws[b].normalized())));
    return largest;
}

TEST_CASE("a generation's trials take orthogonal draws, in blocks of n; independent by option") {
    const auto orthogonal = first_draws("true", 8);
    CHECK(largest_cosine({orthogonal.begin(), orthogonal.begin() + 4}) < 1e-9);
    CHECK(largest_cosine({orthogonal.begin() + 4, orthogonal.end()}) < 1e-9);
    CHECK(largest_cosine(first_draws("false", 4)) > 1e-3);
}

TEST_CASE("a trial numbered before its generation's opener still gets a draw of its own") {
    // A slow worker's trial, created first and sampled after another opened a generation, has
    // no offset in that generation.
    FakeStudy study;
    for (const char *name : {"a", "b"}) study.add_float(name, 0, 1);
    Cmaes sampler(R"({"popsize": 4, "surrogate": false})", 2); // generations of 4 trials exactly
    const int64_t slow = study.start_trial();
    run(sampler, study, 5, [](const std::vector<double> &p) { return p[0] + p[1]; }); // opens generation 1
    const auto update = sampler->before_trial(study.view(), slow);
    REQUIRE(update.trial);
    const auto x = (*update.trial)["cmaes:x"].get<std::vector<double>>();
    REQUIRE(x.size() == 2);
    for (const double v : x) CHECK((v >= 0 && v <= 1));
    CHECK((*update.trial)["cmaes:generation"] == 1);
}

// How many trials each generation of a study holds, in order of generation.
std::vector<int> generation_sizes(FakeStudy &study) {
    std::vector<int> sizes;
    for (int64_t t = 0; t < study.n_trials(); ++t) {
        const auto g = json::parse(study.trial(t).system_attrs)["cmaes:generation"].get<std::size_t>();
        if (g >= sizes.size()) sizes.resize(g + 1);
        ++sizes[g];
    }
    return sizes;
}

// Five floats in [-2, 2] around a rotated bowl: quadratic, so the surrogate fits it.
struct Bowl5 : FakeStudy {
    Bowl5() {
        for (const char *name : {"a", "b", "c", "d", "e"}) add_float(name, -2, 2);
    }
    static double value(const std::vector<double> &p) {
        double sum = 0;
        for (std::size_t i = 0; i < p.size(); ++i) {
            const double d = p[i] - 0.1 * static_cast<double>(i) - (i + 1 < p.size() ? 0.5 * p[i + 1] : 0.0);
            sum += static_cast<double>(i + 1) * d * d;
        }
        return sum;
    }
};

TEST_CASE("the surrogate closes a generation on a quadratic before popsize trials, and gets further") {
    // popsize 8 for 5 parameters. Once the model ranks what is measured as the values do, a
    // generation is updated after its first trials, the rest ranked by the model.
    Bowl5 with_model, without_model;
    Cmaes lq("{}", 6), plain(R"({"surrogate": false})", 6);
    const double best_lq = run(lq, with_model, 150, Bowl5::value);
    const double best_plain = run(plain, without_model, 150, Bowl5::value);
    const std::vector<int> sizes = generation_sizes(with_model);
    CHECK(sizes.front() == 8); // nothing to fit before the first generation is measured
    CHECK(sizes.size() > 150 / 8 * 3); // most generations closed after one or two trials
    CHECK(generation_sizes(without_model).size() == 150 / 8 + 1);
    CHECK(best_lq < best_plain * 1e-3);
    CHECK(best_lq < 1e-8);
}

TEST_CASE("where the model cannot rank the values, generations wait for popsize trials") {
    // Values unrelated to the point: no model ranks them, so no generation is cut short.
    Bowl5 study;
    Cmaes sampler("{}", 7);
    std::mt19937_64 noise(11);
    run(sampler, study, 160, [&](const std::vector<double> &) { return std::uniform_real_distribution<double>(0, 1)(noise); });
    const std::vector<int> sizes = generation_sizes(study);
    for (std::size_t g = 0; g + 1 < sizes.size(); ++g) CHECK(sizes[g] == 8);
}

TEST_CASE("a run started when the space grows is the newest, and its generations move on") {
    // Define-by-run with several workers: early trials see part of the space. The run over
    // the grown space must outrank the first one, or each later trial starts yet another run.
    FakeStudy study;
    study.add_float("a", 0, 1);
    Cmaes sampler(R"({"popsize": 4, "surrogate": false})", 4); // generations of 4 trials exactly
    const auto sum = [](const std::vector<double> &p) { return p[0] + (p.size() > 1 && !std::isnan(p[1]) ? p[1] : 0.0); };
    run(sampler, study, 2, sum); // a run over {a}
    study.add_float("b", 0, 1);
    run(sampler, study, 12, sum);
    int openers = 0;
    for (int64_t t = 2; t < study.n_trials(); ++t)
        openers += json::parse(study.trial(t).system_attrs).contains("cmaes:state") ? 1 : 0;
    CHECK(openers <= 4); // 12 trials in generations of 4
    const json newest = state_of(study);
    CHECK(newest["params"] == json{0, 1});
    CHECK(newest["generation"].get<int>() >= 3);
}

TEST_CASE("a damaged surrogate order in the study is refused by name, not followed") {
    FakeStudy study;
    for (const char *name : {"a", "b"}) study.add_float(name, 0, 1);
    Cmaes sampler(R"({"popsize": 4})", 3);
    run(sampler, study, 4, [](const std::vector<double> &p) { return p[0] + p[1]; });
    // The opener of generation 0 holds the state; orders that point past the candidates,
    // repeat one, or leave some out.
    for (const json &order : {json{0, 1, 2, 99}, json{0, 1, 1, 2}, json{0, 1}}) {
        CAPTURE(order.dump());
        hpo::test::FakeTrial damaged = study.trial(0);
        json attrs = json::parse(damaged.system_attrs);
        REQUIRE(attrs.contains("cmaes:state"));
        attrs["cmaes:state"]["order"] = order;
        damaged.system_attrs = attrs.dump();
        FakeStudy copy;
        for (const char *name : {"a", "b"}) copy.add_float(name, 0, 1);
        copy.add_trial(damaged);
        const int64_t next = copy.start_trial();
        Cmaes fresh(R"({"popsize": 4})", 3);
        CHECK_THROWS_WITH(fresh->before_trial(copy.view(), next), doctest::Contains("\"order\" is not a permutation"));
    }
}

TEST_CASE("a seeded cmaes sampler proposes the same trials again, another seed others") {
    const auto proposals = [](uint64_t seed) {
        MixedNumeric study;
        Cmaes sampler("{}", seed);
        run(sampler, study, 30, MixedNumeric::value);
        std::vector<std::vector<double>> params;
        for (int64_t t = 0; t < study.n_trials(); ++t) params.push_back(study.trial(t).params);
        return params;
    };
    CHECK(proposals(8) == proposals(8));
    CHECK(proposals(8) != proposals(9));
}

TEST_CASE("cmaes refuses several objectives and bad options, by name") {
    FakeStudy study({HPO_MINIMIZE, HPO_MAXIMIZE});
    study.add_float("x", 0, 1);
    Cmaes sampler;
    const int64_t i = study.start_trial();
    CHECK_THROWS_WITH(sampler->before_trial(study.view(), i), doctest::Contains("optimizes one objective"));
    CHECK_THROWS_WITH(Cmaes(R"({"popsize": 1})"), doctest::Contains("popsize"));
    CHECK_THROWS_WITH(Cmaes(R"({"restart_strategy": "bipop"})"), doctest::Contains("restart_strategy"));
}
