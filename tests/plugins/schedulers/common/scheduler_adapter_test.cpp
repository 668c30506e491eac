// The schedulers through the ops tables their adapter makes, as the engine calls them: the
// options check at create, errors reported through the host, bad calls refused, attributes
// returned in host memory, and the optional slot left NULL for a class without it.
#include <asha_scheduler.hpp>
#include <hyperband_scheduler.hpp>
#include <median_pruner.hpp>
#include <scheduler_adapter.hpp>

#include <hpo_test/fake_study.hpp>
#include <hpo_test/ops_instance.hpp>
#include <hpo_test/test_host.hpp>

#include <doctest/doctest.h>

#include <cstdlib>
#include <string>

using hpo::schedulers::AshaScheduler;
using hpo::schedulers::HyperbandScheduler;
using hpo::schedulers::MedianPruner;
using hpo::schedulers::SchedulerAdapter;
using hpo::test::FakeStudy;
using hpo::test::TestHost;

namespace {

template <class Scheduler>
const hpo_scheduler_ops &ops() {
    return SchedulerAdapter<Scheduler>::ops;
}

template <class Scheduler>
struct Instance : hpo::test::OpsInstance<hpo_scheduler_ops> {
    explicit Instance(const char *options) : OpsInstance(ops<Scheduler>(), options) {}
};

bool contains(const std::string &text, const std::string &part) {
    return text.find(part) != std::string::npos;
}

} // namespace

TEST_CASE("the adapter describes the scheduler by its about and its kind") {
    const hpo_plugin_info &info = SchedulerAdapter<HyperbandScheduler>::info;
    CHECK(info.kind == HPO_PLUGIN_SCHEDULER);
    CHECK(std::string(info.name) == "hyperband");
    CHECK(info.options_schema_json == HyperbandScheduler::about.options_schema);
    CHECK(info.flags == HPO_PLUGIN_THREAD_SAFE);
    CHECK(info.ops == &ops<HyperbandScheduler>());
}

TEST_CASE("a scheduler refuses bad options at create, naming the option") {
    TestHost host;
    void *self = nullptr;
    SUBCASE("an unknown option") {
        CHECK(ops<AshaScheduler>().create(R"({"reduction_factr": 3})", host.get(), &self) == HPO_EINVAL);
        CHECK(contains(host.last_error(), "unknown option \"reduction_factr\""));
    }
    SUBCASE("a value out of bounds") {
        CHECK(ops<AshaScheduler>().create(R"({"reduction_factor": 1})", host.get(), &self) == HPO_EINVAL);
        CHECK(contains(host.last_error(), "\"reduction_factor\" must be at least 2"));
    }
    SUBCASE("resources out of order") {
        CHECK(ops<AshaScheduler>().create(R"({"min_resource": 9, "max_resource": 3})", host.get(),
                                          &self) == HPO_EINVAL);
        CHECK(contains(host.last_error(), "\"max_resource\" must be at least min_resource (9)"));
    }
    SUBCASE("a wrong type") {
        CHECK(ops<MedianPruner>().create(R"({"n_warmup_steps": "ten"})", host.get(), &self) == HPO_EINVAL);
        CHECK(contains(host.last_error(), "\"n_warmup_steps\" must be of type integer"));
    }
    SUBCASE("malformed JSON") {
        CHECK(ops<MedianPruner>().create("{", host.get(), &self) == HPO_EINVAL);
        CHECK(contains(host.last_error(), "not valid JSON"));
    }
    SUBCASE("a missing required option") {
        CHECK(ops<HyperbandScheduler>().create("{}", host.get(), &self) == HPO_EINVAL);
        CHECK(contains(host.last_error(), "\"max_resource\" is required"));
    }
    CHECK(self == nullptr);
}

TEST_CASE("should_prune reports a study of several objectives as an error, not a throw") {
    const Instance<AshaScheduler> asha("{}");
    FakeStudy study({HPO_MINIMIZE, HPO_MINIMIZE});
    const int64_t trial = study.add_curve(HPO_TRIAL_RUNNING, {{1, 0.5}});
    int32_t prune = -1;
    CHECK(ops<AshaScheduler>().should_prune(asha.self, &study.view(), trial, &prune) == HPO_EINVAL);
    CHECK(contains(asha.host.last_error(), "asha scheduler judges one objective"));
}

TEST_CASE("a trial index outside the view is refused before the scheduler reads it") {
    const Instance<MedianPruner> median("{}");
    FakeStudy study;
    study.add_curve(HPO_TRIAL_RUNNING, {{1, 0.5}});
    int32_t prune = -1;
    for (const int64_t index : {int64_t{-1}, int64_t{1}}) {
        CAPTURE(index);
        CHECK(ops<MedianPruner>().should_prune(median.self, &study.view(), index, &prune) == HPO_EINVAL);
        CHECK(contains(median.host.last_error(), "outside the 1 trials of the study view"));
    }
    CHECK(ops<MedianPruner>().should_prune(median.self, nullptr, 0, &prune) == HPO_EINVAL);
    CHECK(prune == -1);
}

TEST_CASE("only hyperband assigns attributes at trial start, in host memory") {
    const bool median_assigns = ops<MedianPruner>().on_trial_start != nullptr;
    const bool asha_assigns = ops<AshaScheduler>().on_trial_start != nullptr;
    CHECK_FALSE(median_assigns);
    CHECK_FALSE(asha_assigns);

    const Instance<HyperbandScheduler> hyperband(R"({"max_resource": 81})");
    FakeStudy study;
    const int64_t trial = study.start_trial();
    char *attrs = nullptr;
    REQUIRE(ops<HyperbandScheduler>().on_trial_start(hyperband.self, &study.view(), trial, &attrs) == HPO_OK);
    REQUIRE(attrs != nullptr);
    CHECK(std::string(attrs) == R"({"bracket":4})");
    std::free(attrs); // the test host's alloc is malloc
}
