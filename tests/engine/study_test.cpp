#include "study_fixture.hpp"

#include <doctest/doctest.h>

#include <cmath>

using namespace hpo;
using hpo::test::error_of;
using hpo::test::make_study;

namespace {

const json mixed_space = json::parse(R"({
  "kernel": {"type": "categorical", "choices": ["rbf", "linear"]},
  "gamma": {"type": "float", "low": 1e-4, "high": 10, "log": true, "condition": {"kernel": ["rbf"]}},
  "c": {"type": "float", "low": 0.1, "high": 100, "log": true},
  "degree": {"type": "int", "low": 1, "high": 5}
})");

}  // namespace

TEST_CASE("a trial runs from ask to tell once and is refused a second tell") {
    auto study = make_study({{"space", mixed_space}, {"seed", 1}});
    const auto number = study->ask();
    REQUIRE(number);
    CHECK(*number == 0);
    CHECK(study->trials_json()[0]["state"] == "RUNNING");
    study->tell(*number, HPO_TRIAL_COMPLETE, {0.5}, "");
    CHECK(study->trials_json()[0]["state"] == "COMPLETE");
    CHECK(study->trials_json()[0]["values"][0] == 0.5);
    const std::string message = error_of([&] { study->tell(*number, HPO_TRIAL_COMPLETE, {0.1}, ""); }, HPO_ESTATE);
    CHECK(message.find("trial 0 is COMPLETE") != std::string::npos);
    error_of([&] { study->tell(7, HPO_TRIAL_COMPLETE, {0.1}, ""); }, HPO_ENOTFOUND);
}

TEST_CASE("telling the wrong number of values or a NaN is handled") {
    auto study = make_study({{"space", mixed_space}, {"directions", {"minimize", "maximize"}}});
    const auto first = *study->ask();
    const std::string message = error_of([&] { study->tell(first, HPO_TRIAL_COMPLETE, {1.0}, ""); }, HPO_EINVAL);
    CHECK(message.find("2 objectives") != std::string::npos);
    study->tell(first, HPO_TRIAL_COMPLETE, {1.0, NAN}, "");
    const json trial = study->trials_json()[0];
    CHECK(trial["state"] == "FAIL");
    CHECK(trial["message"].get<std::string>().find("objective value 1 is NaN") != std::string::npos);
}

TEST_CASE("a declared space is sampled whole at ask, conditions applied") {
    auto study = make_study({{"space", mixed_space}, {"seed", 3}});
    bool saw_rbf = false, saw_linear = false;
    for (int i = 0; i < 40; ++i) {
        const auto number = *study->ask();
        const json params = study->params_json(number);
        CHECK(params.contains("c"));
        CHECK(params.contains("degree"));
        if (params["kernel"] == "rbf") {
            saw_rbf = true;
            CHECK(params.contains("gamma"));
        } else {
            saw_linear = true;
            CHECK_FALSE(params.contains("gamma"));
            CHECK(std::isnan(study->param(number, "gamma")));
        }
        study->tell(number, HPO_TRIAL_COMPLETE, {params["c"].get<double>()}, "");
    }
    CHECK(saw_rbf);
    CHECK(saw_linear);
}

TEST_CASE("define-by-run suggestions grow the space and keep one distribution per name") {
    auto study = make_study({{"seed", 5}});
    const auto number = *study->ask();
    const double x = study->suggest(number, "x", {{"type", "float"}, {"low", -1}, {"high", 1}});
    CHECK(x >= -1);
    CHECK(x <= 1);
    CHECK(study->suggest(number, "x", {{"type", "float"}, {"low", -1}, {"high", 1}}) == x);
    const double n = study->suggest(number, "n", {{"type", "int"}, {"low", 1}, {"high", 3}});
    CHECK(n == std::round(n));
    error_of([&] { study->suggest(number, "unknown", nullptr); }, HPO_ENOTFOUND);
    // Another distribution for a known name fails the trial; the study's definition stands.
    const std::string message =
        error_of([&] { study->suggest(number, "x", {{"type", "float"}, {"low", 0}, {"high", 2}}); }, HPO_EINVAL);
    CHECK(message.find("\"x\"") != std::string::npos);
    CHECK(study->trial_json(number)["state"] == "FAIL");
    error_of([&] { study->tell(number, HPO_TRIAL_COMPLETE, {x}, ""); }, HPO_ESTATE);
    CHECK(study->info_json()["space"].size() == 2);
    CHECK(study->info_json()["space"]["x"]["low"] == -1);
    error_of([&] { study->suggest(number, "x", nullptr); }, HPO_ESTATE);
}

TEST_CASE("enqueued parameters come first, define-by-run ones included") {
    auto study = make_study({{"space", {{"c", mixed_space["c"]}}}, {"seed", 2}});
    study->enqueue({{"c", 1.5}, {"later", "b"}});
    error_of([&] { study->enqueue({{"c", 1000.0}}); }, HPO_EINVAL);
    const auto number = *study->ask();
    CHECK(study->param(number, "c") == 1.5);
    const double later = study->suggest(number, "later", {{"type", "categorical"}, {"choices", {"a", "b"}}});
    CHECK(later == 1.0);
    study->tell(number, HPO_TRIAL_COMPLETE, {0.0}, "");
    CHECK(study->params_json(*study->ask())["c"] != 1.5);
}

