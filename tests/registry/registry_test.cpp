// The plugin registry against real plugin libraries: a good one, and one deliberately broken
// library per way the ABI can be violated (built from ./plugins into a test-only folder).
#include "error.hpp"
#include "plugin_check.hpp"
#include "registry.hpp"

#include <doctest/doctest.h>
#include <hpo_test/fake_study.hpp>
#include <hpo_test/test_host.hpp>

#include <dlfcn.h>
#include <stdlib.h>

#include <cmath>
#include <fstream>
#include <memory>
#include <string>
#include <vector>

namespace fs = std::filesystem;
using nlohmann::json;

namespace {

const fs::path plugin_dir = REGISTRY_TEST_PLUGIN_DIR;

fs::path plugin_file(const std::string &stem) { return plugin_dir / ("lib" + stem + ".so"); }

// The reason a library was refused, or "(not refused)".
std::string refusal_of(const hpo::Registry &registry, const fs::path &file) {
    const json listing = registry.to_json();
    for (const json &refused : listing["refused"])
        if (refused["file"] == file.string()) return refused["reason"];
    return "(not refused)";
}

// The error a call throws; fails the test when it throws none.
template <class F>
hpo::Error error_of(F &&call) {
    try {
        call();
    } catch (const hpo::Error &error) {
        return error;
    }
    FAIL("expected an hpo::Error");
    return hpo::Error(HPO_OK, "");
}

// What the sampler of libgood.so proposes for x with the given options, or the host's error.
std::string sample_with(const hpo_sampler_ops &ops, const char *options_json) {
    hpo::test::TestHost host(42);
    hpo::test::FakeStudy study;
    study.add_float("x", 0, 10);
    void *self = nullptr;
    if (ops.create(options_json, host.get(), &self) != HPO_OK) return "error: " + host.last_error();
    double value = NAN;
    int32_t status = ops.sample_independent(self, &study.view(), 0, 0, &value);
    ops.destroy(self);
    return status == HPO_OK ? std::to_string(value) : "status " + std::to_string(status);
}

// Whether the dynamic loader still has the library mapped (RTLD_NOLOAD opens nothing new).
bool is_loaded(const fs::path &file) {
    void *handle = dlopen(file.c_str(), RTLD_NOW | RTLD_NOLOAD);
    if (handle) dlclose(handle);
    return handle != nullptr;
}

// A fresh folder under the system's temporary folder, removed with everything in it.
struct TempFolder {
    fs::path path;
    TempFolder() {
        std::string pattern = (fs::temp_directory_path() / "hpo-registry-XXXXXX").string();
        REQUIRE(mkdtemp(pattern.data()) != nullptr);
        path = pattern;
    }
    ~TempFolder() { fs::remove_all(path); }
};

// Sets HPO_PLUGIN_PATH for the lifetime of the guard.
struct PluginPathGuard {
    explicit PluginPathGuard(const std::string &value) {
        setenv("HPO_PLUGIN_PATH", value.c_str(), 1);
    }
    ~PluginPathGuard() { unsetenv("HPO_PLUGIN_PATH"); }
};

}  // namespace

