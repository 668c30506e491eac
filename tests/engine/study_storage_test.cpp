// Studies on persistent storages: resumed by a later process, shared by several workers,
// and kept whole when a worker dies mid-trial.
#include "optimize.hpp"
#include "study_fixture.hpp"
#include "trial_record.hpp"

#include <hpo_test/killed_worker.hpp>
#include <hpo_test/worker_processes.hpp>

#include <doctest/doctest.h>

#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <set>
#include <thread>

using namespace hpo;
using hpo::test::make_study;
using hpo::test::run_worker_processes;

namespace {

// A fresh storage URL of the given scheme in a temporary folder, removed afterwards.
class TemporaryStorage {
public:
    explicit TemporaryStorage(const std::string &scheme) {
        dir_ = std::filesystem::temp_directory_path() / ("hpo-study-" + std::to_string(getpid()) + "-" + scheme);
        std::filesystem::remove_all(dir_);
        std::filesystem::create_directories(dir_);
        url_ = scheme + ":///" + (dir_ / (scheme == "sqlite" ? "study.db" : "study.log")).string();
    }
    ~TemporaryStorage() { std::filesystem::remove_all(dir_); }
    const std::string &url() const { return url_; }

private:
    std::filesystem::path dir_;
    std::string url_;
};

json config(const std::string &url, json extra = json::object()) {
    json out = {{"name", "shared"}, {"storage", url}, {"load_if_exists", true}, {"seed", 3},
                {"space", {{"x", {{"type", "float"}, {"low", 0}, {"high", 1}}}}}};
    out.update(extra);
    return out;
}

int32_t square(hpo_trial *trial, double *values, std::size_t) {
    const double x = trial->study->param(trial->number, "x");
    values[0] = x * x;
    return HPO_OK;
}

// Rewrites a journal storage's file in place, as a damaged disk or another program would.
template <class Edit>
void edit_journal(const TemporaryStorage &storage, Edit edit) {
    const std::string path = storage.url().substr(std::string("journal://").size());
    std::string text;
    {
        std::ifstream in(path);
        text.assign(std::istreambuf_iterator<char>(in), {});
    }
    edit(text);
    std::ofstream(path, std::ios::trunc) << text;
}

}  // namespace

TEST_CASE("a stored study is resumed by a later handle with every trial and its values") {
    for (const std::string scheme : {"sqlite", "journal"}) {
        CAPTURE(scheme);
        TemporaryStorage storage(scheme);
        json first;
        {
            auto study = make_study(config(storage.url()));
            optimize(study, square, OptimizeOptions::from_json({{"n_trials", 10}}));
            const auto number = *study->ask();
            study->suggest(number, "extra", {{"type", "int"}, {"low", 1}, {"high", 9}});
            study->report(number, 1, 0.5);
            study->tell(number, HPO_TRIAL_PRUNED, {}, "");
            first = study->trials_json();
        }
        auto resumed = make_study(config(storage.url()));
        CHECK(resumed->trials_json() == first);
        CHECK(resumed->info_json()["space"].contains("extra"));
        optimize(resumed, square, OptimizeOptions::from_json({{"n_trials", 5}}));
        CHECK(resumed->n_trials() == 16);
        CHECK_THROWS_WITH(make_study(config(storage.url(), {{"load_if_exists", false}})),
                          doctest::Contains("already exists"));
        CHECK_THROWS_WITH(make_study(config(storage.url(), {{"directions", {"maximize"}}})),
                          doctest::Contains("directions"));
        auto loaded = make_study({{"name", "shared"}, {"storage", storage.url()}, {"load_only", true}});
        CHECK(loaded->n_trials() == 16);
        CHECK(loaded->trial_json(3) == resumed->trial_json(3));
        CHECK_THROWS_WITH(make_study({{"name", "absent"}, {"storage", storage.url()}, {"load_only", true}}),
                          doctest::Contains("absent"));
    }
}

TEST_CASE("four processes share one stored study without losing or repeating a trial") {
    for (const std::string scheme : {"sqlite", "journal"}) {
        CAPTURE(scheme);
        TemporaryStorage storage(scheme);
        make_study(config(storage.url()));  // created once, loaded by every worker
        CHECK(run_worker_processes(4, [&](int) {
            optimize(make_study(config(storage.url())), square, OptimizeOptions::from_json({{"n_trials", 50}}));
        }));
        auto study = make_study(config(storage.url()));
        std::set<int64_t> numbers;
        int complete = 0;
        for (const auto &trial : study->trials_json()) {
            numbers.insert(trial["number"].get<int64_t>());
            complete += trial["state"] == "COMPLETE";
        }
        CHECK(numbers.size() == 200);
        CHECK(*numbers.rbegin() == 199);
        CHECK(complete == 200);
    }
}

