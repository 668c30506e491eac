// One process, many threads, one study: on the file storages (one handle shared by threads,
// and several handles on one file), with heartbeats beating and judging while trials end, and
// through the threads runner. These run in every preset and, with ThreadSanitizer, in the
// tsan preset (label concurrency), where a race fails them even when every check passes.
#include "optimize.hpp"
#include "study_fixture.hpp"

#include <hpo_test/test_files.hpp>

#include <doctest/doctest.h>

#include <atomic>
#include <chrono>
#include <mutex>
#include <set>
#include <thread>
#include <vector>

using namespace hpo;
using hpo::test::make_study;

namespace {

json config_on(const std::string &storage, const json &extra = json::object()) {
    json config = {{"name", "threads"},
                   {"sampler", "random"},
                   {"seed", 11},
                   {"storage", storage},
                   {"load_if_exists", true},
                   {"space", hpo::test::unit_floats(2)},
                   {"heartbeat", {{"interval", 0.01}, {"grace", 5}}}};
    config.update(extra);
    return config;
}

// `threads` threads, each running `per_thread` trials from ask to tell on study_of(thread);
// the numbers they were given.
template <class StudyOf>
std::set<int64_t> ask_and_tell(int threads, int per_thread, StudyOf study_of) {
    std::mutex mutex;
    std::set<int64_t> numbers;
    std::vector<std::thread> workers;
    for (int t = 0; t < threads; ++t) {
        workers.emplace_back([&, t] {
            Study &study = study_of(t);
            for (int i = 0; i < per_thread; ++i) {
                const auto number = study.ask();
                if (!number) return;
                const double value = study.param(*number, "x0") + study.param(*number, "x1");
                study.report(*number, 0, value);
                study.tell(*number, HPO_TRIAL_COMPLETE, {value}, "");
                std::lock_guard lock(mutex);
                CHECK(numbers.insert(*number).second);
            }
        });
    }
    for (auto &worker : workers) worker.join();
    return numbers;
}

void check_all_complete(Study &study, std::size_t n) {
    const json trials = study.trials_json();
    REQUIRE(trials.size() == n);
    for (const json &trial : trials) CHECK(trial["state"] == "COMPLETE");
    CHECK(study.best_trial_json()["state"] == "COMPLETE");
}

}  // namespace

TEST_CASE("one study handle on a file storage shared by 4 threads, hearts beating, keeps every trial once") {
    for (const std::string scheme : {"sqlite", "journal"}) {
        CAPTURE(scheme);
        const auto dir = hpo::test::fresh_dir("threads-one-" + scheme);
        auto study = make_study(config_on(scheme + ":///" + (dir / "study").string()));
        const auto numbers = ask_and_tell(4, 15, [&](int) -> Study & { return *study; });
        CHECK(numbers.size() == 60);
        check_all_complete(*study, 60);
    }
}

TEST_CASE("4 study handles on one file, each with a thread of its own, number trials without repeats") {
    for (const std::string scheme : {"sqlite", "journal"}) {
        CAPTURE(scheme);
        const auto dir = hpo::test::fresh_dir("threads-many-" + scheme);
        const std::string storage = scheme + ":///" + (dir / "study").string();
        std::vector<std::shared_ptr<Study>> handles;
        for (int h = 0; h < 4; ++h) handles.push_back(make_study(config_on(storage)));
        const auto numbers = ask_and_tell(4, 15, [&](int t) -> Study & { return *handles[t]; });
        CHECK(numbers.size() == 60);
        CHECK(*numbers.rbegin() == 59);
        check_all_complete(*make_study(config_on(storage)), 60);
    }
}

TEST_CASE("a trial whose worker fell silent is failed and retried while other threads ask and tell") {
    const auto dir = hpo::test::fresh_dir("threads-heartbeat");
    const std::string storage = "sqlite:///" + (dir / "study.db").string();
    const json judging = {{"heartbeat", {{"interval", 0.02}, {"grace", 0.3}, {"retry", true}}}};
    auto busy = make_study(config_on(storage, judging));
    // A worker that never beats: its trial stays RUNNING until the others judge it lost.
    auto silent = make_study(config_on(storage, {{"heartbeat", false}}));
    const auto lost = silent->ask();
    REQUIRE(lost);
    std::atomic<bool> judged{false};
    std::vector<std::thread> workers;
    for (int t = 0; t < 3; ++t) {
        workers.emplace_back([&] {
            const auto until = std::chrono::steady_clock::now() + std::chrono::seconds(10);
            while (!judged && std::chrono::steady_clock::now() < until) {
                const auto number = busy->ask();
                if (!number) return;
                busy->tell(*number, HPO_TRIAL_COMPLETE, {busy->param(*number, "x0")}, "");
                if (busy->trial_json(*lost)["state"] == "FAIL") judged = true;
            }
        });
    }
    for (auto &worker : workers) worker.join();
    REQUIRE(judged);
    // The silent worker's late tell is refused: its trial ended without it.
    CHECK_THROWS_AS(silent->tell(*lost, HPO_TRIAL_COMPLETE, {0.5}, ""), Error);
    const json trials = busy->trials_json();
    int retries = 0;
    for (const json &trial : trials) {
        if (trial["system_attrs"].value("retry_of", int64_t{-1}) == *lost) {
            ++retries;
            CHECK(trial["params"] == trials[static_cast<std::size_t>(*lost)]["params"]);
        }
    }
    CHECK(retries == 1);
}

TEST_CASE("the threads runner runs 4 jobs on a stored study with heartbeats, each trial once") {
    const auto dir = hpo::test::fresh_dir("threads-runner");
    auto study = make_study(config_on("journal:///" + (dir / "study.log").string()));
    std::atomic<int> evaluated{0};
    const Objective objective = [&](hpo_trial *trial, double *values, std::size_t) -> int32_t {
        ++evaluated;
        std::this_thread::sleep_for(std::chrono::milliseconds(1));
        values[0] = trial->study->param(trial->number, "x0");
        return HPO_OK;
    };
    optimize(study, objective, OptimizeOptions::from_json({{"n_trials", 40}, {"n_jobs", 4}}));
    CHECK(evaluated == 40);
    check_all_complete(*study, 40);
}
