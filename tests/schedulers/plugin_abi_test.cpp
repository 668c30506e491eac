// The built scheduler libraries, loaded as the engine loads them: the query, the options
// check at create, errors reported through the host, attributes returned in host memory.
#include "fake_study.hpp"

#include <hpo_test/test_host.hpp>

#include <doctest/doctest.h>

#include <dlfcn.h>

#include <cstdlib>
#include <map>
#include <string>

using hpo::test::TestHost;
using hpo::test::FakeStudy;

namespace {

const std::map<std::string, std::string> library_files{
    {"median", MEDIAN_LIBRARY}, {"asha", ASHA_LIBRARY}, {"hyperband", HYPERBAND_LIBRARY}};

// One scheduler library, opened from the build tree's plugin folder.
class SchedulerLibrary {
public:
    explicit SchedulerLibrary(const std::string &name)
        : handle_(dlopen(library_files.at(name).c_str(), RTLD_NOW | RTLD_LOCAL)) {
        REQUIRE_MESSAGE(handle_ != nullptr, std::string(dlerror()));
        query_ = reinterpret_cast<hpo_plugin_query_fn>(dlsym(handle_, HPO_PLUGIN_QUERY_SYMBOL));
        const bool exported = query_ != nullptr;
        REQUIRE_MESSAGE(exported, "no " HPO_PLUGIN_QUERY_SYMBOL);
    }
    ~SchedulerLibrary() { dlclose(handle_); }
    SchedulerLibrary(const SchedulerLibrary &) = delete;
    SchedulerLibrary &operator=(const SchedulerLibrary &) = delete;

    [[nodiscard]] const hpo_plugin_table *query(uint32_t abi) const { return query_(abi); }

    [[nodiscard]] const hpo_scheduler_ops &ops() const {
        const hpo_plugin_table *table = query(HPO_ABI_VERSION);
        REQUIRE(table != nullptr);
        return *static_cast<const hpo_scheduler_ops *>(table->plugins[0].ops);
    }

private:
    void *handle_;
    hpo_plugin_query_fn query_;
};

} // namespace

TEST_CASE("each scheduler library offers one scheduler of its name to an engine of its ABI") {
    for (const std::string name : {"median", "asha", "hyperband"}) {
        CAPTURE(name);
        const SchedulerLibrary library(name);
        const hpo_plugin_table *table = library.query(HPO_ABI_VERSION);
        REQUIRE(table != nullptr);
        CHECK(table->abi_version == HPO_ABI_VERSION);
        REQUIRE(table->n_plugins == 1);
        const hpo_plugin_info &info = table->plugins[0];
        CHECK(info.kind == HPO_PLUGIN_SCHEDULER);
        CHECK(std::string(info.name) == name);
        const bool halves = std::string(info.options_schema_json).find("reduction_factor") !=
                            std::string::npos;
        CHECK(halves == (name != "median"));
        CHECK(library.query(HPO_ABI_MAKE(HPO_ABI_VERSION_MAJOR + 1, 0)) == nullptr);
    }
}

TEST_CASE("a scheduler refuses bad options at create, naming the option") {
    TestHost host;
    void *self = nullptr;
    SUBCASE("an unknown option") {
        const SchedulerLibrary library("asha");
        CHECK(library.ops().create(R"({"reduction_factr": 3})", host.get(), &self) == HPO_EINVAL);
        CHECK(host.last_error().find("unknown option \"reduction_factr\"") != std::string::npos);
    }
    SUBCASE("a value out of bounds") {
        const SchedulerLibrary library("asha");
        CHECK(library.ops().create(R"({"reduction_factor": 1})", host.get(), &self) == HPO_EINVAL);
        CHECK(host.last_error().find("\"reduction_factor\" must be at least 2") != std::string::npos);
    }
    SUBCASE("resources out of order") {
        const SchedulerLibrary library("asha");
        CHECK(library.ops().create(R"({"min_resource": 9, "max_resource": 3})", host.get(),
                                   &self) == HPO_EINVAL);
        CHECK(host.last_error().find("\"max_resource\" must be at least min_resource (9)") !=
              std::string::npos);
    }
    SUBCASE("a wrong type") {
        const SchedulerLibrary library("median");
        CHECK(library.ops().create(R"({"n_warmup_steps": "ten"})", host.get(), &self) ==
              HPO_EINVAL);
        CHECK(host.last_error().find("\"n_warmup_steps\" must be of type integer") !=
              std::string::npos);
    }
    SUBCASE("malformed JSON") {
        const SchedulerLibrary library("median");
        CHECK(library.ops().create("{", host.get(), &self) == HPO_EINVAL);
        CHECK(host.last_error().find("not valid JSON") != std::string::npos);
    }
    SUBCASE("a missing required option") {
        const SchedulerLibrary library("hyperband");
        CHECK(library.ops().create("{}", host.get(), &self) == HPO_EINVAL);
        CHECK(host.last_error().find("\"max_resource\" is required") != std::string::npos);
    }
    CHECK(self == nullptr);
}

TEST_CASE("should_prune reports a study of several objectives as an error, not a throw") {
    TestHost host;
    const SchedulerLibrary library("asha");
    void *self = nullptr;
    REQUIRE(library.ops().create("{}", host.get(), &self) == HPO_OK);
    FakeStudy study(HPO_MINIMIZE, 2);
    const int64_t trial = study.add(HPO_TRIAL_RUNNING, {{1, 0.5}});
    int32_t prune = -1;
    CHECK(library.ops().should_prune(self, &study.view(), trial, &prune) == HPO_EINVAL);
    CHECK(host.last_error().find("asha scheduler judges one objective") != std::string::npos);
    library.ops().destroy(self);
}

TEST_CASE("only hyperband assigns attributes at trial start, in host memory") {
    TestHost host;
    FakeStudy study;
    const int64_t trial = study.add(HPO_TRIAL_RUNNING);
    for (const std::string name : {"median", "asha"}) {
        CAPTURE(name);
        const bool assigns = SchedulerLibrary(name).ops().on_trial_start != nullptr;
        CHECK_FALSE(assigns);
    }

    const SchedulerLibrary library("hyperband");
    void *self = nullptr;
    REQUIRE(library.ops().create(R"({"max_resource": 81})", host.get(), &self) == HPO_OK);
    char *attrs = nullptr;
    REQUIRE(library.ops().on_trial_start(self, &study.view(), trial, &attrs) == HPO_OK);
    REQUIRE(attrs != nullptr);
    CHECK(std::string(attrs) == R"({"bracket":4})");
    std::free(attrs); // the fake host's alloc is malloc
    library.ops().destroy(self);
}
