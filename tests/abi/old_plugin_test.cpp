// A plugin library built against the frozen ABI 1.0 headers, as one shipped before 1.1 was,
// loads on this engine and runs a study on several threads, in memory and on a storage: the
// engine lends it trial views of the 1.0 size, which it indexes as 1.0 did.
#include "optimize.hpp"
#include "registry.hpp"

#include <doctest/doctest.h>

#include <unistd.h>

#include <filesystem>
#include <string>

using namespace hpo;

namespace {

std::shared_ptr<Registry> registry() {
    auto registry = std::make_shared<Registry>(false);
    registry->add_path(HPO_TEST_PLUGIN_DIR);
    registry->add_path(ABI_TEST_PLUGIN_DIR);
    return registry;
}

}  // namespace

TEST_CASE("plugins built against the ABI 1.0 headers load as 1.0 and run a study on this engine") {
    const auto plugins = registry();
    for (const std::string name : {"old_sampler", "old_scheduler", "old_objective"}) {
        const auto kind = name == "old_sampler" ? HPO_PLUGIN_SAMPLER
                          : name == "old_scheduler" ? HPO_PLUGIN_SCHEDULER
                                                    : HPO_PLUGIN_OBJECTIVE;
        CHECK(plugins->find(kind, name).abi_version == HPO_ABI_MAKE(1, 0));
    }
    const auto folder = std::filesystem::temp_directory_path() / ("hpo-old-abi-" + std::to_string(getpid()));
    std::filesystem::create_directories(folder);
    for (const std::string &storage : {std::string("memory:"), "sqlite:///" + (folder / "old.db").string()}) {
        CAPTURE(storage);
        const json config = {{"name", "old"}, {"sampler", "old_sampler"}, {"scheduler", "old_scheduler"},
                             {"storage", storage}, {"seed", 3}, {"heartbeat", false}};
        auto study = std::make_shared<Study>(plugins, StudyConfig::from_json(config));
        optimize_plugin(study, {{"name", "old_objective"}}, OptimizeOptions::from_json({{"n_trials", 40}, {"n_jobs", 2}}));
        const json trials = study->trials_json();
        REQUIRE(trials.size() == 40);
        int complete = 0;
        for (const json &trial : trials) {
            CAPTURE(trial.dump());
            CHECK(trial["state"] != "FAIL");  // a view of the wrong stride fails its trial
            complete += trial["state"] == "COMPLETE";
        }
        CHECK(complete > 0);
        CHECK(study->best_trial_json()["values"][0].get<double>() < 1.0);
    }
    std::filesystem::remove_all(folder);
}

TEST_CASE("a storage built against the ABI 1.0 headers is spoken to as 1.0: options, taken names, reads, attributes") {
    const auto plugins = registry();
    plugins->add_path(ENGINE_TEST_PLUGIN_DIR);  // the attrs_sampler of ABI 1.1, on a 1.0 storage
    CHECK(plugins->find(HPO_PLUGIN_STORAGE, "old").abi_version == HPO_ABI_MAKE(1, 0));
    const json config = {{"name", "kept"}, {"sampler", "attrs_sampler"}, {"storage", "old:///kept?tag=blue"},
                         {"load_if_exists", true}, {"heartbeat", false},
                         {"space", {{"x", {{"type", "float"}, {"low", 0}, {"high", 1}}}}}};
    auto study = std::make_shared<Study>(plugins, StudyConfig::from_json(config));
    const Objective value = [](hpo_trial *trial, double *values, std::size_t) {
        values[0] = trial->study->param(trial->number, "x");
        return int32_t{HPO_OK};
    };
    optimize(study, value, OptimizeOptions::from_json({{"n_trials", 12}, {"n_jobs", 2}}));

    // Another worker on the same storage reads every trial back through read_trials, and
    // the study attributes this process merged (sent whole to a 1.0 storage).
    auto reader = std::make_shared<Study>(plugins, StudyConfig::from_json(config));
    const json trials = reader->trials_json();
    REQUIRE(trials.size() == 12);
    for (const json &trial : trials) CHECK(trial["state"] == "COMPLETE");
    const json attrs = reader->info_json()["system_attrs"];
    CHECK(attrs.size() == 24);
    CHECK(attrs["told_11"] == HPO_TRIAL_COMPLETE);

    // A taken name, said with 1.0's HPO_ESTATE, reaches the user as HPO_EEXISTS.
    json again = config;
    again["load_if_exists"] = false;
    try {
        Study(plugins, StudyConfig::from_json(again));
        FAIL("the name is taken");
    } catch (const Error &error) {
        CHECK(error.status() == HPO_EEXISTS);
    }
}

TEST_CASE("a storage of ABI 1.0 knows no trial budget: the engine fails what it creates past max_trials") {
    const auto plugins = registry();
    const json config = {{"name", "budget"}, {"sampler", "random"}, {"storage", "old:///budget"},
                         {"heartbeat", false}, {"max_trials", 5},
                         {"space", {{"x", {{"type", "float"}, {"low", 0}, {"high", 1}}}}}};
    auto study = std::make_shared<Study>(plugins, StudyConfig::from_json(config));
    const Objective value = [](hpo_trial *trial, double *values, std::size_t) {
        values[0] = trial->study->param(trial->number, "x");
        return int32_t{HPO_OK};
    };
    optimize(study, value, OptimizeOptions::from_json({{"n_trials", 12}, {"n_jobs", 2}}));
    // Each thread may create one trial past the budget before it hears: none of them runs.
    int completed = 0;
    for (const json &trial : study->trials_json()) {
        if (trial["number"].get<int64_t>() < 5) {
            CHECK(trial["state"] == "COMPLETE");
            ++completed;
        } else {
            CHECK(trial["state"] == "FAIL");
            CHECK(trial["message"].get<std::string>().find("budget of 5 trials") != std::string::npos);
        }
    }
    CHECK(completed == 5);
    CHECK_FALSE(study->ask().has_value());
}