TEST_CASE("scanning a folder loads the good libraries and refuses each broken one with why") {
    hpo::Registry registry(false);
    registry.add_path(plugin_dir);

    struct Expected {
        std::string library;
        std::string reason;
    };
    const std::string engine_abi = hpo::abi_version_string(HPO_ABI_VERSION);
    const Expected expected[] = {
        {"abi_two", "plugin ABI 2.0, engine needs 1.x"},
        {"declines", "declined every ABI version the engine offers (engine speaks " + engine_abi + ")"},
        {"newer_minor", "plugin answered ABI 1." + std::to_string(HPO_ABI_VERSION_MINOR + 5) +
                            ", newer than the " + engine_abi + " the engine offered"},
        {"short_table", "plugin table struct_size 4 is smaller than the " +
                            std::to_string(sizeof(hpo_plugin_table)) +
                            " bytes of a version 1.0 hpo_plugin_table"},
        {"no_plugins", "plugin table lists no plugins (n_plugins 0)"},
        {"no_entry", "no hpo_plugin_query symbol: not an hpo plugin"},
        {"short_info", "entry 0: struct_size 8 is smaller than the " +
                           std::to_string(sizeof(hpo_plugin_info)) +
                           " bytes of a version 1.0 hpo_plugin_info"},
        {"bad_name", "entry 0: name \"Faulty Sampler\" is not made of a-z, 0-9, '_' and '-' alone"},
        {"null_ops", "sampler \"faulty\": ops is NULL"},
        {"short_ops", "sampler \"faulty\": ops struct_size " +
                          std::to_string(offsetof(hpo_sampler_ops, sample_independent)) +
                          " is smaller than the " +
                          std::to_string(offsetof(hpo_sampler_ops, after_trial)) +
                          " bytes of a version 1.0 hpo_sampler_ops"},
        {"no_sample_independent",
         "sampler \"faulty\": required operation sample_independent is NULL"},
        {"no_destroy", "sampler \"faulty\": required operation destroy is NULL"},
        {"scheduler_no_ops", "scheduler \"faulty\": required operation should_prune is NULL"},
        {"storage_no_ops", "storage \"faulty\": required operation create_study is NULL"},
        {"runner_no_ops", "runner \"faulty\": required operation run is NULL"},
        {"objective_no_ops", "objective \"faulty\": required operation evaluate is NULL"},
        {"bad_schema", "sampler \"faulty\": options_schema_json is not valid JSON"},
        {"schema_not_object", "sampler \"faulty\": options_schema_json is not a JSON object"},
        {"listed_twice", "sampler \"faulty\" is listed twice"},
        {"good_twin", "sampler \"test_sampler\" is already provided by " +
                          plugin_file("good").string()},
    };
    for (const Expected &each : expected) {
        CAPTURE(each.library);
        CHECK(refusal_of(registry, plugin_file(each.library)) == each.reason);
    }
    const json listing = registry.to_json();
    CHECK(listing["refused"].size() == std::size(expected));

    // libgood.so's two plugins, the one of libminimal_ops.so (an ops table exactly as long as
    // version 1.0 needs is enough), and the known one of libfuture_kind.so.
    REQUIRE(listing["loaded"].size() == 4);
    CHECK(registry.find(HPO_PLUGIN_SAMPLER, "test_sampler").file == plugin_file("good"));
    CHECK(registry.find(HPO_PLUGIN_OBJECTIVE, "test_objective").file == plugin_file("good"));
    CHECK(registry.find(HPO_PLUGIN_SAMPLER, "faulty").file == plugin_file("minimal_ops"));
    CHECK(registry.find(HPO_PLUGIN_SAMPLER, "present").file == plugin_file("future_kind"));
    // The entry of a kind this engine does not know is skipped and shown, not refused.
    REQUIRE(listing["skipped"].size() == 1);
    CHECK(listing["skipped"][0]["file"] == plugin_file("future_kind").string());
    CHECK(listing["skipped"][0]["entry"] == 1);
    CHECK(listing["skipped"][0]["kind"] == 9);
    CHECK(listing["skipped"][0]["name"] == "from_the_future");
    CHECK_THROWS_WITH(registry.find(HPO_PLUGIN_SAMPLER, "from_the_future"),
                      doctest::Contains("holds a plugin \"from_the_future\" of kind 9, which this engine does not know"));
    CHECK(listing["paths"] == json::array({plugin_dir.string()}));
}

TEST_CASE("to_json describes each loaded plugin with its parsed options schema") {
    hpo::Registry registry(false);
    registry.add_path(plugin_file("good"));
    const json loaded = registry.to_json()["loaded"];
    REQUIRE(loaded.size() == 2);
    CHECK(loaded[0] == json{{"kind", "sampler"},
                            {"name", "test_sampler"},
                            {"summary", "samples a fixed fraction"},
                            {"file", plugin_file("good").string()},
                            {"abi_version", hpo::abi_version_string(HPO_ABI_VERSION)},
                            {"thread_safe", true},
                            {"options", {{"offset", {{"type", "float"}, {"default", 0}}}}}});
    // No schema reads as no options.
    CHECK(loaded[1]["kind"] == "objective");
    CHECK(loaded[1]["thread_safe"] == false);
    CHECK(loaded[1]["options"] == json::object());
    CHECK(registry.to_json()["refused"] == json::array());
}

