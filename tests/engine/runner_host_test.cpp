// What ABI 1.1 gives runners and objectives: the run's description, the stop flag, several
// devices per trial, a trial's parameters as JSON, constraints, and an objective instance
// per runner slot when the objective is not thread-safe.
#include "optimize.hpp"
#include "study_fixture.hpp"

#include <doctest/doctest.h>

using namespace hpo;
using hpo::test::make_study;

namespace {

json probe_options(bool needs_plugin_objective = false) {
    return {{"n_trials", 6}, {"runner", {{"name", "probe_runner"}, {"options", {{"needs_plugin_objective", needs_plugin_objective}}}}}};
}

}  // namespace

TEST_CASE("a runner learns the run, gives trials several devices, and hears the stop once the run is over") {
    auto study = make_study({{"name", "probed"}, {"seed", 5}, {"sampler", "random"}});
    optimize_plugin(study, {{"name", "serial_objective"}}, OptimizeOptions::from_json(probe_options()));
    const json trials = study->trials_json();
    REQUIRE(trials.size() == 6);
    for (const json &trial : trials) {
        CAPTURE(trial.dump());
        CHECK(trial["state"] == "COMPLETE");
        const json &run = trial["user_attrs"]["run"];
        CHECK(run["study"] == "probed");
        CHECK(run["storage"] == "memory:");
        CHECK(run["directions"] == json::array({"minimize"}));
        CHECK(run["seed"] == 5);
        CHECK(run["objective"] == json{{"name", "serial_objective"}, {"options", json::object()}});
        CHECK(trial["user_attrs"]["devices"] == json::array({3, 1}));
        CHECK(trial["user_attrs"]["params_json"] == trial["params"]);
        const double x = trial["params"]["x"].get<double>();
        CHECK(trial["constraints"] == json::array({x - 0.5}));
    }
}

TEST_CASE("a runner that must run the objective elsewhere refuses a function of this process") {
    auto study = make_study({{"space", hpo::test::unit_floats(1)}});
    const Objective in_process = [](hpo_trial *, double *values, std::size_t) {
        values[0] = 1;
        return int32_t{HPO_OK};
    };
    try {
        optimize(study, in_process, OptimizeOptions::from_json(probe_options(true)));
        FAIL("the runner should have refused");
    } catch (const Error &error) {
        CHECK(error.status() == HPO_ENOTSUP);
        CHECK(std::string(error.what()).find("cannot run; give an objective plugin") != std::string::npos);
    }
    CHECK(study->n_trials() == 0);
}

TEST_CASE("an objective that is not thread-safe gets an instance per slot, so trials still run at once") {
    auto study = make_study({{"seed", 2}, {"sampler", "random"}});
    optimize_plugin(study, {{"name", "serial_objective"}, {"options", {{"rendezvous", true}}}},
                    OptimizeOptions::from_json({{"n_trials", 8}, {"n_jobs", 2}}));
    for (const json &trial : study->trials_json()) {
        CAPTURE(trial.dump());
        CHECK(trial["state"] == "COMPLETE");  // each failed had two trials shared one instance
    }
}

TEST_CASE("constraints decide the best trial and the front before values do") {
    auto study = make_study({{"space", hpo::test::unit_floats(1)}, {"seed", 3}});
    const auto tell = [&](double value, std::vector<double> constraints) {
        const int64_t number = *study->ask();
        study->set_constraints(number, std::move(constraints));
        study->tell(number, HPO_TRIAL_COMPLETE, {value}, "");
    };
    tell(0.1, {0.5});          // best value, infeasible
    tell(0.9, {-1.0, 0.0});    // feasible
    tell(0.5, {0.2});          // infeasible, but less so than the first
    CHECK(study->best_trial_json()["number"] == 1);
    const json front = study->best_trials_json();
    REQUIRE(front.size() == 1);
    CHECK(front[0]["number"] == 1);
    CHECK_THROWS_WITH_AS(study->set_constraints(*study->ask(), {std::nan("")}),
                         doctest::Contains("constraint 0 of trial 3 is NaN"), Error);
}

TEST_CASE("without a feasible trial the least violating one is best") {
    auto study = make_study({{"space", hpo::test::unit_floats(1)}});
    for (const double violation : {0.7, 0.2, 0.4}) {
        const int64_t number = *study->ask();
        study->set_constraints(number, {violation});
        study->tell(number, HPO_TRIAL_COMPLETE, {violation}, "");
    }
    CHECK(study->best_trial_json()["number"] == 1);
}
