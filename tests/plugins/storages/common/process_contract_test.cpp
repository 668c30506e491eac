// The contract across processes sharing one storage: numbering stays atomic, no tell is lost
// or counted twice, claims never hand a trial out twice, and a process killed mid-run leaves
// every trial it completed intact. Each child opens instances of its own after fork().
#include "conformance_case.hpp"

#include <doctest/doctest.h>

#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <functional>
#include <set>
#include <string>
#include <vector>

using hpo::test::ConformanceCase;
using hpo::test::json;
using hpo::test::StorageClient;

namespace {

constexpr int n_processes = 4;

// Runs body() in a child process, which exits 0 when body returned true.
pid_t spawn(const std::function<bool()> &body) {
    const pid_t pid = ::fork();
    REQUIRE(pid >= 0);
    if (pid == 0) {
        bool ok = false;
        try {
            ok = body();
        } catch (...) {
        }
        ::_exit(ok ? 0 : 1);
    }
    return pid;
}

int exit_status(pid_t pid) {
    int status = 0;
    ::waitpid(pid, &status, 0);
    return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

// Creates a trial and tells it a value naming the worker and the round, `rounds` times;
// after `signal_after` rounds writes a byte to `signal_fd` (-1: none).
bool work(StorageClient &storage, int64_t study, int worker, int rounds, int signal_after = -1,
          int signal_fd = -1) {
    for (int round = 0; round < rounds; ++round) {
        if (round == signal_after && ::write(signal_fd, "!", 1) != 1) return false;
        int64_t id = -1;
        int64_t number = -1;
        if (storage.try_create_trial(study, {{"state", "RUNNING"}, {"params", {{"x", round}}}}, id, number) != HPO_OK)
            return false;
        const json tell = {{"state", "COMPLETE"}, {"values", {worker * 1000.0 + round}}};
        if (storage.try_update_trial(study, id, tell) != HPO_OK) return false;
    }
    return true;
}

} // namespace

TEST_CASE_FIXTURE(ConformanceCase, "processes creating and finishing trials on one study: distinct numbers") {
    constexpr int rounds = 50;
    const int64_t study = create_study(storage(), "shared");
    std::vector<pid_t> children;
    for (int worker = 0; worker < n_processes; ++worker) {
        children.push_back(spawn([&, worker] { return work(*open(), study, worker, rounds); }));
    }
    for (const pid_t child : children) CHECK(exit_status(child) == 0);

    const json trials = storage().all_trials(study);
    REQUIRE(trials.size() == n_processes * rounds);
    std::set<double> tells;
    for (size_t i = 0; i < trials.size(); ++i) {
        CHECK(trials[i]["number"] == i);
        CHECK(trials[i]["state"] == "COMPLETE");
        tells.insert(trials[i]["values"][0].get<double>());
    }
    CHECK(tells.size() == trials.size()); // each worker's each round told exactly once
}

TEST_CASE_FIXTURE(ConformanceCase, "processes creating trials on a study with max_trials: exactly the budget") {
    constexpr int budget = 37;  // no multiple of the workers: the last trials are raced for
    const std::string name = study_name("budget");
    int64_t study = -1;
    REQUIRE(storage().try_create_study({{"name", name}, {"max_trials", budget}}, false, study) == HPO_OK);
    std::vector<pid_t> children;
    for (int worker = 0; worker < n_processes; ++worker) {
        // Each creates until refused, which must be for the budget and nothing else.
        children.push_back(spawn([&] {
            const auto mine = open();
            for (;;) {
                int64_t id = -1, number = -1;
                const int32_t status = mine->try_create_trial(study, {{"state", "RUNNING"}}, id, number);
                if (status == HPO_ECANCELLED) return true;
                if (status != HPO_OK) return false;
            }
        }));
    }
    for (const pid_t child : children) CHECK(exit_status(child) == 0);
    const json trials = storage().all_trials(study);
    REQUIRE(trials.size() == budget);
    for (size_t i = 0; i < trials.size(); ++i) CHECK(trials[i]["number"] == i);
}

TEST_CASE_FIXTURE(ConformanceCase, "processes telling the same trial at once: exactly one wins") {
    const int64_t study = create_study(storage(), "race");
    const int64_t id = storage().create_trial(study);
    std::vector<pid_t> children;
    for (int worker = 0; worker < n_processes; ++worker) {
        children.push_back(spawn([&, worker] {
            const json tell = {{"state", "COMPLETE"}, {"values", {static_cast<double>(worker)}}};
            return open()->try_update_trial(study, id, tell) == HPO_OK;
        }));
    }
    int winners = 0;
    for (const pid_t child : children) winners += exit_status(child) == 0 ? 1 : 0;
    CHECK(winners == 1);
    CHECK(storage().trial(study, id)["state"] == "COMPLETE");
}

TEST_CASE_FIXTURE(ConformanceCase, "processes claiming waiting trials: each trial goes to one of them") {
    constexpr int n_waiting = 40;
    const int64_t study = create_study(storage(), "queue");
    for (int i = 0; i < n_waiting; ++i) storage().create_trial(study, {{"state", "WAITING"}});
    std::vector<pid_t> children;
    for (int worker = 0; worker < n_processes; ++worker) {
        // Each tells what it claimed: a trial claimed twice would be told twice, and refused.
        children.push_back(spawn([&, worker] {
            const auto mine = open();
            for (int64_t id = 0;;) {
                if (mine->try_claim(study, std::to_string(worker).c_str(), id) != HPO_OK) return false;
                if (id < 0) return true;
                const json tell = {{"state", "COMPLETE"}, {"values", {static_cast<double>(worker)}}};
                if (mine->try_update_trial(study, id, tell) != HPO_OK) return false;
            }
        }));
    }
    for (const pid_t child : children) CHECK(exit_status(child) == 0);
    const json trials = storage().all_trials(study);
    REQUIRE(trials.size() == n_waiting);
    for (const json &trial : trials) CHECK(trial["state"] == "COMPLETE");
}

TEST_CASE_FIXTURE(ConformanceCase, "a process killed mid-run leaves every completed trial intact") {
    constexpr int completed_before_kill = 30;
    const int64_t study = create_study(storage(), "killed");
    int ready[2];
    REQUIRE(::pipe(ready) == 0);
    const pid_t child = spawn([&] { return work(*open(), study, 1, 1000000, completed_before_kill, ready[1]); });
    ::close(ready[1]);
    char byte = 0;
    REQUIRE(::read(ready[0], &byte, 1) == 1); // it has completed that many: kill it wherever it is now
    ::close(ready[0]);
    ::kill(child, SIGKILL);
    CHECK(exit_status(child) == 128 + SIGKILL);

    const auto after = open();
    const json trials = after->all_trials(study);
    REQUIRE(trials.size() >= completed_before_kill);
    size_t running = 0;
    for (size_t i = 0; i < trials.size(); ++i) {
        CHECK(trials[i]["number"] == i);
        if (trials[i]["state"] == "COMPLETE") {
            CHECK(trials[i]["values"] == json{1000.0 + trials[i]["params"]["x"].get<double>()});
        } else {
            CHECK(trials[i]["state"] == "RUNNING"); // the one it was working on
            ++running;
        }
    }
    CHECK(running <= 1);
    // Its heartbeat stopped with it; the study goes on with the next number.
    if (after->ops().fail_stale_trials != nullptr) CHECK(after->fail_stale_trials(study, -1).size() == running);
    int64_t id = -1;
    int64_t number = -1;
    REQUIRE(after->try_create_trial(study, {{"state", "RUNNING"}}, id, number) == HPO_OK);
    CHECK(number == static_cast<int64_t>(trials.size()));
}
