// The cmaes sampler in studies run by the engine: one distribution shared by 4 threads and by
// two processes on one SQLite study, and a study resumed from SQLite as if never stopped.
#include "newest_state.hpp"

#include <stored_study.hpp>

#include <hpo/hpo.hpp>

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <map>
#include <string>

using json = nlohmann::json;

namespace {

std::vector<double> objective(hpo::Trial &trial) {
    const double x = trial.param("x"), n = trial.param("n"), lr = trial.param("lr");
    const double act = trial.param("act");
    return {std::pow(x - 0.7, 2) + std::pow(n - 4, 2) / 16 + std::pow(std::log10(lr) + 2, 2) + act};
}

json config(const std::string &storage, json options = json::object()) {
    const json space = {
        {"x", {{"type", "float"}, {"low", -2}, {"high", 2}}},
        {"n", {{"type", "int"}, {"low", 0}, {"high", 10}}},
        {"lr", {{"type", "float"}, {"low", 1e-4}, {"high", 1}, {"log", true}}},
        {"act", {{"type", "categorical"}, {"choices", {"relu", "tanh"}}}},
    };
    return {{"name", "cmaes"}, {"storage", storage}, {"load_if_exists", true}, {"seed", 3},
            {"space", space}, {"heartbeat", false},
            {"sampler", {{"name", "cmaes"}, {"options", options}}}};
}

json newest_state(const json &trials) {
    std::vector<json> attrs;
    for (const json &trial : trials) attrs.push_back(trial["system_attrs"]);
    return hpo::test::newest_cmaes_state(attrs);
}

} // namespace

TEST_CASE("4 threads share one CMA-ES distribution, which moves on generation by generation") {
    // Several studies, because the threads' interleaving is what once set the distribution
    // back to an old generation (a stale worker's write won; 1 run in 50 on a loaded machine).
    for (int run = 0; run < 5; ++run) {
        hpo::Engine engine;
        hpo::Study study(engine, config("memory:").dump());
        study.optimize(objective, json{{"n_trials", 80}, {"n_jobs", 4}}.dump());
        const json trials = json::parse(study.trials_json());
        REQUIRE(trials.size() == 80);
        int64_t newest_generation = 0;
        for (const json &trial : trials) {
            CHECK(trial["system_attrs"].contains("cmaes:x"));
            newest_generation = std::max(newest_generation, trial["system_attrs"]["cmaes:generation"].get<int64_t>());
        }
        CHECK(newest_generation >= 5);
        CHECK(newest_state(trials)["generation"] == newest_generation);
    }
}

TEST_CASE("a cmaes study resumed from SQLite gives the trials of one run") {
    const hpo::test::TempFolder folder("cmaes-resume");
    for (const json &options : {json::object(), json{{"separable", true}, {"lr_adapt", true}}}) {
        CAPTURE(options.dump());
        const std::string tag = options.empty() ? "a" : "b";
        const json whole = config(folder.sqlite("whole" + tag), options);
        const json parts = config(folder.sqlite("parts" + tag), options);
        hpo::test::run_trials(whole, objective, 40);
        hpo::test::run_trials(parts, objective, 15);
        hpo::test::run_trials(parts, objective, 25);
        const json once = hpo::test::stored_trials(whole), resumed = hpo::test::stored_trials(parts);
        REQUIRE(resumed.size() == 40);
        for (std::size_t i = 0; i < once.size(); ++i) CHECK(once[i]["params"] == resumed[i]["params"]);
        CHECK(hpo::test::stored_study_attrs(whole) == hpo::test::stored_study_attrs(parts));
    }
}

TEST_CASE("two processes on one SQLite study sample one distribution together") {
    const hpo::test::TempFolder folder("cmaes-processes");
    const json shared = config(folder.sqlite("shared"));
    hpo::test::run_in_processes(shared, objective, 2, 30);
    const json trials = hpo::test::stored_trials(shared);
    REQUIRE(trials.size() == 60);
    // One distribution, not one per process: each generation holds its population (7 for
    // three searched parameters) plus at most the trials other workers had in flight (2
    // processes of 2 jobs), where two distributions would fill each about twice. Whether both
    // processes sampled one generation depends on the machine's scheduling, so it is not asked.
    std::map<int64_t, int> trials_of_generation;
    for (const json &trial : trials) ++trials_of_generation[trial["system_attrs"]["cmaes:generation"].get<int64_t>()];
    for (const auto &entry : trials_of_generation) {
        const int64_t generation = entry.first;
        CAPTURE(generation);
        CHECK(entry.second <= 7 + 3);
    }
    CHECK(newest_state(trials)["generation"].get<int>() >= 4);
}
