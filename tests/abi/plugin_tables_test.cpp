// Every plugin library of this tree, loaded as the engine loads it: it answers this ABI with
// the table of the plugins listed below (their kinds, names and flags are part of what users
// rely on), declines an older or another major version, and an engine that offers only 1.0
// refuses it with a reason naming the versions.
#include "plugin_check.hpp"
#include "registry.hpp"

#include <doctest/doctest.h>

#include <dlfcn.h>

#include <filesystem>
#include <map>
#include <string>
#include <vector>

namespace fs = std::filesystem;

namespace {

struct Expected {
    int32_t kind;
    std::string name;
    uint32_t flags;
};

// Every in-tree plugin, by the library that holds it (postgres holds one per URL scheme).
const std::map<std::string, std::vector<Expected>> in_tree = {
    {"libhpo_random.so", {{HPO_PLUGIN_SAMPLER, "random", HPO_PLUGIN_THREAD_SAFE}}},
    {"libhpo_grid.so", {{HPO_PLUGIN_SAMPLER, "grid", 0}}},
    {"libhpo_tpe.so", {{HPO_PLUGIN_SAMPLER, "tpe", HPO_PLUGIN_THREAD_SAFE}}},
    {"libhpo_anneal.so", {{HPO_PLUGIN_SAMPLER, "anneal", HPO_PLUGIN_THREAD_SAFE}}},
    {"libhpo_gp.so", {{HPO_PLUGIN_SAMPLER, "gp", 0}}},
    {"libhpo_genetic.so", {{HPO_PLUGIN_SAMPLER, "genetic", HPO_PLUGIN_THREAD_SAFE}}},
    {"libhpo_nsga2.so", {{HPO_PLUGIN_SAMPLER, "nsga2", HPO_PLUGIN_THREAD_SAFE}}},
    {"libhpo_cmaes.so", {{HPO_PLUGIN_SAMPLER, "cmaes", HPO_PLUGIN_THREAD_SAFE}}},
    {"libhpo_median.so", {{HPO_PLUGIN_SCHEDULER, "median", HPO_PLUGIN_THREAD_SAFE}}},
    {"libhpo_asha.so", {{HPO_PLUGIN_SCHEDULER, "asha", HPO_PLUGIN_THREAD_SAFE}}},
    {"libhpo_hyperband.so", {{HPO_PLUGIN_SCHEDULER, "hyperband", HPO_PLUGIN_THREAD_SAFE}}},
    {"libhpo_sqlite.so", {{HPO_PLUGIN_STORAGE, "sqlite", HPO_PLUGIN_THREAD_SAFE}}},
    {"libhpo_journal.so", {{HPO_PLUGIN_STORAGE, "journal", HPO_PLUGIN_THREAD_SAFE}}},
    {"libhpo_postgres.so",
     {{HPO_PLUGIN_STORAGE, "postgresql", HPO_PLUGIN_THREAD_SAFE}, {HPO_PLUGIN_STORAGE, "postgres", HPO_PLUGIN_THREAD_SAFE}}},
    {"libhpo_threads.so", {{HPO_PLUGIN_RUNNER, "threads", HPO_PLUGIN_THREAD_SAFE}}},
    {"libhpo_process.so", {{HPO_PLUGIN_RUNNER, "process", HPO_PLUGIN_THREAD_SAFE}}},
    {"libhpo_gpu.so", {{HPO_PLUGIN_RUNNER, "gpu", HPO_PLUGIN_THREAD_SAFE}}},
    {"libhpo_benchmarks.so", {{HPO_PLUGIN_OBJECTIVE, "benchmarks", HPO_PLUGIN_THREAD_SAFE}}},
    {"libhpo_mlp.so", {{HPO_PLUGIN_OBJECTIVE, "mlp", HPO_PLUGIN_THREAD_SAFE}}},
    {"libhpo_command.so", {{HPO_PLUGIN_OBJECTIVE, "command", HPO_PLUGIN_THREAD_SAFE}}},
#ifdef HPO_TEST_CUDA_LOGREG_BUILT  // built only where CMake finds CUDA
    {"libhpo_cuda_logreg.so", {{HPO_PLUGIN_OBJECTIVE, "cuda_logreg", HPO_PLUGIN_THREAD_SAFE}}},
#endif
};

std::vector<fs::path> built_libraries() {
    std::vector<fs::path> files;
    for (const auto &entry : fs::directory_iterator(HPO_TEST_PLUGIN_DIR)) {
        if (entry.path().extension() == ".so") files.push_back(entry.path());
    }
    return files;
}

}  // namespace

TEST_CASE("every in-tree plugin library answers this ABI with its plugins and declines older and other versions") {
    std::size_t seen = 0;
    for (const fs::path &file : built_libraries()) {
        CAPTURE(file);
        const auto expected = in_tree.find(file.filename().string());
        REQUIRE_MESSAGE(expected != in_tree.end(), "a plugin library this test does not know: add it");
        void *library = dlopen(file.c_str(), RTLD_NOW | RTLD_LOCAL);
        REQUIRE_MESSAGE(library, dlerror());
        const auto query = reinterpret_cast<hpo_plugin_query_fn>(dlsym(library, HPO_PLUGIN_QUERY_SYMBOL));
        REQUIRE(static_cast<bool>(query));
        const hpo_plugin_table *table = query(HPO_ABI_VERSION);
        REQUIRE(table != nullptr);
        CHECK(hpo::check_plugin_table(table, HPO_ABI_VERSION) == std::nullopt);
        CHECK(table->abi_version == HPO_ABI_VERSION);
        REQUIRE(table->n_plugins == static_cast<int32_t>(expected->second.size()));
        for (int32_t at = 0; at < table->n_plugins; ++at) {
            const hpo_plugin_info &info = hpo::plugin_info_at(*table, at);
            const Expected &plugin = expected->second[static_cast<std::size_t>(at)];
            CHECK(std::string(info.name) == plugin.name);
            CHECK(info.kind == plugin.kind);
            CHECK(info.flags == plugin.flags);
        }
        CHECK(query(HPO_ABI_MAKE(1, 0)) == nullptr);
        CHECK(query(HPO_ABI_MAKE(HPO_ABI_VERSION_MAJOR + 1, 0)) == nullptr);
        dlclose(library);
        ++seen;
    }
    CHECK(seen == in_tree.size());
}

TEST_CASE("an engine that offers only ABI 1.0 refuses each in-tree library with the versions") {
    hpo::Registry old_engine(false, HPO_ABI_MAKE(1, 0));
    old_engine.add_path(HPO_TEST_PLUGIN_DIR);
    const auto listing = old_engine.to_json();
    CHECK(listing["loaded"].empty());
    REQUIRE(listing["refused"].size() == in_tree.size());
    for (const auto &refused : listing["refused"]) {
        CAPTURE(refused.dump());
        CHECK(refused["reason"] == "declined every ABI version the engine offers (engine speaks 1.0)");
    }
    CHECK_THROWS_WITH(old_engine.find(HPO_PLUGIN_SAMPLER, "tpe"),
                      doctest::Contains("libhpo_tpe.so was refused: declined every ABI version the engine offers"));
}
