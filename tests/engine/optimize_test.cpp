#include "optimize.hpp"
#include "study_fixture.hpp"

#include <doctest/doctest.h>

#include <atomic>
#include <map>
#include <mutex>
#include <chrono>
#include <cmath>
#include <set>
#include <stdexcept>
#include <thread>

using namespace hpo;
using hpo::test::make_study;

namespace {

const json unit_square = json::parse(R"({
  "x": {"type": "float", "low": 0, "high": 1},
  "y": {"type": "float", "low": 0, "high": 1}
})");

// The objective (x - 0.3)^2 + (y - 0.6)^2 over the declared unit square.
int32_t bowl(hpo_trial *trial, double *values, std::size_t) {
    const double x = trial->study->param(trial->number, "x");
    const double y = trial->study->param(trial->number, "y");
    values[0] = (x - 0.3) * (x - 0.3) + (y - 0.6) * (y - 0.6);
    return HPO_OK;
}

std::map<std::string, int> count_states(Study &study) {
    std::map<std::string, int> counts;
    for (const auto &trial : study.trials_json()) counts[trial["state"].get<std::string>()]++;
    return counts;
}

OptimizeOptions options(const json &spec) { return OptimizeOptions::from_json(spec); }

}  // namespace

TEST_CASE("optimize runs the requested number of trials on the caller's thread") {
    auto study = make_study({{"space", unit_square}, {"seed", 4}});
    optimize(study, bowl, options({{"n_trials", 50}}));
    CHECK(count_states(*study)["COMPLETE"] == 50);
    CHECK(study->best_trial_json()["values"][0].get<double>() < 0.05);
}

TEST_CASE("objectives that throw, fail or return NaN fail their trial and the study goes on") {
    auto study = make_study({{"space", unit_square}, {"seed", 4}});
    const Objective flaky = [](hpo_trial *trial, double *values, std::size_t) -> int32_t {
        switch (trial->number % 4) {
        case 0: throw std::runtime_error("diverged at epoch 3");
        case 1: values[0] = NAN; return HPO_OK;
        case 2: trial->failure = "out of GPU memory"; return HPO_EUSER;
        default: values[0] = 1.0; return HPO_OK;
        }
    };
    optimize(study, flaky, options({{"n_trials", 8}}));
    const json trials = study->trials_json();
    CHECK(count_states(*study)["FAIL"] == 6);
    CHECK(count_states(*study)["COMPLETE"] == 2);
    CHECK(trials[0]["message"] == "diverged at epoch 3");
    CHECK(trials[1]["message"].get<std::string>().find("NaN") != std::string::npos);
    CHECK(trials[2]["message"] == "out of GPU memory");
}

TEST_CASE("catch false ends the run at the first failed trial with its reason") {
    auto study = make_study({{"space", unit_square}});
    const Objective failing = [](hpo_trial *trial, double *values, std::size_t) -> int32_t {
        if (trial->number == 2) throw std::runtime_error("bad batch");
        values[0] = 0.0;
        return HPO_OK;
    };
    try {
        optimize(study, failing, options({{"n_trials", 10}, {"catch", false}}));
        FAIL("optimize should have thrown");
    } catch (const Error &e) {
        CHECK(e.status() == HPO_EUSER);
        CHECK(std::string(e.what()) == "trial 2 failed: bad batch");
    }
    CHECK(study->n_trials() == 3);
}

TEST_CASE("the thread runner evaluates many concurrent trials exactly once each") {
    auto study = make_study({{"space", unit_square}, {"seed", 8}});
    std::atomic<int> calls{0}, met{0};
    hpo::test::Rendezvous first_four(4);
    const Objective meeting = [&](hpo_trial *trial, double *values, std::size_t n) {
        // The first four trials only get past here together: the four slots run at once.
        if (trial->number < 4 && first_four.meet()) ++met;
        ++calls;
        return bowl(trial, values, n);
    };
    optimize(study, meeting, options({{"n_trials", 200}, {"n_jobs", 4}}));
    CHECK(calls == 200);
    CHECK(count_states(*study)["COMPLETE"] == 200);
    CHECK(met == 4);
    std::set<int64_t> numbers;
    for (const auto &trial : study->trials_json()) numbers.insert(trial["number"].get<int64_t>());
    CHECK(numbers.size() == 200);
}