TEST_CASE("the same seed reproduces a study and another seed does not") {
    auto run = [](uint64_t seed) {
        auto study = make_study({{"space", mixed_space}, {"seed", seed}});
        json all = json::array();
        for (int i = 0; i < 10; ++i) {
            const auto number = *study->ask();
            const double y = study->suggest(number, "y", {{"type", "float"}, {"low", 0}, {"high", 1}});
            study->tell(number, HPO_TRIAL_COMPLETE, {y}, "");
            all.push_back(study->params_json(number));
        }
        return all;
    };
    CHECK(run(11) == run(11));
    CHECK(run(11) != run(12));
}

TEST_CASE("a pruned trial keeps its last intermediate value") {
    auto study = make_study({{"seed", 1}});
    const auto number = *study->ask();
    CHECK_FALSE(study->report(number, 1, 0.9));
    study->report(number, 2, 0.7);
    study->report(number, 2, 0.1);  // a step reported twice keeps its first value
    error_of([&] { study->report(number, -1, 0.5); }, HPO_EINVAL);
    study->tell(number, HPO_TRIAL_PRUNED, {}, "");
    const json trial = study->trials_json()[0];
    CHECK(trial["state"] == "PRUNED");
    CHECK(trial["values"][0] == 0.7);
    CHECK(trial["intermediate_values"]["2"] == 0.7);
}

TEST_CASE("best trial follows the direction and the Pareto front holds the non-dominated") {
    SUBCASE("one objective, maximized") {
        auto study = make_study({{"direction", "maximize"}});
        error_of([&] { study->best_trial_json(); }, HPO_ENOTFOUND);
        for (const double v : {1.0, 3.0, 2.0}) study->tell(*study->ask(), HPO_TRIAL_COMPLETE, {v}, "");
        CHECK(study->best_trial_json()["values"][0] == 3.0);
    }
    SUBCASE("two objectives") {
        auto study = make_study({{"directions", {"minimize", "minimize"}}});
        const std::vector<std::vector<double>> points = {{1, 4}, {2, 2}, {3, 3}, {4, 1}, {2, 5}};
        for (const auto &p : points) study->tell(*study->ask(), HPO_TRIAL_COMPLETE, p, "");
        const json front = study->best_trials_json();
        std::vector<int64_t> numbers;
        for (const auto &t : front) numbers.push_back(t["number"].get<int64_t>());
        CHECK(numbers == std::vector<int64_t>{0, 1, 3});
        error_of([&] { study->best_trial_json(); }, HPO_EINVAL);
    }
}

TEST_CASE("a study config with a mistake is refused with what and where") {
    CHECK(error_of([] { StudyConfig::from_json({{"sampler", "random"}, {"seeed", 1}}); }, HPO_EINVAL)
              .find("\"seeed\"") != std::string::npos);
    CHECK(error_of([] { StudyConfig::from_json({{"directions", {"minimise"}}}); }, HPO_EINVAL)
              .find("\"directions\"[0]") != std::string::npos);
    CHECK(error_of([] { StudyConfig::from_json({{"seed", -3}}); }, HPO_EINVAL).find("seed") != std::string::npos);
    const std::string unknown = error_of([] { make_study({{"sampler", "tpee"}}); }, HPO_ENOTFOUND);
    CHECK(unknown.find("tpee") != std::string::npos);
    CHECK(unknown.find("random") != std::string::npos);
    CHECK(error_of([] { make_study({{"sampler", {{"name", "random"}, {"options", {{"bogus", 1}}}}}}); }, HPO_EINVAL)
              .find("bogus") != std::string::npos);
    // An empty URL is no storage at all, not "in memory".
    CHECK(error_of([] { StudyConfig::from_json({{"storage", ""}}); }, HPO_EINVAL).find("memory:") != std::string::npos);
    CHECK(error_of([] { StudyConfig::from_json({{"name", std::string("a\0b", 3)}}); }, HPO_EINVAL).find("NUL") !=
          std::string::npos);
    CHECK(error_of([] { StudyConfig::from_json({{"heartbeat", {{"interval", 10}, {"grace", 5}}}}); }, HPO_EINVAL)
              .find("longer than its interval") != std::string::npos);
}

TEST_CASE("persistent storages beat hearts unless told not to, and memory has no one to tell") {
    const auto on_disk = StudyConfig::from_json({{"storage", "sqlite:///x.db"}});
    CHECK(on_disk.heartbeat_interval == 10);
    CHECK(on_disk.grace_period == 60);
    CHECK(StudyConfig::from_json({{"storage", "sqlite:///x.db"}, {"heartbeat", false}}).heartbeat_interval == 0);
    CHECK(StudyConfig::from_json({{"storage", "sqlite:///x.db"}, {"heartbeat", {{"grace", 300}}}}).grace_period == 300);
    CHECK(StudyConfig::from_json(json::object()).heartbeat_interval == 0);
}

TEST_CASE("a sampler's error on an enqueued trial fails that trial instead of leaving it running") {
    const json space = {{"x", {{"type", "int"}, {"low", 0}, {"high", 2}}},
                        {"y", {{"type", "float"}, {"low", 0}, {"high", 1}}}};
    auto study = make_study({{"sampler", "grid"}, {"space", space}});
    study->enqueue({{"x", 1}});
    const std::string message = error_of([&] { study->ask(); }, HPO_EINVAL);
    CHECK(message.find("\"y\"") != std::string::npos);
    const json trial = study->trials_json()[0];
    CHECK(trial["state"] == "FAIL");
    CHECK(trial["message"] == message);
}
