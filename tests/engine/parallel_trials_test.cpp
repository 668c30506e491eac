// Parallel workers on one study: each trial gets the parameters drawn for its own number, so
// no two trials share a configuration and a seed reproduces a study whatever n_jobs was.
#include "optimize.hpp"
#include "study_fixture.hpp"

#include <doctest/doctest.h>

#include <chrono>
#include <map>
#include <mutex>
#include <set>
#include <thread>

using namespace hpo;
using hpo::test::make_study;

namespace {

const json six_floats = hpo::test::unit_floats(6);

// Asks for six define-by-run floats and sleeps a little, so that workers overlap.
int32_t define_by_run(hpo_trial *trial, double *values, std::size_t) {
    double sum = 0;
    for (int i = 0; i < 6; ++i) {
        sum += trial->study->suggest(trial->number, "x" + std::to_string(i),
                                     {{"type", "float"}, {"low", 0}, {"high", 1}});
    }
    std::this_thread::sleep_for(std::chrono::microseconds(200));
    values[0] = sum;
    return HPO_OK;
}

int32_t declared(hpo_trial *trial, double *values, std::size_t) {
    std::this_thread::sleep_for(std::chrono::microseconds(200));
    values[0] = trial->study->param(trial->number, "x0");
    return HPO_OK;
}

// Each trial's parameters by number.
std::map<int64_t, json> params_by_number(Study &study) {
    std::map<int64_t, json> out;
    for (const auto &trial : study.trials_json()) out[trial["number"].get<int64_t>()] = trial["params"];
    return out;
}

std::size_t distinct(const std::map<int64_t, json> &params) {
    std::set<std::string> seen;
    for (const auto &[number, values] : params) seen.insert(values.dump());
    return seen.size();
}

}  // namespace

TEST_CASE("200 random trials on 4 threads are 200 distinct configurations, each its number's own") {
    for (const bool is_declared : {false, true}) {
        CAPTURE(is_declared);
        const json config = is_declared ? json{{"sampler", "random"}, {"seed", 5}, {"space", six_floats}}
                                        : json{{"sampler", "random"}, {"seed", 5}};
        const Objective objective = is_declared ? Objective(declared) : Objective(define_by_run);
        auto sequential = make_study(config);
        optimize(sequential, objective, OptimizeOptions::from_json({{"n_trials", 200}}));
        auto parallel = make_study(config);
        optimize(parallel, objective, OptimizeOptions::from_json({{"n_trials", 200}, {"n_jobs", 4}}));

        const auto one = params_by_number(*sequential), four = params_by_number(*parallel);
        REQUIRE(four.size() == 200);
        CHECK(distinct(four) == 200);
        CHECK(one == four);  // the stream is keyed by trial number, so this holds exactly
    }
}

TEST_CASE("asks from many threads at once number their trials without gaps or repeats") {
    auto study = make_study({{"sampler", "random"}, {"seed", 9}, {"space", six_floats}});
    std::vector<std::thread> workers;
    std::mutex mutex;
    std::set<int64_t> numbers;
    for (int w = 0; w < 4; ++w) {
        workers.emplace_back([&] {
            for (int i = 0; i < 50; ++i) {
                const auto number = study->ask();
                CHECK(number.has_value());
                if (!number) return;
                study->tell(*number, HPO_TRIAL_COMPLETE, {0.0}, "");
                std::lock_guard lock(mutex);
                CHECK(numbers.insert(*number).second);
            }
        });
    }
    for (auto &worker : workers) worker.join();
    CHECK(numbers.size() == 200);
    CHECK(*numbers.rbegin() == 199);
    CHECK(distinct(params_by_number(*study)) == 200);
}
