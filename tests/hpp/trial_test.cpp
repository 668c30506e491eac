// hpo::Trial through ask/tell: define-by-run suggestions, the tell state machine, and ask
// returning nothing once the sampler is done.
#include <hpo/hpo.hpp>

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <string>
#include <vector>

TEST_CASE("define-by-run suggestions stay in their ranges and are chosen once per trial") {
    hpo::Engine engine;
    hpo::Study study(engine, R"({"seed": 3})");
    for (int i = 0; i < 20; ++i) {
        hpo::Trial trial = *study.ask();
        const double lr = trial.suggest_float("lr", 1e-5, 1e-1, /*log=*/true);
        CHECK(lr >= 1e-5);
        CHECK(lr <= 1e-1);
        CHECK(trial.suggest_float("lr", 1e-5, 1e-1, true) == lr);
        const int64_t units = trial.suggest_int("units", 16, 128, false, 16);
        CHECK(units % 16 == 0);
        const std::string kernel = trial.suggest_categorical("kernel", {"rbf", "linear"});
        CHECK((kernel == "rbf" || kernel == "linear"));
        trial.tell(lr);
    }
    CHECK(study.n_trials() == 20);
}

TEST_CASE("categorical choices with characters JSON escapes come back unchanged") {
    hpo::Engine engine;
    hpo::Study study(engine, R"({"seed": 4})");
    const std::vector<std::string> choices = {"say \"hi\"", "back\\slash", "tab\there", "ünïcode"};
    std::vector<bool> seen(choices.size(), false);
    for (int i = 0; i < 40; ++i) {
        hpo::Trial trial = *study.ask();
        const std::string chosen = trial.suggest_categorical("choice", choices);
        const auto params = nlohmann::json::parse(trial.params_json());
        CHECK(params.at("choice") == chosen);
        for (std::size_t c = 0; c < choices.size(); ++c) seen[c] = seen[c] || chosen == choices[c];
        trial.tell(0.0);
    }
    CHECK(std::count(seen.begin(), seen.end(), true) == static_cast<long>(choices.size()));
}

TEST_CASE("telling a trial twice throws hpo::Error with HPO_ESTATE") {
    hpo::Engine engine;
    hpo::Study study(engine, R"({"seed": 5})");
    hpo::Trial trial = *study.ask();
    trial.tell(1.0);
    try {
        trial.tell(2.0);
        FAIL("the second tell was accepted");
    } catch (const hpo::Error &error) {
        CHECK(error.status() == HPO_ESTATE);
    }
}

TEST_CASE("a NaN value, a pruned trial and a failed trial end in their states") {
    hpo::Engine engine;
    hpo::Study study(engine, R"({"seed": 6})");
    study.ask()->tell(std::nan(""));
    hpo::Trial pruned = *study.ask();
    CHECK_FALSE(pruned.report(0, 0.5));  // no scheduler: never asked to stop
    pruned.tell_pruned();
    study.ask()->tell_failed("out of memory");
    const auto trials = nlohmann::json::parse(study.trials_json());
    REQUIRE(trials.size() == 3);
    CHECK(trials[0]["state"] == "FAIL");
    CHECK(trials[1]["state"] == "PRUNED");
    CHECK(trials[2]["state"] == "FAIL");
    CHECK(trials[2]["message"] == "out of memory");
}

TEST_CASE("ask returns nothing once the grid is exhausted") {
    hpo::Engine engine;
    hpo::Study study(engine, R"({"sampler": "grid", "seed": 7,
        "space": {"k": {"type": "categorical", "choices": ["a", "b", "c"]}}})");
    std::vector<std::string> asked;
    while (std::optional<hpo::Trial> trial = study.ask()) {
        asked.push_back(nlohmann::json::parse(trial->params_json()).at("k"));
        trial->tell(0.0);
        REQUIRE(asked.size() <= 3);
    }
    std::sort(asked.begin(), asked.end());
    CHECK(asked == std::vector<std::string>{"a", "b", "c"});
}
