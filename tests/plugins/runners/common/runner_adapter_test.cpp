// A runner through the ops table its adapter makes, as the engine calls it: the options check
// at create, and a failed run's status and message handed back through the host.
#include <runner_adapter.hpp>
#include <threads_runner.hpp>

#include <hpo_test/test_host.hpp>

#include <doctest/doctest.h>

#include <string>

using hpo::runners::RunnerAdapter;
using hpo::runners::ThreadsRunner;
using hpo::test::TestHost;

namespace {

const hpo_runner_ops &ops() { return RunnerAdapter<ThreadsRunner>::ops; }

bool contains(const std::string &text, const std::string &part) { return text.find(part) != std::string::npos; }

// A runner host whose first trial cannot start.
hpo_runner_host failing_host() {
    hpo_runner_host host{};
    host.struct_size = sizeof host;
    host.next_trial = [](void *, int32_t, hpo_trial_ref **) { return int32_t{HPO_EIO}; };
    host.evaluate = [](void *, hpo_trial_ref *) { return int32_t{HPO_OK}; };
    return host;
}

} // namespace

TEST_CASE("the adapter describes the runner by its about and its kind") {
    const hpo_plugin_info &info = RunnerAdapter<ThreadsRunner>::info;
    CHECK(info.kind == HPO_PLUGIN_RUNNER);
    CHECK(std::string(info.name) == "threads");
    CHECK(info.flags == HPO_PLUGIN_THREAD_SAFE);
    CHECK(info.ops == &ops());
}

TEST_CASE("a runner refuses bad options at create, naming them") {
    TestHost host;
    void *self = nullptr;
    for (const char *options : {R"({"n_jobs": 0})", R"({"n_jobs": -2})", R"({"n_jobs": "4"})", R"({"n_jobs": 1.5})"}) {
        CAPTURE(options);
        CHECK(ops().create(options, host.get(), &self) == HPO_EINVAL);
        CHECK(contains(host.last_error(), "\"n_jobs\""));
    }
    CHECK(ops().create(R"({"jobs": 2})", host.get(), &self) == HPO_EINVAL);
    CHECK(contains(host.last_error(), R"("jobs")"));
    CHECK(self == nullptr);
}

TEST_CASE("a failed run returns its status and says why through the host") {
    TestHost host;
    void *self = nullptr;
    REQUIRE(ops().create(R"({"n_jobs": 2})", host.get(), &self) == HPO_OK);
    const hpo_runner_host runner_host = failing_host();
    CHECK(ops().run(self, &runner_host) == HPO_EIO);
    CHECK(contains(host.last_error(), "next_trial failed with status -8"));

    hpo_runner_host incomplete = failing_host();
    incomplete.evaluate = nullptr;
    CHECK(ops().run(self, &incomplete) == HPO_EINVAL);
    CHECK(ops().run(self, nullptr) == HPO_EINVAL);
    ops().destroy(self);
}
