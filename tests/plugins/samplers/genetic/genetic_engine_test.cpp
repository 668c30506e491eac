// The genetic sampler in studies run by the engine: reproducible by seed, enqueued trials in
// the first generation, generations shared by threads, resumed from SQLite as if never
// stopped, and one population fed by two processes.
#include <stored_study.hpp>

#include <hpo/hpo.hpp>

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include <set>
#include <string>

using json = nlohmann::json;

namespace {

const json kSpace = {
    {"x", {{"type", "float"}, {"low", -3}, {"high", 3}}},
    {"lr", {{"type", "float"}, {"low", 1e-4}, {"high", 1}, {"log", true}}},
    {"units", {{"type", "int"}, {"low", 8}, {"high", 256}, {"step", 8}}},
    {"act", {{"type", "categorical"}, {"choices", {"relu", "tanh", "gelu"}}}},
};

std::vector<double> objective(hpo::Trial &trial) {
    const double x = trial.param("x"), lr = trial.param("lr"), units = trial.param("units");
    const double act = trial.param("act");
    return {x * x + std::pow(std::log10(lr) + 2, 2) + std::abs(units - 64) / 64 + act};
}

json config(const std::string &storage, uint64_t seed = 7) {
    return {{"name", "genetic"}, {"storage", storage}, {"load_if_exists", true}, {"seed", seed},
            {"space", kSpace}, {"heartbeat", false},
            {"sampler", {{"name", "genetic"}, {"options", {{"population_size", 6}}}}}};
}

json params_of(const json &trials) {
    json params = json::array();
    for (const json &trial : trials) params.push_back(trial["params"]);
    return params;
}

} // namespace

TEST_CASE("a seeded genetic study proposes the same trials again, another seed others") {
    const auto run = [](uint64_t seed) {
        hpo::Engine engine;
        hpo::Study study(engine, config("memory:", seed).dump());
        study.optimize(objective, json{{"n_trials", 30}}.dump());
        return params_of(json::parse(study.trials_json()));
    };
    CHECK(run(7) == run(7));
    CHECK(run(7) != run(8));
}

TEST_CASE("enqueued trials join the first generation and can be chosen as parents") {
    hpo::Engine engine;
    hpo::Study study(engine, config("memory:").dump());
    study.enqueue(R"({"x": 0.0, "lr": 0.01, "units": 64, "act": "relu"})");
    study.optimize(objective, json{{"n_trials", 20}}.dump());
    const json trials = json::parse(study.trials_json());
    CHECK(trials[0]["params"]["x"] == 0.0);
    CHECK(trials[0]["system_attrs"]["genetic:generation"] == 0);
    // The enqueued trial is the optimum: it survives into generation 1's parents, first.
    const json attrs = json::parse(study.info_json())["system_attrs"];
    CHECK(attrs["genetic:parents:1"][0] == 0);
}

TEST_CASE("4 threads share the generations: every trial has one and each opens in order") {
    hpo::Engine engine;
    hpo::Study study(engine, config("memory:").dump());
    study.optimize(objective, json{{"n_trials", 60}, {"n_jobs", 4}}.dump());
    const json trials = json::parse(study.trials_json());
    REQUIRE(trials.size() == 60);
    const json attrs = json::parse(study.info_json())["system_attrs"];
    CHECK(hpo::test::check_generations(trials, attrs, "genetic:", 6) >= 3);
}

TEST_CASE("a genetic study stopped halfway and resumed from SQLite gives the trials of one run") {
    const hpo::test::TempFolder folder("genetic-resume");
    hpo::test::run_trials(config(folder.sqlite("whole")), objective, 40);
    hpo::test::run_trials(config(folder.sqlite("halves")), objective, 17);
    hpo::test::run_trials(config(folder.sqlite("halves")), objective, 23);
    const json whole = hpo::test::stored_trials(config(folder.sqlite("whole")));
    const json halves = hpo::test::stored_trials(config(folder.sqlite("halves")));
    REQUIRE(whole.size() == 40);
    CHECK(params_of(whole) == params_of(halves));
    CHECK(hpo::test::stored_study_attrs(config(folder.sqlite("whole"))) ==
          hpo::test::stored_study_attrs(config(folder.sqlite("halves"))));
}

TEST_CASE("two processes on one SQLite study both contribute to one population") {
    const hpo::test::TempFolder folder("genetic-processes");
    const json shared = config(folder.sqlite("shared"));
    hpo::test::run_in_processes(shared, objective, 2, 25);
    const json trials = hpo::test::stored_trials(shared);
    REQUIRE(trials.size() == 50);
    std::map<int64_t, std::string> worker_of;
    for (const json &trial : trials) {
        CHECK(trial["state"] == "COMPLETE");
        CHECK(trial["system_attrs"].contains("genetic:generation"));
        worker_of[trial["number"].get<int64_t>()] = trial["user_attrs"]["worker"].dump();
    }
    // Some generation's parents came from both processes.
    const json attrs = hpo::test::stored_study_attrs(shared);
    bool mixed = false;
    for (const auto &[key, parents] : attrs.items()) {
        if (key.rfind("genetic:parents:", 0) != 0) continue;
        std::set<std::string> workers;
        for (const json &number : parents) workers.insert(worker_of[number.get<int64_t>()]);
        mixed = mixed || workers.size() == 2;
    }
    CHECK(mixed);
}
