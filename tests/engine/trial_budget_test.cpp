// The study-wide trial budget ("max_trials"): however many threads or processes work on a
// study, it ends holding exactly that many trials, and asking past it is "done", not an error.
#include "error.hpp"
#include "optimize.hpp"
#include "study_fixture.hpp"

#include <doctest/doctest.h>

#include <sys/wait.h>
#include <unistd.h>

#include <filesystem>
#include <set>

using namespace hpo;
using hpo::test::first_param;
using hpo::test::make_study;

namespace {

constexpr int budget = 37;  // no multiple of the workers: the last trials are raced for
constexpr int n_workers = 4;

json budget_config(const std::string &url) {
    return {{"name", "budget"}, {"sampler", "random"}, {"storage", url}, {"load_if_exists", true},
            {"max_trials", budget}, {"space", hpo::test::unit_floats(2)}};
}

// Every trial of the study COMPLETE, numbered 0 .. budget - 1.
void check_exactly_the_budget(Study &study) {
    const json trials = study.trials_json();
    CHECK(trials.size() == budget);
    std::set<int64_t> numbers;
    for (const auto &trial : trials) {
        CHECK(trial["state"] == "COMPLETE");
        numbers.insert(trial["number"].get<int64_t>());
    }
    CHECK(numbers.size() == budget);
    CHECK(*numbers.rbegin() == budget - 1);
}

// A process that optimizes with no n_trials of its own: only the budget stops it.
pid_t start_worker(const std::string &url) {
    const pid_t pid = fork();
    if (pid != 0) return pid;
    int status = 0;
    try {
        optimize(make_study(budget_config(url)), first_param, OptimizeOptions::from_json(json::object()));
    } catch (...) {
        status = 1;
    }
    _exit(status);
}

}  // namespace

TEST_CASE("max_trials in memory: 4 threads with no n_trials stop at exactly the budget") {
    auto study = make_study(budget_config("memory:"));
    optimize(study, first_param, OptimizeOptions::from_json({{"n_jobs", n_workers}}));
    check_exactly_the_budget(*study);
    CHECK(study->info_json()["max_trials"] == budget);
    // Spent: asking again is done, not an error; enqueuing is refused, saying why.
    CHECK_FALSE(study->ask().has_value());
    try {
        study->enqueue(json{{"x0", 0.5}});
        FAIL("enqueue past the budget was accepted");
    } catch (const Error &e) {
        CHECK(e.status() == HPO_ECANCELLED);
        CHECK(std::string(e.what()).find("budget of 37 trials") != std::string::npos);
    }
}

TEST_CASE("max_trials counts enqueued trials, and a claimed one starts within the budget") {
    json config = budget_config("memory:");
    config["max_trials"] = 2;
    auto study = make_study(config);
    study->enqueue(json{{"x0", 0.25}});
    CHECK(study->ask() == 0);  // the enqueued one, claimed
    CHECK(study->ask() == 1);
    CHECK_FALSE(study->ask().has_value());
}

TEST_CASE("max_trials in a stored study: 4 processes stop at exactly the budget together") {
    const auto folder = std::filesystem::temp_directory_path() / ("hpo-budget-" + std::to_string(getpid()));
    std::filesystem::create_directories(folder);
    for (const std::string scheme : {"sqlite", "journal"}) {
        CAPTURE(scheme);
        const std::string url = scheme + ":///" + (folder / ("study." + scheme)).string();
        make_study(budget_config(url));  // created first, so no worker races to create it
        std::vector<pid_t> workers;
        for (int w = 0; w < n_workers; ++w) workers.push_back(start_worker(url));
        for (const pid_t pid : workers) {
            int status = -1;
            waitpid(pid, &status, 0);
            CHECK((WIFEXITED(status) && WEXITSTATUS(status) == 0));
        }
        // A worker naming no budget takes the stored one.
        json unnamed = budget_config(url);
        unnamed.erase("max_trials");
        auto study = make_study(unnamed);
        check_exactly_the_budget(*study);
        CHECK_FALSE(study->ask().has_value());
    }
    std::filesystem::remove_all(folder);
}

TEST_CASE("a worker naming another budget than the stored study's is refused, naming both") {
    const auto folder = std::filesystem::temp_directory_path() / ("hpo-budget-clash-" + std::to_string(getpid()));
    std::filesystem::create_directories(folder);
    const std::string url = "sqlite:///" + (folder / "study.db").string();
    make_study(budget_config(url));
    json other = budget_config(url);
    other["max_trials"] = 1000;
    try {
        make_study(other);
        FAIL("a different budget was accepted");
    } catch (const Error &e) {
        CHECK(e.status() == HPO_EINVAL);
        const std::string message = e.what();
        CHECK(message.find("budget of 37 trials") != std::string::npos);
        CHECK(message.find("max_trials 1000") != std::string::npos);
    }
    std::filesystem::remove_all(folder);
}

TEST_CASE("a max_trials that is no positive whole number is refused") {
    for (const json &bad : {json(0), json(-1), json(1.5), json("10"), json(true)}) {
        CAPTURE(bad);
        json config = budget_config("memory:");
        config["max_trials"] = bad;
        CHECK_THROWS_WITH_AS(StudyConfig::from_json(config), doctest::Contains("\"max_trials\" must be a positive"), Error);
    }
}
