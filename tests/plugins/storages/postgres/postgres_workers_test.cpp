// Worker processes on one study on the test server, as a team runs them on many machines:
// each is the engine's optimize loop in a process of its own, sharing nothing but the URL.
#include "postgres_test_server.hpp"

#include "optimize.hpp"

#include <hpo_test/built_study.hpp>
#include <hpo_test/killed_worker.hpp>
#include <hpo_test/worker_processes.hpp>

#include <doctest/doctest.h>

#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <set>
#include <thread>

using namespace hpo;
using namespace hpo::test::postgres;
using hpo::test::finished_well;
using hpo::test::open_built_study;
using hpo::test::start_worker_process;

namespace {

// A study of its own per test and run, on the shared test database.
json study_config(const std::string &base, const json &extra = json::object()) {
    json space = json::object();
    for (int i = 0; i < 4; ++i) space["x" + std::to_string(i)] = {{"type", "float"}, {"low", 0}, {"high", 1}};
    json config = {{"name", base + "-" + std::to_string(::getpid())},
                   {"sampler", "random"},
                   {"seed", 5},
                   {"storage", server_url()},
                   {"load_if_exists", true},
                   {"space", space}};
    config.update(extra);
    return config;
}

int32_t sum_of_params(hpo_trial *trial, double *values, std::size_t) {
    values[0] = 0;
    for (int i = 0; i < 4; ++i) values[0] += trial->study->param(trial->number, "x" + std::to_string(i));
    return HPO_OK;
}

// A worker process running n trials of the study; its exit status says whether it got through.
pid_t start_worker(const json &config, int n_trials, const Objective &objective = sum_of_params) {
    return start_worker_process([&] {
        optimize(open_built_study(config), objective, OptimizeOptions::from_json({{"n_trials", n_trials}}));
    });
}

} // namespace

TEST_CASE("4 worker processes of 100 trials each on a study of max_trials 37 run 37 in all") {
    const json config = study_config("budget", {{"max_trials", 37}});
    open_built_study(config);
    std::vector<pid_t> workers;
    for (int w = 0; w < 4; ++w) workers.push_back(start_worker(config, 100));
    for (const pid_t pid : workers) CHECK(finished_well(pid));
    const auto study = open_built_study(config);
    const json trials = study->trials_json();
    CHECK(trials.size() == 37);
    for (const json &trial : trials) CHECK(trial["state"] == "COMPLETE");
    CHECK_FALSE(study->ask().has_value());
}

TEST_CASE("4 worker processes x 50 trials on one study give 200 distinct trials") {
    const json config = study_config("four-workers");
    open_built_study(config); // created before the workers start, as a team's launcher would
    std::vector<pid_t> workers;
    for (int w = 0; w < 4; ++w) workers.push_back(start_worker(config, 50));
    for (const pid_t pid : workers) CHECK(finished_well(pid));

    const json trials = open_built_study(config)->trials_json();
    REQUIRE(trials.size() == 200);
    std::set<int64_t> numbers;
    std::set<std::string> configurations;
    for (const json &trial : trials) {
        CHECK(trial["state"] == "COMPLETE");
        numbers.insert(trial["number"].get<int64_t>());
        configurations.insert(trial["params"].dump());
    }
    CHECK(numbers.size() == 200);
    CHECK(*numbers.rbegin() == 199);
    CHECK(configurations.size() == 200);
}

TEST_CASE("a worker killed with SIGKILL mid-trial: its trial fails by heartbeat and the retry runs its parameters") {
    const json beating = {{"heartbeat", {{"interval", 0.05}, {"grace", 0.5}, {"retry", true}}}};
    const json config = study_config("killed-worker", beating);
    open_built_study(config);
    const pid_t pid = fork();
    REQUIRE(pid >= 0);
    if (pid == 0) {
        auto study = open_built_study(config);
        optimize(study, sum_of_params, OptimizeOptions::from_json({{"n_trials", 5}}));
        const auto number = study->ask(); // left RUNNING when the process dies
        if (number) (void)study->param(*number, "x0");
        std::this_thread::sleep_for(std::chrono::seconds(60));
        _exit(0);
    }
    auto watcher = open_built_study(study_config("killed-worker"));
    const auto sixth_has_params = [&] {
        return watcher->n_trials() >= 6 && watcher->trial_json(5)["params"].contains("x0");
    };
    for (int i = 0; i < 1000 && !sixth_has_params(); ++i) std::this_thread::sleep_for(std::chrono::milliseconds(10));
    REQUIRE(sixth_has_params());
    kill(pid, SIGKILL);
    waitpid(pid, nullptr, 0);
    // Past the grace period by the server's clock: the next worker finds the trial stale.
    std::this_thread::sleep_for(std::chrono::milliseconds(800));

    auto study = open_built_study(config);
    optimize(study, sum_of_params, OptimizeOptions::from_json({{"n_trials", 3}}));
    const json trials = study->trials_json();
    hpo::test::check_killed_trial_retried(trials);
}

TEST_CASE("a server restart in the middle of a 4-process study loses no completed trial, and every worker finishes") {
    const json config = study_config("restarted-server");
    open_built_study(config);
    // Trials that take a little while, so that the restart falls among them.
    const Objective slow = [](hpo_trial *trial, double *values, std::size_t n) {
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
        return sum_of_params(trial, values, n);
    };
    std::vector<pid_t> workers;
    for (int w = 0; w < 4; ++w) workers.push_back(start_worker(config, 50, slow));

    auto watcher = open_built_study(config);
    std::set<int64_t> completed_before;
    for (int i = 0; i < 2000 && completed_before.size() < 40; ++i) {
        completed_before.clear();
        for (const json &trial : watcher->trials_json()) {
            if (trial["state"] == "COMPLETE") completed_before.insert(trial["number"].get<int64_t>());
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    REQUIRE(completed_before.size() >= 40);
    restart_server();
    for (const pid_t pid : workers) CHECK(finished_well(pid));

    const json trials = open_built_study(config)->trials_json();
    CHECK(trials.size() == 200);
    std::set<int64_t> completed;
    for (const json &trial : trials) {
        if (trial["state"] == "COMPLETE") completed.insert(trial["number"].get<int64_t>());
    }
    CHECK(completed.size() == 200);
    for (const int64_t number : completed_before) CHECK(completed.count(number) == 1);
}

TEST_CASE("a worker that cannot reach the server fails as busy, naming it without its password") {
    const std::string url = "postgresql://hpo:pw-s3cret-991@127.0.0.1:" + std::to_string(closed_port()) + "/db";
    try {
        open_built_study({{"name", "unreachable"}, {"storage", url + "?timeout=0.2"}, {"storage_timeout", 0.6}});
        FAIL("the study opened");
    } catch (const Error &refused) {
        const std::string message = refused.what();
        CHECK(refused.status() == HPO_EBUSY);
        CHECK(message.find("storage \"postgresql://hpo:***@127.0.0.1:") != std::string::npos);
        CHECK(message.find("pw-s3cret-991") == std::string::npos);
    }
}
