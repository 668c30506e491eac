// Crash test of each persistent storage: 4 worker processes run one study while this driver
// kills one at random with SIGKILL every few hundred milliseconds and starts another in its
// place. Each worker logs every tell that returned success to an append-only file, right after
// the tell returns (a write(2) on O_APPEND: the kernel keeps it whatever becomes of the
// process). Afterwards every logged tell is in the storage with its value, no trial number is
// taken twice, no trial stays RUNNING past the heartbeat grace once a last worker swept the
// study, and the study's best trial is the true best of the completed ones.
//
// HPO_CRASH_SECONDS sets how long the workers are killed (60 by default: CI's run; an hour
// for a soak).
#include "optimize.hpp"

#ifdef POSTGRES_TEST_SERVER
#include "postgres_test_server.hpp"
#endif

#include <hpo_test/built_study.hpp>
#include <hpo_test/test_files.hpp>
#include <hpo_test/worker_processes.hpp>

#include <doctest/doctest.h>

#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <map>
#include <random>
#include <set>
#include <sstream>
#include <thread>

using namespace hpo;
using hpo::test::open_built_study;
using hpo::test::start_worker_process;

namespace {

constexpr int n_workers = 4;
constexpr double grace_seconds = 2;

json study_config(const std::string &storage) {
    json space = json::object();
    for (int i = 0; i < 3; ++i) space["x" + std::to_string(i)] = {{"type", "float"}, {"low", -1}, {"high", 1}};
    return {{"name", "crash-" + std::to_string(::getpid())},
            {"sampler", "random"},
            {"storage", storage},
            {"load_if_exists", true},
            {"space", space},
            {"heartbeat", {{"interval", 0.1}, {"grace", grace_seconds}, {"retry", true}}}};
}

double objective_of(Study &study, int64_t number) {
    double sum = 0;
    for (int i = 0; i < 3; ++i) {
        const double x = study.param(number, "x" + std::to_string(i)) - 0.25;
        sum += x * x;
    }
    return sum;
}

// One line per tell that returned: "<number> <value>" with every digit of the value.
void log_tell(int fd, int64_t number, double value) {
    char line[64];
    const int n = std::snprintf(line, sizeof line, "%lld %.17g\n", static_cast<long long>(number), value);
    if (::write(fd, line, static_cast<size_t>(n)) != n) throw std::runtime_error("the tell log refused a write");
}

// A worker: ask, evaluate (a few milliseconds, so kills land mid-trial too), tell, log, for
// ever; the driver ends it.
[[noreturn]] void work(const json &config, const std::string &log_path) {
    const int fd = ::open(log_path.c_str(), O_WRONLY | O_APPEND | O_CREAT, 0644);
    if (fd < 0) throw std::runtime_error("cannot open " + log_path);
    auto study = open_built_study(config);
    std::mt19937 random(static_cast<unsigned>(::getpid()));
    for (;;) {
        const auto number = study->ask();
        if (!number) throw std::runtime_error("the sampler ran out of trials");
        const double value = objective_of(*study, *number);
        std::this_thread::sleep_for(std::chrono::milliseconds(random() % 10));
        try {
            study->tell(*number, HPO_TRIAL_COMPLETE, {value}, "");
        } catch (const Error &refused) {
            // Another worker judged this one lost (a loaded machine can stall it past the
            // grace): the trial ended without it, and this tell returned no success.
            if (refused.status() != HPO_ESTATE) throw;
            continue;
        }
        log_tell(fd, *number, value);
    }
}

std::map<int64_t, double> read_log(const std::string &path) {
    std::ifstream in(path);
    std::map<int64_t, double> told;
    std::string line;
    while (std::getline(in, line)) {
        std::istringstream fields(line);
        long long number = 0;
        std::string value;
        REQUIRE_MESSAGE(static_cast<bool>(fields >> number >> value), "torn log line: " << line);
        REQUIRE_MESSAGE(told.count(number) == 0, "trial " << number << " was told twice");
        told[number] = std::strtod(value.c_str(), nullptr);
    }
    return told;
}

double crash_seconds() {
    const char *text = std::getenv("HPO_CRASH_SECONDS");
    return text != nullptr ? std::atof(text) : 60;
}

void run_crash_test(const std::string &storage, const std::filesystem::path &dir) {
    const json config = study_config(storage);
    const std::string log_path = (dir / "tells.log").string();
    open_built_study(config);  // created before the workers start, as a launcher would

    std::vector<pid_t> workers;
    const auto start = [&] { return start_worker_process([&] { work(config, log_path); }); };
    for (int w = 0; w < n_workers; ++w) workers.push_back(start());
    std::mt19937 random(7);
    int kills = 0;
    int failed_workers = 0;
    const auto until = std::chrono::steady_clock::now() + std::chrono::duration<double>(crash_seconds());
    while (std::chrono::steady_clock::now() < until) {
        std::this_thread::sleep_for(std::chrono::milliseconds(200 + random() % 300));
        // A worker that ended of itself failed: it printed why.
        for (pid_t &pid : workers) {
            int status = 0;
            if (waitpid(pid, &status, WNOHANG) == pid) {
                ++failed_workers;
                pid = start();
            }
        }
        pid_t &victim = workers[random() % n_workers];
        kill(victim, SIGKILL);
        waitpid(victim, nullptr, 0);
        ++kills;
        victim = start();
    }
    for (const pid_t pid : workers) {
        kill(pid, SIGKILL);
        waitpid(pid, nullptr, 0);
    }
    CHECK(failed_workers == 0);

    // The sweep: past the grace period, a last worker about to start a trial fails every
    // trial left RUNNING by the killed ones (retries of those may take their place).
    std::this_thread::sleep_for(std::chrono::duration<double>(grace_seconds * 1.5));
    auto sweeper = open_built_study(config);
    if (const auto number = sweeper->ask()) {
        sweeper->tell(*number, HPO_TRIAL_COMPLETE, {objective_of(*sweeper, *number)}, "");
    }

    const std::map<int64_t, double> told = read_log(log_path);
    const json trials = open_built_study(config)->trials_json();
    MESSAGE(storage << ": " << kills << " kills, " << told.size() << " tells logged, " << trials.size()
                    << " trials stored");
    CHECK(kills > 0);
    CHECK(told.size() > 0);
    std::set<int64_t> numbers;
    std::map<int64_t, json> by_number;
    double best = INFINITY;
    for (const json &trial : trials) {
        const int64_t number = trial["number"].get<int64_t>();
        CHECK_MESSAGE(numbers.insert(number).second, "trial number " << number << " is taken twice");
        by_number[number] = trial;
        CHECK_MESSAGE(trial["state"] != "RUNNING", "trial " << number << " is still RUNNING after the sweep");
        if (trial["state"] == "COMPLETE") best = std::min(best, trial["values"][0].get<double>());
    }
    for (const auto &entry : told) {
        const int64_t number = entry.first;
        const auto value = entry.second;
        const auto found = by_number.find(number);
        REQUIRE_MESSAGE(found != by_number.end(), "told trial " << number << " is not stored");
        CHECK_MESSAGE(found->second["state"] == "COMPLETE", "told trial " << number << " is " << found->second["state"]);
        CHECK_MESSAGE(found->second["values"][0].get<double>() == value, "told trial " << number);
    }
    const json best_trial = open_built_study(config)->best_trial_json();
    REQUIRE(best_trial.contains("values"));
    CHECK(best_trial["values"][0].get<double>() == best);
}

}  // namespace

TEST_CASE("sqlite: 4 workers killed at random lose no told trial") {
    const auto dir = hpo::test::fresh_dir("crash-sqlite");
    run_crash_test("sqlite:///" + (dir / "study.db").string(), dir);
}

TEST_CASE("journal: 4 workers killed at random lose no told trial") {
    const auto dir = hpo::test::fresh_dir("crash-journal");
    run_crash_test("journal:///" + (dir / "study.log").string(), dir);
}

#ifdef POSTGRES_TEST_SERVER
TEST_CASE("postgres: 4 workers killed at random lose no told trial") {
    const auto dir = hpo::test::fresh_dir("crash-postgres");
    run_crash_test(hpo::test::postgres::server_url(), dir);
}
#endif
