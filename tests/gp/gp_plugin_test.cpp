// The built plugin through its C ABI, loaded as the engine loads it.
#include "fake_study.hpp"

#include <hpo/plugin.h>
#include <hpo_test/test_host.hpp>

#include <doctest/doctest.h>

#include <dlfcn.h>

#include <cmath>
#include <string>

using namespace hpo::gp::testing;

namespace {

const hpo_plugin_info &load_gp() {
    static void *library = dlopen(HPO_TEST_PLUGIN_DIR "/libhpo_gp.so", RTLD_NOW | RTLD_LOCAL);
    REQUIRE_MESSAGE(library != nullptr, dlerror());
    void *symbol = dlsym(library, HPO_PLUGIN_QUERY_SYMBOL);
    REQUIRE(symbol != nullptr);
    auto query = reinterpret_cast<hpo_plugin_query_fn>(symbol);
    const hpo_plugin_table *table = query(HPO_ABI_VERSION);
    REQUIRE(table != nullptr);
    REQUIRE(table->n_plugins == 1);
    return table->plugins[0];
}

}  // namespace

TEST_CASE("the gp plugin refuses bad options with a status and a message naming them") {
    const hpo_plugin_info &info = load_gp();
    CHECK(std::string(info.name) == "gp");
    CHECK(info.kind == HPO_PLUGIN_SAMPLER);
    const auto *ops = static_cast<const hpo_sampler_ops *>(info.ops);
    const hpo::test::TestHost host(17);
    void *self = nullptr;
    CHECK(ops->create(R"({"liar": "sometimes"})", host.get(), &self) == HPO_EINVAL);
    CHECK(host.last_error().find(R"("liar")") != std::string::npos);
}

TEST_CASE("the gp plugin samples through its C operations") {
    const auto *ops = static_cast<const hpo_sampler_ops *>(load_gp().ops);
    const hpo::test::TestHost host(17);
    void *self = nullptr;
    REQUIRE(ops->create(R"({"n_startup_trials": 2})", host.get(), &self) == HPO_OK);
    FakeStudy study({float_param("x", -1, 1)});
    const std::vector<int32_t> subspace = study.all_params();
    for (int i = 0; i < 4; ++i) {
        const int64_t t = study.start_trial();
        double x = NAN;
        REQUIRE(ops->sample_relative(self, &study.view(), t, subspace.data(), 1, &x) == HPO_OK);
        CHECK(std::abs(x) <= 1.0);
        study.params_of(t)[0] = x;
        study.complete(t, {x * x});
    }
    double y = NAN;
    CHECK(ops->sample_independent(self, &study.view(), 0, 5, &y) == HPO_EINVAL);
    CHECK(host.last_error().find("parameter index 5") != std::string::npos);
    ops->destroy(self);
}
