// Several processes on one file: numbering stays atomic, no tell is lost or counted twice,
// and a process killed mid-run leaves every trial it completed intact.
#include "storage_fixture.hpp"

#include <doctest/doctest.h>

#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <functional>
#include <set>
#include <thread>
#include <vector>

using hpo::test::json;
using hpo::test::ScratchDir;
using hpo::test::Storage;

namespace {

constexpr int n_processes = 4;
constexpr int trials_per_process = 50;

// Runs body() in a child process; its exit status is 0 when body returned true.
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

// A worker's loop: create a trial, beat, finish it with a value that names the worker and
// the round; stops after `rounds` (or when killed).
bool work(const std::string &scheme, const std::string &path, int64_t study, int worker, int rounds,
          bool sync = true) {
    Storage storage(scheme, path, {{"sync", sync}});
    for (int round = 0; round < rounds; ++round) {
        int64_t id = -1;
        int64_t number = -1;
        const double now = static_cast<double>(std::time(nullptr));
        const json trial = {{"state", "RUNNING"}, {"heartbeat", now}, {"params", {{"x", round}}}};
        if (storage.try_create_trial(study, trial, id, number) != HPO_OK) return false;
        const json tell = {{"state", "COMPLETE"}, {"values", {worker * 1000.0 + round}}};
        if (storage.try_update_trial(study, id, tell) != HPO_OK) return false;
    }
    return true;
}

} // namespace

TEST_CASE("four processes creating and finishing trials on one file: 200 distinct trials") {
    for (const std::string scheme : {"sqlite", "journal"}) {
        CAPTURE(scheme);
        const ScratchDir dir;
        const std::string path = dir.file("shared");
        const int64_t study = Storage(scheme, path).create_study("shared");
        std::vector<pid_t> children;
        for (int worker = 0; worker < n_processes; ++worker) {
            children.push_back(spawn([&, worker] { return work(scheme, path, study, worker, trials_per_process); }));
        }
        for (const pid_t child : children) CHECK(exit_status(child) == 0);

        Storage storage(scheme, path);
        const json trials = storage.all_trials(study);
        REQUIRE(trials.size() == n_processes * trials_per_process);
        std::set<double> tells;
        for (size_t i = 0; i < trials.size(); ++i) {
            CHECK(trials[i]["number"] == i);
            CHECK(trials[i]["state"] == "COMPLETE");
            tells.insert(trials[i]["values"][0].get<double>());
        }
        CHECK(tells.size() == trials.size()); // each worker's each round told exactly once
    }
}

TEST_CASE("processes telling the same trial at once: exactly one wins") {
    for (const std::string scheme : {"sqlite", "journal"}) {
        CAPTURE(scheme);
        const ScratchDir dir;
        const std::string path = dir.file("race");
        int64_t study = 0;
        int64_t id = 0;
        {
            Storage storage(scheme, path); // closed before fork(): SQLite connections must not cross it
            study = storage.create_study("race");
            id = storage.create_trial(study);
        }
        std::vector<pid_t> children;
        for (int worker = 0; worker < n_processes; ++worker) {
            children.push_back(spawn([&, worker] {
                Storage mine(scheme, path);
                const json tell = {{"state", "COMPLETE"}, {"values", {static_cast<double>(worker)}}};
                return mine.try_update_trial(study, id, tell) == HPO_OK;
            }));
        }
        int winners = 0;
        for (const pid_t child : children) winners += exit_status(child) == 0 ? 1 : 0;
        CHECK(winners == 1);
        CHECK(Storage(scheme, path).trial(study, id)["state"] == "COMPLETE");
    }
}

TEST_CASE("a process killed mid-run leaves every completed trial intact and the study going") {
    // Without sync too: a write in the kernel's cache survives its process.
    for (const auto &[scheme, sync] : std::vector<std::pair<std::string, bool>>{
             {"sqlite", true}, {"sqlite", false}, {"journal", true}, {"journal", false}}) {
        CAPTURE(scheme);
        CAPTURE(sync);
        const ScratchDir dir;
        const std::string path = dir.file("killed");
        const int64_t study = Storage(scheme, path).create_study("killed");
        const pid_t child = spawn([&] { return work(scheme, path, study, 1, 1000000, sync); });
        Storage storage(scheme, path);

        // Let it finish some trials, then kill it wherever it is.
        const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
        while (storage.all_trials(study).size() < 30 && std::chrono::steady_clock::now() < deadline) {
            std::this_thread::sleep_for(std::chrono::milliseconds(5));
        }
        ::kill(child, SIGKILL);
        CHECK(exit_status(child) == 128 + SIGKILL);

        Storage after(scheme, path);
        const json trials = after.all_trials(study);
        REQUIRE(trials.size() >= 30);
        int64_t running = 0;
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
        // The heartbeat fails the killed trial; the study goes on with the next number.
        CHECK(after.fail_stale_trials(study, -1).size() == static_cast<size_t>(running));
        int64_t id = -1;
        int64_t number = -1;
        REQUIRE(after.try_create_trial(study, {{"state", "RUNNING"}}, id, number) == HPO_OK);
        CHECK(number == static_cast<int64_t>(trials.size()));
    }
}
