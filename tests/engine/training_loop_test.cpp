// What training loops do, and the study takes in its stride: NaN reports, infinite losses,
// a parameter asked for with another range, declared parameters suggested again, trials that
// run past their time.
#include "optimize.hpp"
#include "study_fixture.hpp"

#include <doctest/doctest.h>

#include <atomic>
#include <chrono>
#include <cmath>
#include <limits>
#include <thread>

using namespace hpo;
using hpo::test::make_study;

namespace {

constexpr double inf = std::numeric_limits<double>::infinity();

const json unit = {{"type", "float"}, {"low", 0}, {"high", 1}};

std::string state_of(Study &study, int64_t number) { return study.trial_json(number)["state"].get<std::string>(); }

}  // namespace

TEST_CASE("a NaN report is recorded, the scheduler takes it as the worst, and the loop goes on") {
    auto study = make_study({{"sampler", "random"}, {"seed", 1}, {"scheduler", "median"}});
    const Objective objective = [](hpo_trial *trial, double *values, std::size_t) -> int32_t {
        trial->study->suggest(trial->number, "x", unit);
        for (int64_t step = 0; step < 3; ++step) {
            const double loss = trial->number >= 6 && step == 1 ? std::nan("") : 1.0 / static_cast<double>(step + 1);
            if (trial->study->report(trial->number, step, loss)) return HPO_PRUNED;
        }
        values[0] = 0.5;
        return HPO_OK;
    };
    optimize(study, objective, OptimizeOptions::from_json({{"n_trials", 10}, {"catch", false}}));
    CHECK(study->n_trials() == 10);
    const json late = study->trial_json(7);
    CHECK(late["intermediate_values"]["1"].is_null());  // NaN has no JSON number
    CHECK(late["state"] == "PRUNED");
    CHECK(late["values"].is_null());  // its last value was NaN: a pruned trial keeps no NaN
}

TEST_CASE("an infinite objective value completes its trial with that value, and only NaN fails it") {
    auto study = make_study({{"sampler", "random"}, {"seed", 2}, {"space", {{"x", unit}}}});
    for (const double value : {inf, -inf, std::nan("")}) {
        const auto number = study->ask();
        REQUIRE(number);
        study->tell(*number, HPO_TRIAL_COMPLETE, {value}, "");
    }
    CHECK(study->trial_json(0)["state"] == "COMPLETE");
    CHECK(study->trial_json(0)["values"][0] == "inf");
    CHECK(study->trial_json(1)["values"][0] == "-inf");
    CHECK(study->trial_json(2)["state"] == "FAIL");
    CHECK(study->best_trial_json()["number"] == 1);  // -inf is the best a minimization gets

    const Objective penalty = [](hpo_trial *, double *values, std::size_t) -> int32_t {
        values[0] = inf;
        return HPO_OK;
    };
    optimize(study, penalty, OptimizeOptions::from_json({{"n_trials", 3}, {"catch", false}}));
    CHECK(state_of(*study, 5) == "COMPLETE");
}

TEST_CASE("a parameter asked for with another range fails that trial alone, naming both ranges") {
    auto study = make_study({{"sampler", "random"}, {"seed", 3}});
    std::atomic<int> calls{0};
    const Objective objective = [&](hpo_trial *trial, double *values, std::size_t) -> int32_t {
        const double high = ++calls == 2 ? 2.0 : 1.0;
        values[0] = trial->study->suggest(trial->number, "x", {{"type", "float"}, {"low", 0}, {"high", high}});
        return HPO_OK;
    };
    // Without catch: the conflict is the trial's failure, not the run's.
    optimize(study, objective, OptimizeOptions::from_json({{"n_trials", 4}, {"catch", false}}));
    CHECK(study->n_trials() == 4);
    CHECK(state_of(*study, 0) == "COMPLETE");
    CHECK(state_of(*study, 1) == "FAIL");
    CHECK(state_of(*study, 2) == "COMPLETE");
    const std::string message = study->trial_json(1)["message"].get<std::string>();
    CAPTURE(message);
    const auto asked = message.find("\"high\":2"), defined = message.find("\"high\":1");
    REQUIRE(asked != std::string::npos);
    REQUIRE(defined != std::string::npos);
    CHECK(message.find("study") != std::string::npos);
    // The study's definition comes first, as "defined as", and the asked one after it.
    CHECK(defined < asked);
}

TEST_CASE("a declared conditional parameter may be suggested again inside the objective") {
    const json space = {{"kind", {{"type", "categorical"}, {"choices", {"a", "b"}}}},
                        {"depth", {{"type", "int"}, {"low", 1}, {"high", 4}, {"condition", {{"kind", {"a"}}}}}}};
    auto study = make_study({{"sampler", "random"}, {"seed", 4}, {"space", space}});
    for (int i = 0; i < 10; ++i) {
        const auto number = study->ask();
        REQUIRE(number);
        const double depth = study->suggest(*number, "depth", {{"type", "int"}, {"low", 1}, {"high", 4}});
        const bool active = study->params_json(*number).contains("depth");
        CHECK(std::isnan(depth) != active);
        study->tell(*number, HPO_TRIAL_COMPLETE, {depth}, "");
    }
    CHECK(study->info_json()["space"]["depth"].contains("condition"));  // the declaration stands
}

TEST_CASE("a trial past its trial_timeout fails, its reports answer prune, and the run goes on") {
    auto study = make_study({{"sampler", "random"}, {"seed", 5}, {"space", {{"x", unit}}}});
    const Objective objective = [](hpo_trial *trial, double *values, std::size_t) -> int32_t {
        if (trial->number == 1) {
            // Trains until told to stop: the watchdog ends the trial, reports then say prune.
            for (int64_t step = 0;; ++step) {
                if (trial->study->report(trial->number, step, 1.0)) return HPO_PRUNED;
                std::this_thread::sleep_for(std::chrono::milliseconds(5));
            }
        }
        if (trial->number == 2) {
            // Never reports, and returns only once the watchdog has ended it: its result is
            // dropped.
            while (!trial->study->stopped(trial->number)) std::this_thread::sleep_for(std::chrono::milliseconds(5));
            values[0] = -1;
            return HPO_OK;
        }
        values[0] = trial->study->param(trial->number, "x");
        return HPO_OK;
    };
    optimize(study, objective, OptimizeOptions::from_json({{"n_trials", 5}, {"trial_timeout", 0.2}, {"catch", false}}));
    CHECK(study->n_trials() == 5);
    for (const int64_t number : {1, 2}) {
        const json trial = study->trial_json(number);
        CHECK(trial["state"] == "FAIL");
        CHECK(trial["message"].get<std::string>().find("timed out after 0.2 s") != std::string::npos);
    }
    CHECK(state_of(*study, 0) == "COMPLETE");
    CHECK(state_of(*study, 4) == "COMPLETE");
    CHECK(study->best_trial_json()["values"][0].get<double>() >= 0);  // trial 2's -1 never counted
}
