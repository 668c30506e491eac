// The grid sampler driven by the engine as a user drives it: with parallel workers, and over
// the conditional branches of the mixed benchmark.
#include <hpo/hpo.hpp>

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include <set>
#include <string>

using json = nlohmann::json;

TEST_CASE("the grid runs each configuration once on four threads, then the run ends") {
    hpo::Engine engine;
    const json config = {{"space", {{"n", {{"type", "int"}, {"low", 0}, {"high", 4}}},
                                    {"k", {{"type", "categorical"}, {"choices", {"a", "b", "c"}}}}}},
                         {"sampler", "grid"},
                         {"seed", 3}};
    hpo::Study study(engine, config.dump());
    study.optimize([](hpo::Trial &trial) { return trial.param("n"); },
                   R"({"n_trials": 100, "n_jobs": 4})");
    const json trials = json::parse(study.trials_json());
    std::set<std::string> configurations;
    for (const auto &trial : trials) {
        CHECK(trial["state"] == "COMPLETE");
        configurations.insert(trial["params"].dump());
    }
    CHECK(trials.size() == 15);
    CHECK(configurations.size() == 15);
}

TEST_CASE("a grid over the mixed benchmark enumerates its conditional branches and finds the optimum") {
    hpo::Engine engine;
    const json values = {{"lr", {0.001, 0.01, 0.1}}, {"x", {1.5}}, {"a", {0.0}}};
    const json config = {{"sampler", {{"name", "grid"}, {"options", {{"values", values}}}}},
                         {"seed", 3}};
    hpo::Study study(engine, config.dump());
    study.optimize_plugin(R"({"name": "benchmarks", "options": {"function": "mixed"}})",
                          R"({"n_trials": 1000, "n_jobs": 2})");
    // quadratic: 3 lr x 11 n x 1 x; ackley: 3 lr x 11 n x 1 a x 7 b.
    CHECK(json::parse(study.trials_json()).size() == 33 + 231);
    const json best = json::parse(study.best_trial_json());
    CHECK(best["values"][0].get<double>() == doctest::Approx(0).scale(1));
    CHECK(best["params"] == json::parse(R"({"kind": "ackley", "lr": 0.01, "n": 7, "a": 0.0, "b": 0})"));
}