TEST_CASE("the good library's plugins work through the operations the registry hands out") {
    hpo::Registry registry(false);
    registry.add_path(plugin_file("good"));

    SUBCASE("the sampler keeps its host's seed and its options") {
        const hpo::PluginEntry &entry = registry.find(HPO_PLUGIN_SAMPLER, "test_sampler");
        CHECK(entry.abi_version == HPO_ABI_VERSION);
        const auto &ops = *static_cast<const hpo_sampler_ops *>(entry.info->ops);
        CHECK(sample_with(ops, "{}") == std::to_string(4.2));  // seed 42: 42% of [0, 10]
        CHECK(sample_with(ops, R"({"offset": 1})") == std::to_string(5.2));
        CHECK(sample_with(ops, R"({"ofset": 1})") ==
              R"(error: test_sampler takes {} or {"offset": <number>})");
    }
    SUBCASE("the objective asks its trial for x and returns x squared") {
        const hpo::PluginEntry &entry = registry.find(HPO_PLUGIN_OBJECTIVE, "test_objective");
        const auto &ops = *static_cast<const hpo_objective_ops *>(entry.info->ops);
        hpo::test::TestHost host(1);
        void *self = nullptr;
        REQUIRE(ops.create("{}", host.get(), &self) == HPO_OK);

        struct FakeTrial {
            double x;
            std::string asked_for;
        } trial{3.0, ""};
        hpo_trial_api api{};
        api.struct_size = sizeof(api);
        api.suggest = [](hpo_trial_ref *ref, const char *name, const char *, double *out) {
            auto *fake = reinterpret_cast<FakeTrial *>(ref);
            fake->asked_for = name;
            *out = fake->x;
            return int32_t{HPO_OK};
        };
        double value = NAN;
        CHECK(ops.evaluate(self, &api, reinterpret_cast<hpo_trial_ref *>(&trial), &value, 1) ==
              HPO_OK);
        CHECK(trial.asked_for == "x");
        CHECK(value == 9.0);
        ops.destroy(self);
    }
}

TEST_CASE("find names what is available and why a library that could have served was refused") {
    hpo::Registry registry(false);
    registry.add_path(plugin_dir);

    SUBCASE("a misspelt name lists the plugins of that kind") {
        hpo::Error error = error_of([&] { registry.find(HPO_PLUGIN_SAMPLER, "test_samplr"); });
        CHECK(error.status() == HPO_ENOTFOUND);
        CHECK(std::string(error.what()) ==
              "no sampler plugin named \"test_samplr\"; available samplers: faulty, present, test_sampler");
    }
    SUBCASE("a name the file of a refused library contains adds its refusal") {
        hpo::Error error = error_of([&] { registry.find(HPO_PLUGIN_SAMPLER, "abi_two"); });
        CHECK(std::string(error.what()) ==
              "no sampler plugin named \"abi_two\"; available samplers: faulty, present, test_sampler; "
              "libabi_two.so was refused: plugin ABI 2.0, engine needs 1.x");
    }
    SUBCASE("a kind nothing provides says where the registry looked") {
        hpo::Error error = error_of([&] { registry.find(HPO_PLUGIN_RUNNER, "runner_no_ops"); });
        CHECK(std::string(error.what()) ==
              "no runner plugin named \"runner_no_ops\"; no runner plugin was found in " +
                  plugin_dir.string() + "; librunner_no_ops.so was refused: runner \"faulty\": "
                  "required operation run is NULL");
    }
}

TEST_CASE("a library added twice, by file or through its folder, is loaded once") {
    hpo::Registry registry(false);
    registry.add_path(plugin_file("good"));
    const hpo::PluginEntry &first = registry.find(HPO_PLUGIN_SAMPLER, "test_sampler");

    registry.add_path(plugin_dir / ".." / "plugins" / "libgood.so");
    registry.add_path(plugin_dir);  // loads every other library, not libgood.so again

    CHECK(refusal_of(registry, plugin_file("good")) == "(not refused)");
    CHECK(refusal_of(registry, plugin_file("good_twin")) != "(not refused)");
    // Entries added since did not move the one handed out first.
    CHECK(&registry.find(HPO_PLUGIN_SAMPLER, "test_sampler") == &first);
    CHECK(std::string(first.info->name) == "test_sampler");
}

