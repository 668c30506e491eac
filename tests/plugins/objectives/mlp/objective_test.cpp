// The mlp objective through the trial API: its space, suggestions, per-epoch reports,
// stopping on the scheduler's word, bad options.
#include <fake_trial.hpp>
#include <hpo_test/make_plugin.hpp>
#include <hyperparameters.hpp>
#include <mlp_objective.hpp>
#include <trial_api_error.hpp>

#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include <span>
#include <string>

using hpo::mlp::MlpObjective;
using hpo::plugin_kit::InvalidOption;
using hpo::test::FakeTrial;

namespace {

MlpObjective objective(const std::string &options, uint64_t seed = 3) {
    const hpo::test::TestHost host(seed); // the objective keeps only its seed
    return hpo::test::make_plugin<MlpObjective>(options, host);
}

// A small, quick configuration in internal values (categorical choice indices).
FakeTrial small_trial(int64_t number = 0) {
    FakeTrial trial;
    trial.number = number;
    trial.params = {{"n_layers", 2},      {"units_0", 12},     {"units_1", 6},
                    {"activation", 0},    {"learning_rate", 5e-3}, {"batch_size", 1},
                    {"dropout", 0.1},     {"weight_decay", 1e-5},  {"optimizer", 1}};
    return trial;
}

} // namespace

TEST_CASE("the objective declares its space with per-layer units conditional on n_layers") {
    const auto described = nlohmann::json::parse(objective("{}").describe());
    CHECK(described["directions"] == nlohmann::json{"minimize"});
    const auto &space = described["space"];
    CHECK(space.size() == 10);
    CHECK(space["units_0"].contains("condition") == false);
    CHECK(space["units_1"]["condition"] == nlohmann::json{{"n_layers", {2, 3}}});
    CHECK(space["units_2"]["condition"] == nlohmann::json{{"n_layers", {3}}});
    CHECK(space["batch_size"]["choices"] == nlohmann::json{16, 32, 64, 128});
    CHECK(space["learning_rate"]["log"] == true);
}

TEST_CASE("a trial suggests the active parameters and reports after every epoch") {
    FakeTrial trial = small_trial();
    const hpo_trial_api api = FakeTrial::api();
    double value = 0;
    REQUIRE(objective(R"({"max_epochs": 4})").evaluate(api, trial.ref(), std::span<double>(&value, 1)) == HPO_OK);

    CHECK(trial.distributions.count("units_1") == 1);
    CHECK(trial.distributions.count("units_2") == 0); // two layers: units_2 is inactive
    CHECK(nlohmann::json::parse(trial.distributions["units_1"]) ==
          nlohmann::json(hpo::mlp::search_space()["units_1"]));
    REQUIRE(trial.reports.size() == 4);
    for (size_t i = 0; i < trial.reports.size(); ++i) CHECK(trial.reports[i].first == int64_t(i) + 1);
    CHECK(value == trial.reports.back().second);
    CHECK(trial.reports.back().second < trial.reports.front().second);
}

TEST_CASE("the objective stops when told, keeping the last value") {
    FakeTrial trial = small_trial();
    trial.prune_from_step = 2;
    const hpo_trial_api api = FakeTrial::api();
    double value = 0;
    CHECK(objective(R"({"max_epochs": 9})").evaluate(api, trial.ref(), std::span<double>(&value, 1)) == HPO_PRUNED);
    REQUIRE(trial.reports.size() == 2);
    CHECK(value == trial.reports.back().second);
}

TEST_CASE("the result depends on the seed and the trial number, reproducibly") {
    const hpo_trial_api api = FakeTrial::api();
    const auto run = [&](uint64_t seed, int64_t number) {
        FakeTrial trial = small_trial(number);
        double value = 0;
        REQUIRE(objective(R"({"max_epochs": 2})", seed).evaluate(api, trial.ref(), std::span<double>(&value, 1)) ==
                HPO_OK);
        return value;
    };
    const double reference = run(3, 0);
    CHECK(run(3, 0) == reference);
    CHECK(run(3, 1) != reference);
    CHECK(run(4, 0) != reference);
}

TEST_CASE("the val_error metric reports the fraction misclassified") {
    FakeTrial trial = small_trial();
    const hpo_trial_api api = FakeTrial::api();
    double value = -1;
    REQUIRE(objective(R"({"max_epochs": 3, "metric": "val_error"})")
                .evaluate(api, trial.ref(), std::span<double>(&value, 1)) == HPO_OK);
    CHECK(value >= 0);
    CHECK(value < 0.15);
    // 113 validation examples: every error rate is a multiple of 1/113.
    CHECK(value * 113 == doctest::Approx(std::round(value * 113)));
}

TEST_CASE("the objective passes the engine's refusals on and refuses what it cannot do") {
    const hpo_trial_api api = FakeTrial::api();
    double values[2] = {};
    SUBCASE("a failed report returns the engine's status") {
        FakeTrial trial = small_trial();
        trial.report_status = HPO_ESTATE;
        CHECK_THROWS_AS((void)objective(R"({"max_epochs": 2})").evaluate(api, trial.ref(), std::span<double>(values, 1)),
                        hpo::objectives::TrialApiError);
    }
    SUBCASE("a failed suggestion names the parameter") {
        FakeTrial trial = small_trial();
        trial.params.erase("dropout");
        CHECK_THROWS_WITH((void)objective("{}").evaluate(api, trial.ref(), std::span<double>(values, 1)),
                          doctest::Contains("\"dropout\""));
    }
    SUBCASE("several objectives") {
        FakeTrial trial = small_trial();
        CHECK_THROWS_WITH_AS((void)objective("{}").evaluate(api, trial.ref(), std::span<double>(values, 2)),
                             doctest::Contains("gives 1 value"), std::invalid_argument);
    }
}

TEST_CASE("the objective refuses bad options, naming them") {
    CHECK_THROWS_WITH_AS(objective(R"({"epochs": 3})"), doctest::Contains("unknown option \"epochs\""),
                         InvalidOption);
    CHECK_THROWS_WITH_AS(objective(R"({"max_epochs": 0})"),
                         doctest::Contains("\"max_epochs\" must be at least 1"), InvalidOption);
    CHECK_THROWS_WITH_AS(objective(R"({"metric": "accuracy"})"),
                         doctest::Contains("\"metric\" must be one of"), InvalidOption);
}
