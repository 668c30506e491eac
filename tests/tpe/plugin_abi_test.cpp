// The tpe and anneal plugins as the engine loads them: the query entry point, the options
// schema, errors reported through the host, and a proposal through the ops table.
#include "fake_study.hpp"

#include <hpo_test/test_host.hpp>

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include <dlfcn.h>

#include <cmath>
#include <string>

namespace {

struct LoadedPlugin {
    void *library = nullptr;
    const hpo_plugin_info *info = nullptr;

    explicit LoadedPlugin(const std::string &name) {
        for (const char *prefix : {"/libhpo_", "/hpo_"}) {
            library = dlopen((std::string(HPO_TEST_PLUGIN_DIR) + prefix + name + ".so").c_str(),
                             RTLD_NOW | RTLD_LOCAL);
            if (library != nullptr) break;
        }
        REQUIRE_MESSAGE(library != nullptr, "cannot load the " << name << " plugin: " << dlerror());
        auto query = reinterpret_cast<hpo_plugin_query_fn>(dlsym(library, HPO_PLUGIN_QUERY_SYMBOL));
        REQUIRE(static_cast<bool>(query));
        const hpo_plugin_table *table = query(HPO_ABI_VERSION);
        REQUIRE(table != nullptr);
        REQUIRE(table->n_plugins == 1);
        CHECK(query(HPO_ABI_MAKE(HPO_ABI_VERSION_MAJOR + 1, 0)) == nullptr);
        info = &table->plugins[0];
    }
    ~LoadedPlugin() {
        if (library != nullptr) dlclose(library);
    }
    const hpo_sampler_ops &ops() const { return *static_cast<const hpo_sampler_ops *>(info->ops); }
};

} // namespace

TEST_CASE("the sampler plugins describe themselves and their options") {
    for (const char *name : {"tpe", "anneal"}) {
        CAPTURE(name);
        LoadedPlugin plugin(name);
        CHECK(std::string(plugin.info->name) == name);
        CHECK(plugin.info->kind == HPO_PLUGIN_SAMPLER);
        CHECK((plugin.info->flags & HPO_PLUGIN_THREAD_SAFE) != 0);
        const auto schema = nlohmann::json::parse(plugin.info->options_schema_json);
        CHECK(schema.at("n_startup_trials").at("default").is_number_integer());
        CHECK(static_cast<bool>(plugin.ops().sample_independent));
    }
    CHECK(static_cast<bool>(LoadedPlugin("tpe").ops().sample_relative));
    CHECK_FALSE(static_cast<bool>(LoadedPlugin("anneal").ops().sample_relative));
}

TEST_CASE("a plugin refuses a bad option through the host, naming it") {
    LoadedPlugin plugin("tpe");
    hpo::test::TestHost host(1);
    void *self = nullptr;
    CHECK(plugin.ops().create(R"({"n_candidates": 3})", host.get(), &self) == HPO_EINVAL);
    CHECK(self == nullptr);
    CHECK(host.last_error().find("\"n_candidates\"") != std::string::npos);
}

TEST_CASE("a plugin proposes through its ops table and reports bad calls as errors") {
    LoadedPlugin plugin("tpe");
    hpo::test::TestHost host(1);
    void *self = nullptr;
    REQUIRE(plugin.ops().create("{}", host.get(), &self) == HPO_OK);
    hpo::test::FakeStudy study;
    study.add_float("x", 2.0, 3.0);
    const int64_t index = study.add_trial({HPO_TRIAL_RUNNING, {}, {}, {}, {}});
    double x = NAN;
    CHECK(plugin.ops().sample_independent(self, &study.view(), index, 0, &x) == HPO_OK);
    CHECK(x >= 2.0);
    CHECK(x <= 3.0);
    CHECK(plugin.ops().sample_independent(self, &study.view(), index, 5, &x) == HPO_EINVAL);
    CHECK(host.last_error().find("parameter index 5") != std::string::npos);
    plugin.ops().destroy(self);
}