TEST_CASE("a worker killed mid-trial loses nothing: its trial fails by heartbeat and is retried") {
    TemporaryStorage storage("sqlite");
    const json beating = {{"heartbeat", {{"interval", 0.05}, {"grace", 0.5}, {"retry", true}}}};
    make_study(config(storage.url(), beating));
    const pid_t pid = fork();
    REQUIRE(pid >= 0);
    if (pid == 0) {
        auto study = make_study(config(storage.url(), beating));
        optimize(study, square, OptimizeOptions::from_json({{"n_trials", 5}}));
        study->ask();  // left RUNNING when the process dies
        std::this_thread::sleep_for(std::chrono::seconds(30));
        _exit(0);
    }
    // Wait until the worker has finished 5 trials and started the sixth with its parameters
    // (the trial exists before the sampler draws them), then kill it.
    auto watcher = make_study(config(storage.url()));
    const auto sixth_has_params = [&] {
        return watcher->n_trials() >= 6 && watcher->trial_json(5)["params"].contains("x");
    };
    for (int i = 0; i < 500 && !sixth_has_params(); ++i) std::this_thread::sleep_for(std::chrono::milliseconds(10));
    REQUIRE(sixth_has_params());
    kill(pid, SIGKILL);
    waitpid(pid, nullptr, 0);
    std::this_thread::sleep_for(std::chrono::milliseconds(700));

    auto study = make_study(config(storage.url(), beating));
    optimize(study, square, OptimizeOptions::from_json({{"n_trials", 3}}));
    const json trials = study->trials_json();
    hpo::test::check_killed_trial_retried(trials);
}

TEST_CASE("a storage URL's query gives a storage plugin of ABI 1.0 its options") {
    CHECK(storage_options_1_0("sqlite:///a.db") == json{{"url", "sqlite:///a.db"}});
    CHECK(storage_options_1_0("sqlite:///a.db?timeout=5&sync=false&mode=x") ==
          json{{"url", "sqlite:///a.db"}, {"timeout", 5}, {"sync", false}, {"mode", "x"}});
    CHECK_THROWS_WITH(storage_options_1_0("sqlite:///a.db?sync"), doctest::Contains("\"sync\" is not a name=value option"));
    CHECK_THROWS_WITH(storage_scheme("nowhere"), doctest::Contains("not a URL"));
    CHECK_THROWS_WITH(make_study({{"storage", "sqlite:///x.db?bogus=1"}}), doctest::Contains("bogus"));
    CHECK_THROWS_WITH(make_study({{"storage", "mongodb://localhost/db"}}),
                      doctest::Contains("no storage plugin named \"mongodb\""));
}

TEST_CASE("a journal line damaged in the middle costs its trial alone, which the study shows as lost") {
    const TemporaryStorage storage("journal");
    {
        auto study = make_study(config(storage.url()));
        for (int i = 0; i < 5; ++i) {
            const auto number = study->ask();
            REQUIRE(number);
            study->tell(*number, HPO_TRIAL_COMPLETE, {static_cast<double>(i)}, "");
        }
    }
    // Garble the record that created trial 2.
    edit_journal(storage, [](std::string &text) {
        std::size_t at = 0;
        for (int seen = 0; seen < 3; ++seen) at = text.find("create_trial", at + 1);
        REQUIRE(at != std::string::npos);
        text[text.rfind('{', at)] = '#';
    });

    auto study = make_study(config(storage.url()));
    const json trials = study->trials_json();
    REQUIRE(trials.size() == 5);
    for (const int number : {0, 1, 3, 4}) CHECK(trials[static_cast<std::size_t>(number)]["state"] == "COMPLETE");
    CHECK(trials[2]["state"] == "FAIL");
    CHECK(trials[2]["message"].get<std::string>().find("no record of this trial") != std::string::npos);
    const auto next = study->ask();
    REQUIRE(next);
    CHECK(*next == 5);  // numbering goes on past the highest number seen
}

TEST_CASE("a stored complete trial without one value per objective reads as failed, and the study goes on") {
    const TemporaryStorage storage("journal");
    {
        auto study = make_study(config(storage.url()));
        for (const double value : {5.0, 1.0, 3.0}) {
            const auto number = study->ask();
            REQUIRE(number);
            study->tell(*number, HPO_TRIAL_COMPLETE, {value}, "");
        }
    }
    // Trial 0 loses its value, trial 1 (the best) gains a second one: tell refuses both
    // counts, so only damage or a foreign writer leaves them.
    edit_journal(storage, [](std::string &text) {
        const auto replace = [&](const std::string &from, const std::string &to) {
            const auto at = text.find(from);
            REQUIRE(at != std::string::npos);
            text.replace(at, from.size(), to);
        };
        replace("\"values\":[5.0]", "\"values\":[]");
        replace("\"values\":[1.0]", "\"values\":[1.0,0.5]");
    });

    auto study = make_study(config(storage.url()));
    const json trials = study->trials_json();
    REQUIRE(trials.size() == 3);
    for (const int number : {0, 1}) {
        CAPTURE(trials[static_cast<std::size_t>(number)]);
        CHECK(trials[static_cast<std::size_t>(number)]["state"] == "FAIL");
        CHECK(trials[static_cast<std::size_t>(number)]["message"].get<std::string>().find("1 objective") != std::string::npos);
    }
    CHECK(trials[2]["state"] == "COMPLETE");
    CHECK(study->best_trial_json()["number"] == 2);
    CHECK(study->best_trials_json().size() == 1);
    optimize(study, square, OptimizeOptions::from_json({{"n_trials", 3}}));
    CHECK(study->n_trials() == 6);
}

