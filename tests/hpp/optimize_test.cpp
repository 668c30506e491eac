// Study::optimize with std::function objectives: the trampoline's results, pruning, and
// exceptions turned into failed trials that never cross the C library.
#include <hpo/hpo.hpp>

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include <stdexcept>
#include <string>
#include <vector>

namespace {

nlohmann::json trials_of(const hpo::Study &study) { return nlohmann::json::parse(study.trials_json()); }

}  // namespace

TEST_CASE("optimize minimizes a std::function objective") {
    hpo::Engine engine;
    hpo::Study study(engine, R"({"seed": 8})");
    study.optimize([](hpo::Trial &trial) {
        const double x = trial.suggest_float("x", -3, 3);
        return (x - 1) * (x - 1);
    }, R"({"n_trials": 30})");
    CHECK(study.n_trials() == 30);
    const auto best = nlohmann::json::parse(study.best_trial_json());
    const double best_x = best["params"]["x"];
    CHECK(best["values"][0].get<double>() == doctest::Approx((best_x - 1) * (best_x - 1)));
    for (const auto &trial : trials_of(study)) CHECK(trial["values"][0].get<double>() >= best["values"][0].get<double>());
}

TEST_CASE("an exception in the objective fails its trial with the message and the study goes on") {
    hpo::Engine engine;
    hpo::Study study(engine, R"({"seed": 9})");
    SUBCASE("a std::exception") {
        study.optimize([](hpo::Trial &trial) -> double {
            if (trial.number() == 1) throw std::runtime_error("diverged at epoch 3");
            return trial.suggest_float("x", 0, 1);
        }, R"({"n_trials": 4})");
        const auto trials = trials_of(study);
        REQUIRE(trials.size() == 4);
        CHECK(trials[1]["state"] == "FAIL");
        CHECK(trials[1]["message"].get<std::string>().find("diverged at epoch 3") != std::string::npos);
        CHECK(trials[3]["state"] == "COMPLETE");
    }
    SUBCASE("something that is not a std::exception") {
        study.optimize([](hpo::Trial &) -> double { throw 42; }, R"({"n_trials": 2})");
        for (const auto &trial : trials_of(study)) CHECK(trial["state"] == "FAIL");
    }
    SUBCASE("an hpo::Error from a bad suggestion") {
        study.optimize([](hpo::Trial &trial) { return trial.suggest_float("x", 1, 0); }, R"({"n_trials": 1})");
        CHECK(trials_of(study)[0]["message"].get<std::string>().find("x") != std::string::npos);
    }
}

TEST_CASE("throwing TrialPruned ends the trial PRUNED") {
    hpo::Engine engine;
    hpo::Study study(engine, R"({"seed": 10})");
    study.optimize([](hpo::Trial &trial) -> double {
        trial.report(0, 0.75);
        throw hpo::TrialPruned();
    }, R"({"n_trials": 2})");
    for (const auto &trial : trials_of(study)) CHECK(trial["state"] == "PRUNED");
}

TEST_CASE("a multi-objective study takes one value per direction") {
    hpo::Engine engine;
    hpo::Study study(engine, R"({"seed": 11, "directions": ["minimize", "maximize"]})");
    SUBCASE("the right number of values completes the trials") {
        study.optimize([](hpo::Trial &trial) {
            const double x = trial.suggest_float("x", 0, 1);
            return std::vector<double>{x, x * x};
        }, R"({"n_trials": 5})");
        CHECK(nlohmann::json::parse(study.best_trials_json()).size() >= 1);
        CHECK_THROWS_AS(study.best_trial_json(), hpo::Error);
    }
    SUBCASE("the wrong number fails the trial and says so") {
        study.optimize([](hpo::Trial &) { return 1.0; }, R"({"n_trials": 1})");
        const auto trial = trials_of(study)[0];
        CHECK(trial["state"] == "FAIL");
        CHECK(trial["message"].get<std::string>().find("returned 1 value(s), the study has 2") != std::string::npos);
    }
}

TEST_CASE("param_importances_json ranks the parameters of an optimized study") {
    hpo::Engine engine;
    hpo::Study study(engine, R"({"seed": 4, "sampler": "random"})");
    study.optimize([](hpo::Trial &trial) {
        const double x = trial.suggest_float("x", 0, 1);
        const double y = trial.suggest_float("y", 0, 1);
        return 10 * x + y;
    }, R"({"n_trials": 80, "n_jobs": 2})");
    const auto answer = nlohmann::json::parse(study.param_importances_json());
    CHECK(answer["objectives"][0]["importances"][0]["param"] == "x");
    CHECK(nlohmann::json::parse(study.param_importances_json(R"({"params": ["y"]})"))["params"] ==
          nlohmann::json({"y"}));
    CHECK_THROWS_AS(study.param_importances_json(R"({"params": ["w"]})"), hpo::Error);
}
