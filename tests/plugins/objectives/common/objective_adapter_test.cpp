// Objectives through the ops tables their adapter makes, as the engine calls them: the options
// check at create, describe in host memory, evaluation's outcomes and errors as statuses, the
// engine's own message kept when a trial API call failed, and describe left NULL for a class
// without it.
#include <benchmarks_objective.hpp>
#include <fake_trial.hpp>
#include <mlp_objective.hpp>
#include <objective_adapter.hpp>

#include <hpo_test/ops_instance.hpp>

#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include <cstdlib>
#include <string>

using hpo::benchmarks::BenchmarksObjective;
using hpo::mlp::MlpObjective;
using hpo::objectives::ObjectiveAdapter;
using hpo::test::FakeTrial;
using hpo::test::TestHost;

namespace {

template <class Objective>
const hpo_objective_ops &ops() {
    return ObjectiveAdapter<Objective>::ops;
}

// An objective of the one shape without describe: its space must be declared by the study.
struct Constant {
    static constexpr hpo::plugin_kit::About about{"constant", "always 1", "{}", 0};
    Constant(const hpo::plugin_kit::Options &, const hpo::plugin_kit::Host &) {}
    int32_t evaluate(const hpo_trial_api &, hpo_trial_ref *, std::span<double> values) const {
        for (double &value : values) value = 1;
        return HPO_OK;
    }
};

template <class Objective>
struct Instance : hpo::test::OpsInstance<hpo_objective_ops> {
    explicit Instance(const char *options) : OpsInstance(ops<Objective>(), options) {}

    int32_t evaluate(FakeTrial &trial, int32_t n_values) {
        const hpo_trial_api api = FakeTrial::api();
        double values[2] = {};
        return ops<Objective>().evaluate(self, &api, trial.ref(), values, n_values);
    }
};

bool contains(const std::string &text, const std::string &part) { return text.find(part) != std::string::npos; }

} // namespace

TEST_CASE("the adapter describes the objective by its about and its kind") {
    const hpo_plugin_info &info = ObjectiveAdapter<BenchmarksObjective>::info;
    CHECK(info.kind == HPO_PLUGIN_OBJECTIVE);
    CHECK(std::string(info.name) == "benchmarks");
    CHECK(info.flags == HPO_PLUGIN_THREAD_SAFE);
    CHECK(info.ops == &ops<BenchmarksObjective>());
}

TEST_CASE("an objective refuses bad options at create, naming them") {
    TestHost host;
    void *self = nullptr;
    CHECK(ops<BenchmarksObjective>().create(R"({"function": "himmelblau"})", host.get(), &self) == HPO_EINVAL);
    CHECK(contains(host.last_error(), "available: branin, hartmann6"));
    CHECK(ops<MlpObjective>().create(R"({"epochs": 3})", host.get(), &self) == HPO_EINVAL);
    CHECK(contains(host.last_error(), "unknown option \"epochs\""));
    CHECK(self == nullptr);
}

TEST_CASE("describe hands its JSON over in host memory, and is NULL for a class without it") {
    Instance<BenchmarksObjective> branin(R"({"function": "branin"})");
    char *text = nullptr;
    REQUIRE(ops<BenchmarksObjective>().describe(branin.self, &text) == HPO_OK);
    CHECK(nlohmann::json::parse(text)["directions"] == nlohmann::json{"minimize"});
    std::free(text); // the test host's alloc is malloc

    const bool describes = ops<Constant>().describe != nullptr;
    CHECK_FALSE(describes);
}

TEST_CASE("evaluate returns the objective's outcome and turns its errors into statuses") {
    SUBCASE("a pruned training") {
        Instance<MlpObjective> mlp(R"({"max_epochs": 5})");
        FakeTrial trial{{{"n_layers", 1}, {"units_0", 4}, {"activation", 0}, {"learning_rate", 1e-2},
                         {"batch_size", 3}, {"dropout", 0}, {"weight_decay", 1e-6}, {"optimizer", 1}}};
        trial.prune_from_step = 1;
        CHECK(mlp.evaluate(trial, 1) == HPO_PRUNED);
    }
    SUBCASE("room for another number of values") {
        Instance<BenchmarksObjective> zdt1(R"({"function": "zdt1"})");
        FakeTrial trial;
        CHECK(zdt1.evaluate(trial, 1) == HPO_EINVAL);
        CHECK(contains(zdt1.host.last_error(), "the function has 2 objectives"));
    }
    SUBCASE("a failed trial API call returns its status and keeps the engine's message") {
        Instance<BenchmarksObjective> branin(R"({"function": "branin"})");
        FakeTrial trial;
        trial.suggest_status = HPO_ESTATE;
        branin.host.get()->set_error(branin.host.get()->engine, "the engine's own words");
        CHECK(branin.evaluate(trial, 1) == HPO_ESTATE);
        CHECK(branin.host.last_error() == "the engine's own words");
    }
}