TEST_CASE("a stored study whose directions are damaged is refused, not read as minimize") {
    for (const std::string damaged : {"[\"sideways\"]", "[]", "\"minimize\""}) {
        CAPTURE(damaged);
        const TemporaryStorage storage("journal");
        make_study(config(storage.url()));
        edit_journal(storage, [&](std::string &text) {
            const std::string stored = "\"directions\":[\"minimize\"]";
            for (auto at = text.find(stored); at != std::string::npos; at = text.find(stored, at)) {
                text.replace(at, stored.size(), "\"directions\":" + damaged);
            }
        });
        const std::string refusal = "has directions " + damaged + ": a damaged record";
        CHECK_THROWS_WITH(make_study(config(storage.url())), doctest::Contains(refusal.c_str()));
        CHECK_THROWS_WITH(make_study(config(storage.url(), {{"directions", {"minimize"}}})), doctest::Contains(refusal.c_str()));
    }
}

TEST_CASE("a space that contradicts the stored study is refused, the stored definition named first") {
    const TemporaryStorage storage("sqlite");
    make_study(config(storage.url()));
    try {
        make_study(config(storage.url(), {{"space", {{"x", {{"type", "float"}, {"low", 0}, {"high", 2}}}}}}));
        FAIL("the contradicting space was taken");
    } catch (const Error &e) {
        const std::string message = e.what();
        CAPTURE(message);
        const auto stored = message.find("\"high\":1"), given = message.find("\"high\":2");
        REQUIRE(stored != std::string::npos);
        REQUIRE(given != std::string::npos);
        CHECK(stored < given);
        CHECK(message.find("the space given now has") != std::string::npos);
    }
}

TEST_CASE("define-by-run values a worker has not written yet survive its reading back of older records") {
    for (const std::string scheme : {"sqlite", "journal"}) {
        CAPTURE(scheme);
        const TemporaryStorage storage(scheme);
        auto study = make_study(config(storage.url(), {{"space", json::object()}}));
        const auto first = study->ask();
        REQUIRE(first);
        const double y = study->suggest(*first, "y", {{"type", "float"}, {"low", 0}, {"high", 1}});
        // Another ask reads back the record ask wrote for the first trial, which has no y yet.
        const auto second = study->ask();
        REQUIRE(second);
        study->tell(*first, HPO_TRIAL_COMPLETE, {y}, "");
        CHECK(study->trial_json(*first)["params"]["y"] == y);
        CHECK(make_study(config(storage.url(), {{"space", json::object()}}))->trial_json(*first)["params"]["y"] == y);
    }
}

TEST_CASE("what another worker adds to the stored study leaves the directions every thread reads as they were") {
    const TemporaryStorage storage("journal");
    auto reader = make_study(config(storage.url()));  // no direction given: the stored one is adopted
    auto writer = make_study(config(storage.url()));
    std::atomic<bool> done{false};
    std::atomic<int> wrong{0};
    std::thread watcher([&] {
        while (!done) {
            if (reader->n_objectives() != 1) ++wrong;
        }
    });
    for (int i = 0; i < 300; ++i) {
        // A new objective description changes the stored study; the reader's next sync reads it.
        writer->set_objective({{"name", "benchmarks"}, {"options", {{"version", i}}}});
        reader->info_json();
    }
    done = true;
    watcher.join();
    CHECK(wrong == 0);
}

TEST_CASE("a stored trial whose id or number is not an integer is refused as damaged, not converted") {
    const Space space = Space::from_json({{"x", {{"type", "float"}, {"low", 0}, {"high", 1}}}});
    std::vector<std::string> unknown;
    for (const char *field : {"id", "number"}) {
        CAPTURE(field);
        json record = {{"id", 1}, {"number", 0}, {"state", "COMPLETE"}, {"params", json::object()}};
        record[field] = 6.66667e+95;  // converting it to int64_t would be undefined behaviour
        const std::string refusal = std::string("\"") + field + "\" that is not an integer";
        CHECK_THROWS_WITH(TrialRecord::from_storage_json(record, space, unknown), doctest::Contains(refusal.c_str()));
    }
}
