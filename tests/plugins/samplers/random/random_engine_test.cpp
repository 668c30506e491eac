// The random sampler driven by the engine as a user drives it: random search on Branin.
#include <hpo/hpo.hpp>

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

using json = nlohmann::json;

TEST_CASE("random search on Branin with four threads completes every trial above the optimum") {
    hpo::Engine engine;
    hpo::Study study(engine, json{{"sampler", "random"}, {"seed", 5}}.dump());
    study.optimize_plugin(R"({"name": "benchmarks", "options": {"function": "branin"}})",
                          R"({"n_trials": 200, "n_jobs": 4})");
    const json trials = json::parse(study.trials_json());
    CHECK(trials.size() == 200);
    for (const auto &trial : trials) CHECK(trial["state"] == "COMPLETE");
    const double best = json::parse(study.best_trial_json())["values"][0].get<double>();
    CHECK(best >= 0.397887 - 1e-6);
    CHECK(best < 3); // 200 uniform draws land close to one of Branin's three minima
}
