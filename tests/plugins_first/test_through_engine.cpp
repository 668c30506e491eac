// The first plugins driven by the engine through hpo.h, as a user drives them: the grid with
// parallel workers, a conditional grid over the mixed benchmark, random search on Branin.
#include <hpo/hpo.h>

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include <set>
#include <string>

namespace {

using json = nlohmann::json;

// An engine that finds the plugins of this build tree, and studies made from it.
class Engine {
public:
    Engine() {
        const std::string options = json{{"plugin_paths", {HPO_TEST_PLUGIN_DIR}}}.dump();
        REQUIRE_MESSAGE(hpo_engine_new(options.c_str(), &engine_) == HPO_OK, hpo_last_error());
    }
    ~Engine() {
        for (hpo_study *study : studies_) hpo_study_free(study);
        hpo_engine_free(engine_);
    }

    hpo_study *study(const json &config) {
        hpo_study *study = nullptr;
        REQUIRE_MESSAGE(hpo_study_create(engine_, config.dump().c_str(), &study) == HPO_OK, hpo_last_error());
        studies_.insert(study);
        return study;
    }

private:
    hpo_engine *engine_ = nullptr;
    std::set<hpo_study *> studies_;
};

// The JSON a getter such as hpo_study_trials_json gives, parsed and freed.
json get_json(int32_t (*getter)(hpo_study *, char **), hpo_study *study) {
    char *text = nullptr;
    REQUIRE_MESSAGE(getter(study, &text) == HPO_OK, hpo_last_error());
    json out = json::parse(text);
    hpo_string_free(text);
    return out;
}

json trials_of(hpo_study *study) { return get_json(hpo_study_trials_json, study); }

json best_of(hpo_study *study) { return get_json(hpo_study_best_trial_json, study); }

}  // namespace

TEST_CASE("the grid runs each configuration once on four threads, then the run ends") {
    Engine engine;
    hpo_study *study = engine.study({{"space", {{"n", {{"type", "int"}, {"low", 0}, {"high", 4}}},
                                                {"k", {{"type", "categorical"}, {"choices", {"a", "b", "c"}}}}}},
                                     {"sampler", "grid"},
                                     {"seed", 3}});
    const auto objective = [](hpo_trial *trial, double *out, size_t, void *) {
        return hpo_trial_param(trial, "n", out);
    };
    REQUIRE_MESSAGE(hpo_study_optimize(study, objective, R"({"n_trials": 100, "n_jobs": 4})", nullptr) == HPO_OK,
                    hpo_last_error());
    std::set<std::string> configurations;
    for (const auto &trial : trials_of(study)) {
        CHECK(trial["state"] == "COMPLETE");
        configurations.insert(trial["params"].dump());
    }
    CHECK(trials_of(study).size() == 15);
    CHECK(configurations.size() == 15);
}

TEST_CASE("a grid over the mixed benchmark enumerates its conditional branches and finds the optimum") {
    Engine engine;
    hpo_study *study = engine.study(
        {{"sampler", {{"name", "grid"}, {"options", {{"values", {{"lr", {0.001, 0.01, 0.1}}, {"x", {1.5}}, {"a", {0.0}}}}}}}},
         {"seed", 3}});
    REQUIRE_MESSAGE(hpo_study_optimize_plugin(study, R"({"name": "benchmarks", "options": {"function": "mixed"}})",
                                              R"({"n_trials": 1000, "n_jobs": 2})") == HPO_OK,
                    hpo_last_error());
    // quadratic: 3 lr x 11 n x 1 x; ackley: 3 lr x 11 n x 1 a x 7 b.
    CHECK(trials_of(study).size() == 33 + 231);
    const json best = best_of(study);
    CHECK(best["values"][0].get<double>() == doctest::Approx(0).scale(1));
    CHECK(best["params"] == json::parse(R"({"kind": "ackley", "lr": 0.01, "n": 7, "a": 0.0, "b": 0})"));
}

TEST_CASE("random search on Branin with four threads completes every trial above the optimum") {
    Engine engine;
    hpo_study *study = engine.study({{"sampler", "random"}, {"seed", 5}});
    REQUIRE_MESSAGE(hpo_study_optimize_plugin(study, R"({"name": "benchmarks", "options": {"function": "branin"}})",
                                              R"({"n_trials": 200, "n_jobs": 4})") == HPO_OK,
                    hpo_last_error());
    const json trials = trials_of(study);
    CHECK(trials.size() == 200);
    for (const auto &trial : trials) CHECK(trial["state"] == "COMPLETE");
    const double best = best_of(study)["values"][0].get<double>();
    CHECK(best >= 0.397887 - 1e-6);
    CHECK(best < 3);  // 200 uniform draws land close to one of Branin's three minima
}
