// The nsga2 sampler in studies run by the engine on two objectives with a constraint: 4
// threads on one population, a resume from SQLite equal to one run, two processes feeding one
// population.
#include <stored_study.hpp>

#include <hpo/hpo.hpp>

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include <cmath>
#include <map>
#include <set>
#include <string>

using json = nlohmann::json;

namespace {

// Two objectives of a 3-D point, x0 + x1 <= 1.5 as a constraint.
std::vector<double> objectives(hpo::Trial &trial) {
    const double x0 = trial.param("x0"), x1 = trial.param("x1"), x2 = trial.param("x2");
    trial.set_constraints({x0 + x1 - 1.5});
    return {x0 * x0 + x2, (x0 - 1) * (x0 - 1) + x1 * x1 * 0.5 + x2};
}

json config(const std::string &storage, bool reference_points = false) {
    json space = json::object();
    for (const char *name : {"x0", "x1", "x2"})
        space[name] = {{"type", "float"}, {"low", 0}, {"high", 1}};
    return {{"name", "nsga2"}, {"storage", storage}, {"load_if_exists", true}, {"seed", 11},
            {"space", space}, {"directions", {"minimize", "minimize"}}, {"heartbeat", false},
            {"sampler", {{"name", "nsga2"},
                         {"options", {{"population_size", 8}, {"reference_points", reference_points}}}}}};
}

} // namespace

TEST_CASE("4 threads on one nsga2 study: every trial has a generation, every generation parents") {
    hpo::Engine engine;
    hpo::Study study(engine, config("memory:").dump());
    study.optimize(objectives, json{{"n_trials", 64}, {"n_jobs", 4}}.dump());
    const json trials = json::parse(study.trials_json());
    REQUIRE(trials.size() == 64);
    const json attrs = json::parse(study.info_json())["system_attrs"];
    CHECK(hpo::test::check_generations(trials, attrs, "nsga2:", 8) >= 3);
}

TEST_CASE("an nsga2 study resumed from SQLite gives the trials of one run, in both modes") {
    const hpo::test::TempFolder folder("nsga2-resume");
    for (const bool reference_points : {false, true}) {
        CAPTURE(reference_points);
        const std::string tag = reference_points ? "3" : "2";
        const json whole = config(folder.sqlite("whole" + tag), reference_points);
        const json parts = config(folder.sqlite("parts" + tag), reference_points);
        hpo::test::run_trials(whole, objectives, 36);
        for (const int part : {10, 13, 13}) hpo::test::run_trials(parts, objectives, part);
        const json once = hpo::test::stored_trials(whole), resumed = hpo::test::stored_trials(parts);
        REQUIRE(once.size() == 36);
        REQUIRE(resumed.size() == 36);
        for (std::size_t i = 0; i < once.size(); ++i) {
            CHECK(once[i]["params"] == resumed[i]["params"]);
            CHECK(once[i]["system_attrs"] == resumed[i]["system_attrs"]);
        }
    }
}

TEST_CASE("two processes on one SQLite nsga2 study both contribute to one population") {
    const hpo::test::TempFolder folder("nsga2-processes");
    const json shared = config(folder.sqlite("shared"));
    hpo::test::run_in_processes(shared, objectives, 2, 24);
    const json trials = hpo::test::stored_trials(shared);
    REQUIRE(trials.size() == 48);
    std::map<int64_t, std::string> worker_of;
    std::set<std::string> later_generations; // the workers that made children
    for (const json &trial : trials) {
        worker_of[trial["number"].get<int64_t>()] = trial["user_attrs"]["worker"].dump();
        if (trial["system_attrs"]["nsga2:generation"].get<int64_t>() > 0)
            later_generations.insert(trial["user_attrs"]["worker"].dump());
    }
    CHECK(later_generations.size() == 2);
    const json attrs = hpo::test::stored_study_attrs(shared);
    std::set<std::string> parent_workers;
    for (const auto &[key, parents] : attrs.items())
        if (key.rfind("nsga2:parents:", 0) == 0)
            for (const json &number : parents) parent_workers.insert(worker_of[number.get<int64_t>()]);
    CHECK(parent_workers.size() == 2);
}
