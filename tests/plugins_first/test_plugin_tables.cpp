// Each built plugin library, loaded as the engine loads it, exports a table naming its plugin
// with the right kind and flags, and refuses an ABI of another major version.
#include <hpo/plugin.h>

#include <doctest/doctest.h>

#include <dlfcn.h>

#include <string>

namespace {

struct Expected {
    const char *file;
    const char *name;
    int32_t kind;
    uint32_t flags;
};

}  // namespace

TEST_CASE("each plugin library exports its table and refuses another major ABI version") {
    for (const Expected &expected : {Expected{"libhpo_random.so", "random", HPO_PLUGIN_SAMPLER, HPO_PLUGIN_THREAD_SAFE},
                                     Expected{"libhpo_grid.so", "grid", HPO_PLUGIN_SAMPLER, 0},
                                     Expected{"libhpo_threads.so", "threads", HPO_PLUGIN_RUNNER, HPO_PLUGIN_THREAD_SAFE},
                                     Expected{"libhpo_benchmarks.so", "benchmarks", HPO_PLUGIN_OBJECTIVE,
                                              HPO_PLUGIN_THREAD_SAFE}}) {
        CAPTURE(expected.file);
        const std::string path = std::string(HPO_TEST_PLUGIN_DIR) + "/" + expected.file;
        void *library = dlopen(path.c_str(), RTLD_NOW | RTLD_LOCAL);
        REQUIRE_MESSAGE(library, dlerror());
        const auto query = reinterpret_cast<hpo_plugin_query_fn>(dlsym(library, HPO_PLUGIN_QUERY_SYMBOL));
        REQUIRE_MESSAGE(static_cast<bool>(query), "no " HPO_PLUGIN_QUERY_SYMBOL);
        const hpo_plugin_table *table = query(HPO_ABI_VERSION);
        REQUIRE(table);
        CHECK(table->abi_version == HPO_ABI_VERSION);
        REQUIRE(table->n_plugins == 1);
        const hpo_plugin_info &info = table->plugins[0];
        CHECK(std::string(info.name) == expected.name);
        CHECK(info.kind == expected.kind);
        CHECK(info.flags == expected.flags);
        CHECK(info.ops != nullptr);
        CHECK(query(HPO_ABI_MAKE(HPO_ABI_VERSION_MAJOR + 1, 0)) == nullptr);
        dlclose(library);
    }
}
