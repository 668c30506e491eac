// The tpe sampler inside whole studies run by the engine through hpo.hpp: on the thread
// runner (thread safety, the constant liar), reproducibly for a seed, and on the benchmarks'
// mixed space with its conditional parameters.
#include <hpo/hpo.hpp>

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <string>
#include <vector>

namespace {

using json = nlohmann::json;

const json kBraninSpace = {{"x1", {{"type", "float"}, {"low", -5}, {"high", 10}}},
                           {"x2", {{"type", "float"}, {"low", 0}, {"high", 15}}}};

double branin(hpo::Trial &trial) {
    const double x1 = trial.param("x1"), x2 = trial.param("x2");
    const double pi = 3.14159265358979323846, b = 5.1 / (4 * pi * pi), c = 5 / pi, t = 1 / (8 * pi);
    const double u = x2 - b * x1 * x1 + c * x1 - 6;
    return u * u + 10 * (1 - t) * std::cos(x1) + 10;
}

json complete_trials(hpo::Study &study) {
    json complete = json::array();
    for (const json &trial : json::parse(study.trials_json()))
        if (trial["state"] == "COMPLETE") complete.push_back(trial);
    return complete;
}

json sampler(const std::string &name, json options = json::object()) {
    return {{"name", name}, {"options", std::move(options)}};
}

} // namespace

TEST_CASE("TPE with the constant liar runs a study on four threads") {
    // Four threads finish trials in whatever order the machine runs them, so one study's best
    // is not reproducible: over 300 such studies 1.7% ended at 2.0 or above (worst 5.3). The
    // median of five fails only when three do (about 5e-5).
    std::vector<double> bests;
    for (const int seed : {3, 4, 5, 6, 7}) {
        hpo::Engine engine;
        const json config = {
            {"space", kBraninSpace},
            {"seed", seed},
            {"sampler", sampler("tpe", {{"constant_liar", true}, {"n_startup_trials", 5}})}};
        hpo::Study study(engine, config.dump());
        study.optimize(branin, R"({"n_trials": 48, "n_jobs": 4})");
        const json trials = complete_trials(study);
        CHECK(trials.size() == 48);
        double best = INFINITY;
        for (const json &t : trials) best = std::min(best, t["values"][0].get<double>());
        bests.push_back(best);
    }
    std::sort(bests.begin(), bests.end());
    CAPTURE(json(bests).dump());
    CHECK(bests[2] < 2.0);
}

TEST_CASE("a seeded tpe study proposes the same trials again") {
    auto params = [&] {
        hpo::Engine engine;
        const json config = {{"space", kBraninSpace}, {"seed", 11}, {"sampler", sampler("tpe")}};
        hpo::Study study(engine, config.dump());
        study.optimize(branin, R"({"n_trials": 25})");
        std::vector<json> all;
        for (const json &t : complete_trials(study)) all.push_back(t["params"]);
        return all;
    };
    CHECK(params() == params());
}

TEST_CASE("tpe handles the conditional mixed benchmark through the engine") {
    const json variants[] = {sampler("tpe"), sampler("tpe", {{"multivariate", true}})};
    for (const json &s : variants) {
        CAPTURE(s.dump());
        hpo::Engine engine;
        hpo::Study study(engine, json{{"seed", 2}, {"sampler", s}}.dump());
        study.optimize_plugin(R"({"name": "benchmarks", "options": {"function": "mixed"}})",
                              R"({"n_trials": 30})");
        const json trials = complete_trials(study);
        REQUIRE(trials.size() == 30);
        for (const json &t : trials) {
            const json &p = t["params"];
            // The branch decides which children exist.
            CHECK(p.contains("x") == (p["kind"] == "quadratic"));
            CHECK(p.contains("a") == (p["kind"] == "ackley"));
        }
    }
}