TEST_CASE("with a probe, a library is loaded only when its probe process exits 0, and named when not") {
    // The probe is handed the library's path last ($1 here); the engine reads only how it ends.
    const auto probed = [](std::vector<std::string> probe) {
        auto registry = std::make_unique<hpo::Registry>(false, HPO_ABI_VERSION, std::move(probe));
        registry->add_path(plugin_file("good"));
        return registry;
    };
    auto passes = probed({"/bin/sh", "-c", "test -f \"$1\"", "probe"});
    CHECK(refusal_of(*passes, plugin_file("good")) == "(not refused)");
    CHECK(std::string(passes->find(HPO_PLUGIN_SAMPLER, "test_sampler").info->name) == "test_sampler");

    auto crashes = probed({"/bin/sh", "-c", "kill -SEGV $$", "probe"});
    CHECK(refusal_of(*crashes, plugin_file("good")) ==
          "loading it in a probe process failed: the probe was killed by signal 11 (SIGSEGV), a crash in the "
          "library's initializers or query function; not loaded");
    CHECK(error_of([&] { (void)crashes->find(HPO_PLUGIN_SAMPLER, "test_sampler"); }).status() == HPO_ENOTFOUND);

    auto exits = probed({"/bin/sh", "-c", "exit 3", "probe"});
    CHECK(refusal_of(*exits, plugin_file("good")) ==
          "loading it in a probe process failed: the probe exited with status 3; not loaded");

    auto missing = probed({plugin_dir.string() + "/no-such-probe"});
    CHECK(refusal_of(*missing, plugin_file("good")).starts_with("cannot be probed: "));
}

TEST_CASE("adding a path that does not exist is an error naming it") {
    hpo::Registry registry(false);
    const fs::path missing = plugin_dir / "no-such-folder";
    hpo::Error error = error_of([&] { registry.add_path(missing); });
    CHECK(error.status() == HPO_ENOTFOUND);
    CHECK(std::string(error.what()) == "plugin folder \"" + missing.string() + "\" does not exist");
}

TEST_CASE("a folder scan takes lib*.so files alone and refuses one that is not a library") {
    TempFolder folder;
    std::ofstream(folder.path / "libgarbage.so") << std::string(200, 'x');
    std::ofstream(folder.path / "README.txt") << "not a plugin";
    fs::create_directory(folder.path / "libfolder.so");
    fs::copy_file(plugin_file("good"), folder.path / "libgood.so.1");

    hpo::Registry registry(false);
    registry.add_path(folder.path);

    const json listing = registry.to_json();
    CHECK(listing["loaded"] == json::array());
    REQUIRE(listing["refused"].size() == 1);
    CHECK(listing["refused"][0]["file"] == (folder.path / "libgarbage.so").string());
    const std::string reason = listing["refused"][0]["reason"];
    CHECK(reason.starts_with("cannot be loaded: "));
    CHECK(reason.find("invalid ELF header") != std::string::npos);  // the loader's own words
}

TEST_CASE("HPO_PLUGIN_PATH folders are scanned, skipping empty entries and recording missing ones") {
    const std::string missing = "/nonexistent/hpo-plugins";
    PluginPathGuard guard(":" + plugin_dir.string() + "::" + missing);
    hpo::Registry registry(true);

    CHECK(registry.find(HPO_PLUGIN_SAMPLER, "test_sampler").file == plugin_file("good"));
    const json listing = registry.to_json();
    CHECK(listing["paths"].back() == plugin_dir.string());
    CHECK(refusal_of(registry, missing) == "folder named in HPO_PLUGIN_PATH does not exist");
}

TEST_CASE("the default plugin folder is hpo/plugins beside the module holding the engine") {
    // The test links the engine statically, so that module is this executable.
    const fs::path executable = fs::read_symlink("/proc/self/exe");
    CHECK(hpo::Registry::default_plugin_dir() == executable.parent_path() / "hpo" / "plugins");
}

TEST_CASE("a library stays loaded while a copy of its handle outlives the registry") {
    std::shared_ptr<boost::dll::shared_library> library;
    const hpo_sampler_ops *ops = nullptr;
    {
        hpo::Registry registry(false);
        registry.add_path(plugin_file("good"));
        const hpo::PluginEntry &entry = registry.find(HPO_PLUGIN_SAMPLER, "test_sampler");
        library = entry.library;
        ops = static_cast<const hpo_sampler_ops *>(entry.info->ops);
    }
    REQUIRE(is_loaded(plugin_file("good")));
    CHECK(sample_with(*ops, "{}") == std::to_string(4.2));

    library.reset();
    CHECK_FALSE(is_loaded(plugin_file("good")));
}
