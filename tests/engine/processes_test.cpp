// Several processes on one stored study: trial numbers are the storage's, so each process's
// random trials are the draws for their own numbers, and no configuration repeats.
#include "optimize.hpp"
#include "study_fixture.hpp"

#include <doctest/doctest.h>

#include <hpo_test/worker_processes.hpp>

#include <unistd.h>

#include <filesystem>
#include <set>

using namespace hpo;
using hpo::test::first_param;
using hpo::test::make_study;
using hpo::test::run_worker_processes;

namespace {

const json six_floats = hpo::test::unit_floats(6);

json shared_config(const std::string &url) {
    return {{"name", "shared"}, {"sampler", "random"}, {"seed", 11}, {"storage", url},
            {"load_if_exists", true}, {"space", six_floats}};
}

}  // namespace

TEST_CASE("3 processes x 100 random trials on one stored study are 300 distinct configurations") {
    const auto folder = std::filesystem::temp_directory_path() / ("hpo-processes-" + std::to_string(getpid()));
    std::filesystem::create_directories(folder);
    for (const std::string scheme : {"sqlite", "journal"}) {
        CAPTURE(scheme);
        const std::string url = scheme + ":///" + (folder / ("study." + scheme)).string();
        // Created before the workers start, so none of them races to create it.
        make_study(shared_config(url));
        CHECK(run_worker_processes(3, [&](int) {
            optimize(make_study(shared_config(url)), first_param, OptimizeOptions::from_json({{"n_trials", 100}}));
        }));
        auto study = make_study(shared_config(url));
        const json trials = study->trials_json();
        CHECK(trials.size() == 300);
        std::set<std::string> configurations;
        std::set<int64_t> numbers;
        for (const auto &trial : trials) {
            CHECK(trial["state"] == "COMPLETE");
            configurations.insert(trial["params"].dump());
            numbers.insert(trial["number"].get<int64_t>());
        }
        CHECK(configurations.size() == 300);
        CHECK(numbers.size() == 300);
    }
    std::filesystem::remove_all(folder);
}

TEST_CASE("processes that grow a define-by-run space at once keep each other's parameters") {
    const auto folder = std::filesystem::temp_directory_path() / ("hpo-growing-" + std::to_string(getpid()));
    std::filesystem::create_directories(folder);
    for (const std::string scheme : {"sqlite", "journal"}) {
        CAPTURE(scheme);
        const std::string url = scheme + ":///" + (folder / ("growing." + scheme)).string();
        const json config = {{"name", "growing"}, {"sampler", "random"}, {"storage", url}, {"load_if_exists", true}};
        make_study(config);
        CHECK(run_worker_processes(3, [&](int w) {
            // Each worker's trials suggest a parameter of their own beside a shared one.
            const std::string own = "only_" + std::to_string(w);
            const Objective objective = [&](hpo_trial *trial, double *values, std::size_t) {
                const json unit = {{"type", "float"}, {"low", 0}, {"high", 1}};
                values[0] = trial->study->suggest(trial->number, "shared", unit) +
                            trial->study->suggest(trial->number, own, unit);
                return int32_t{HPO_OK};
            };
            optimize(make_study(config), objective, OptimizeOptions::from_json({{"n_trials", 15}}));
        }));
        auto study = make_study(config);
        const json space = study->info_json()["space"];
        for (const char *name : {"shared", "only_0", "only_1", "only_2"}) CHECK(space.contains(name));
        const json trials = study->trials_json();
        CHECK(trials.size() == 45);
        for (const json &trial : trials) {
            CAPTURE(trial.dump());
            CHECK(trial["params"].size() == 2);  // the shared one and its worker's own
        }
    }
    std::filesystem::remove_all(folder);
}
