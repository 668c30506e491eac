// Studies of a sampler on an SQLite file, run as a user runs them through hpo.hpp: stopped
// and resumed by a fresh engine (a restart), or worked on by several processes at once. What
// the samplers that keep state in the study test it with.
#pragma once

#include <hpo/hpo.hpp>
#include <hpo_test/worker_processes.hpp>

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <thread>
#include <vector>

namespace hpo::test {

// A folder of its own for the test's files, removed afterwards.
struct TempFolder {
    std::filesystem::path path;
    explicit TempFolder(const std::string &name)
        : path(std::filesystem::temp_directory_path() /
               ("hpo-" + name + "-" + std::to_string(getpid()))) {
        std::filesystem::create_directories(path);
    }
    ~TempFolder() { std::filesystem::remove_all(path); }
    std::string sqlite(const std::string &file) const {
        return "sqlite:///" + (path / (file + ".db")).string();
    }
};

// Runs n_trials more trials of the study `config` names (created when it does not exist),
// with a fresh engine: what a restarted process does.
inline void run_trials(const nlohmann::json &config, const hpo::Study::MultiObjective &objective,
                       int n_trials, int n_jobs = 1) {
    hpo::Engine engine;
    hpo::Study study(engine, config.dump());
    study.optimize(objective, nlohmann::json{{"n_trials", n_trials}, {"n_jobs", n_jobs}}.dump());
}

// The study's trials as a fresh process reads them back.
inline nlohmann::json stored_trials(const nlohmann::json &config) {
    hpo::Engine engine;
    hpo::Study study(engine, config.dump());
    return nlohmann::json::parse(study.trials_json());
}

inline nlohmann::json stored_study_attrs(const nlohmann::json &config) {
    hpo::Engine engine;
    hpo::Study study(engine, config.dump());
    return nlohmann::json::parse(study.info_json())["system_attrs"];
}

// Runs n_trials in each of `processes` forked processes on the one stored study; each
// objective call first records its process's place (the number 0, 1, ...) as the trial's
// user attribute "worker". The processes meet before their first trial, so that their trials
// interleave however late the machine starts one. Checks every process exited cleanly.
inline void run_in_processes(const nlohmann::json &config,
                             const hpo::Study::MultiObjective &objective, int processes,
                             int n_trials) {
    stored_trials(config); // created before the workers, so that none races to create it
    const std::filesystem::path meeting =
        std::filesystem::temp_directory_path() / ("hpo-meet-" + std::to_string(getpid()));
    std::filesystem::create_directories(meeting);
    CHECK(run_worker_processes(processes, [&](int w) {
        std::ofstream(meeting / std::to_string(w)).put('.');
        for (int waited_ms = 0; waited_ms < 20000; ++waited_ms) {
            if (std::distance(std::filesystem::directory_iterator(meeting), {}) >= processes) break;
            std::this_thread::sleep_for(std::chrono::milliseconds(1));
        }
        run_trials(config, [&](hpo::Trial &trial) {
            trial.set_user_attr("worker", std::to_string(w));
            return objective(trial);
        }, n_trials, 2);
    }));
    std::filesystem::remove_all(meeting);
}

// Checks that every trial holds a generation ("<prefix>generation") and that every generation
// after the first has `population` parents in the study's attributes; returns the newest.
inline int64_t check_generations(const nlohmann::json &trials, const nlohmann::json &study_attrs,
                                 const std::string &prefix, std::size_t population) {
    int64_t newest = 0;
    for (const nlohmann::json &trial : trials) {
        CAPTURE(trial.dump());
        CHECK(trial["state"] == "COMPLETE");
        REQUIRE(trial["system_attrs"].contains(prefix + "generation"));
        newest = std::max(newest, trial["system_attrs"][prefix + "generation"].get<int64_t>());
    }
    for (int64_t g = 1; g <= newest; ++g)
        CHECK(study_attrs[prefix + "parents:" + std::to_string(g)].size() == population);
    return newest;
}

} // namespace hpo::test