TEST_CASE("a grid study ends when its grid is exhausted, also with parallel workers") {
    const json grid_space = {{"a", {{"type", "int"}, {"low", 0}, {"high", 4}}},
                             {"b", {{"type", "categorical"}, {"choices", {"u", "v", "w"}}}}};
    for (const int jobs : {1, 3}) {
        auto study = make_study({{"space", grid_space}, {"sampler", "grid"}, {"seed", 1}});
        const Objective zero = [](hpo_trial *, double *values, std::size_t) {
            values[0] = 0;
            return HPO_OK;
        };
        optimize(study, zero, options({{"n_trials", 100}, {"n_jobs", jobs}}));
        std::set<std::string> seen;
        for (const auto &trial : study->trials_json()) seen.insert(trial["params"].dump());
        CHECK(study->n_trials() == 15);
        CHECK(seen.size() == 15);
    }
}

TEST_CASE("an objective plugin declares its space and a benchmark is optimized") {
    auto study = make_study({{"seed", 21}});
    optimize_plugin(study, {{"name", "benchmarks"}, {"options", {{"function", "branin"}}}},
                    options({{"n_trials", 60}, {"n_jobs", 2}}));
    CHECK(study->info_json()["space"].contains("x1"));
    CHECK(study->info_json()["objective"]["optimum"][0].get<double>() == doctest::Approx(0.397887).epsilon(1e-5));
    CHECK(count_states(*study)["COMPLETE"] == 60);
    CHECK(study->best_trial_json()["values"][0].get<double>() < 5.0);
    auto two = make_study({{"directions", {"minimize", "minimize"}}});
    CHECK_THROWS_AS(optimize_plugin(two, {{"name", "benchmarks"}}, options({{"n_trials", 1}})), Error);
}

TEST_CASE("the trial-end callback sees every ended trial once, with its final state") {
    auto study = make_study({{"space", unit_square}, {"seed", 2}});
    std::mutex mutex;
    std::map<int64_t, hpo_trial_state> ended;
    study->set_trial_end_callback([&](int64_t number, hpo_trial_state state) {
        std::lock_guard lock(mutex);
        CHECK(ended.count(number) == 0);
        ended[number] = state;
        // By count, not by number: a worker may run ahead of trial 9 on a loaded machine.
        // When the tenth trial ends, at most the other worker's one trial is still running.
        if (ended.size() == 10) study->request_stop();
    });
    const Objective half_nan = [](hpo_trial *trial, double *values, std::size_t) {
        values[0] = trial->number % 2 ? NAN : 1.0;
        return HPO_OK;
    };
    optimize(study, half_nan, options({{"n_trials", 50}, {"n_jobs", 2}}));
    CHECK(ended.size() == study->n_trials());
    CHECK(ended.size() >= 10);
    CHECK(ended.size() <= 11);
    CHECK(ended[0] == HPO_TRIAL_COMPLETE);
    CHECK(ended[1] == HPO_TRIAL_FAIL);
}

TEST_CASE("a timeout or a stop request ends the run") {
    SUBCASE("timeout") {
        auto study = make_study({{"space", unit_square}});
        // The first trial outlasts the run's timeout: no trial starts after it.
        const Objective outlasting = [](hpo_trial *trial, double *values, std::size_t n) {
            std::this_thread::sleep_for(std::chrono::milliseconds(300));
            return bowl(trial, values, n);
        };
        optimize(study, outlasting, options({{"timeout", 0.2}}));
        CHECK(study->n_trials() == 1);
    }
    SUBCASE("stop from inside an objective") {
        auto study = make_study({{"space", unit_square}});
        const Objective stopping = [&](hpo_trial *trial, double *values, std::size_t n) {
            if (trial->number == 4) trial->study->request_stop();
            return bowl(trial, values, n);
        };
        optimize(study, stopping, options({{"n_trials", 100}}));
        CHECK(study->n_trials() == 5);
    }
}

TEST_CASE("optimize options with a mistake are refused by name") {
    CHECK_THROWS_WITH(options({{"n_trial", 5}}), doctest::Contains("\"n_trial\""));
    CHECK_THROWS_WITH(options({{"n_jobs", 0}}), doctest::Contains("n_jobs"));
    CHECK_THROWS_WITH(options({{"timeout", -1}}), doctest::Contains("timeout"));
    auto study = make_study({{"space", unit_square}});
    CHECK_THROWS_WITH(optimize(study, bowl, options({{"n_trials", 2}, {"runner", "nope"}})),
                      doctest::Contains("no runner plugin named \"nope\""));
}
