// A sampler of ABI 1.1 keeps its state in the study: what its before_trial and after_trial_v2
// return reaches the trial's and the study's system attributes, its sample calls see them,
// and on a storage every key survives threads, processes and a restart.
#include "optimize.hpp"
#include "study_fixture.hpp"

#include <doctest/doctest.h>

#include <hpo_test/worker_processes.hpp>

#include <unistd.h>

#include <filesystem>
#include <string>

using namespace hpo;
using hpo::test::first_param;
using hpo::test::make_study;
using hpo::test::run_worker_processes;

namespace {

json attrs_config(const std::string &storage) {
    return {{"name", "attrs"}, {"sampler", "attrs_sampler"}, {"storage", storage}, {"load_if_exists", true},
            {"space", hpo::test::unit_floats(2)}, {"heartbeat", false}};
}

void run(const std::string &storage, int64_t n_trials, int n_jobs) {
    optimize(make_study(attrs_config(storage)), first_param,
             OptimizeOptions::from_json({{"n_trials", n_trials}, {"n_jobs", n_jobs}}));
}

// Every trial carries its generation and its outcome, and the study a key from each hook
// for each trial: a key lost to a race between workers shows here.
void check_attrs(const std::string &storage, std::size_t n_trials) {
    auto study = make_study(attrs_config(storage));  // a fresh process's view: a restart
    const json trials = study->trials_json();
    REQUIRE(trials.size() == n_trials);
    const json study_attrs = study->info_json()["system_attrs"];
    for (const json &trial : trials) {
        CAPTURE(trial.dump());
        CHECK(trial["state"] == "COMPLETE");
        CHECK(trial["system_attrs"].contains("generation"));
        CHECK(trial["system_attrs"]["told_state"] == HPO_TRIAL_COMPLETE);
        const std::string number = std::to_string(trial["number"].get<int64_t>());
        CHECK(study_attrs["prepared_" + number] == true);
        CHECK(study_attrs["told_" + number] == HPO_TRIAL_COMPLETE);
    }
}

struct TempFolder {
    std::filesystem::path path = std::filesystem::temp_directory_path() /
                                 ("hpo-attrs-" + std::to_string(getpid()));
    TempFolder() { std::filesystem::create_directories(path); }
    ~TempFolder() { std::filesystem::remove_all(path); }
    std::string url(const std::string &scheme) const { return scheme + ":///" + (path / ("attrs." + scheme)).string(); }
};

}  // namespace

TEST_CASE("what a sampler's before_trial and after_trial_v2 return is in the trial's and the study's attributes") {
    auto study = make_study(attrs_config("memory:"));
    optimize(study, first_param, OptimizeOptions::from_json({{"n_trials", 12}}));
    const json trials = study->trials_json();
    REQUIRE(trials.size() == 12);
    CHECK(trials[0]["system_attrs"]["generation"] == 0);
    CHECK(trials[11]["system_attrs"]["generation"] == 2);  // 11 completed before it, 4 a generation
    const json attrs = study->info_json()["system_attrs"];
    CHECK(attrs.size() == 24);
    CHECK(attrs["prepared_11"] == true);
    CHECK(attrs["told_11"] == HPO_TRIAL_COMPLETE);
}

TEST_CASE("sampler attributes reach a shared storage from 4 threads, and a restart reads them back") {
    const TempFolder folder;
    for (const std::string scheme : {"sqlite", "journal"}) {
        CAPTURE(scheme);
        run(folder.url(scheme), 40, 4);
        check_attrs(folder.url(scheme), 40);
    }
}

TEST_CASE("sampler attributes of 3 processes on one stored study all reach it") {
    const TempFolder folder;
    for (const std::string scheme : {"sqlite", "journal"}) {
        CAPTURE(scheme);
        const std::string url = folder.url(scheme);
        make_study(attrs_config(url));  // created before the workers, so none races to create it
        CHECK(run_worker_processes(3, [&](int) { run(url, 15, 2); }));
        check_attrs(url, 45);
    }
}
