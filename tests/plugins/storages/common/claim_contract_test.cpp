// The contract's claims: the oldest WAITING trial turns RUNNING for the worker that claims it,
// started and beating; claimers that race each get a different trial.
#include "conformance_case.hpp"

#include <doctest/doctest.h>

#include <set>
#include <thread>
#include <vector>

using hpo::test::ConformanceCase;
using hpo::test::json;

TEST_CASE_FIXTURE(ConformanceCase, "claiming takes the oldest waiting trial and starts it for the worker") {
    const int64_t study = create_study(storage(), "s");
    CHECK(storage().claim(study, "w0") == -1);
    storage().create_trial(study, {{"state", "RUNNING"}});
    const int64_t first = storage().create_trial(study, {{"state", "WAITING"}, {"params", {{"x", 1.0}}}});
    const int64_t second = storage().create_trial(study, {{"state", "WAITING"}});

    CHECK(storage().claim(study, "w1") == first);
    const json record = storage().trial(study, first);
    CHECK(record["state"] == "RUNNING");
    CHECK(record["worker"] == "w1");
    CHECK(record["params"]["x"] == 1.0);
    CHECK(record["datetime_start"].is_string());
    CHECK(record["heartbeat"].is_number());
    CHECK(storage().claim(study, nullptr) == second);
    CHECK(storage().trial(study, second)["worker"].is_null());
    CHECK(storage().claim(study, "w1") == -1);
}

TEST_CASE_FIXTURE(ConformanceCase, "claimers racing on several instances each get a different trial") {
    const int64_t study = create_study(storage(), "s");
    constexpr int n_waiting = 40;
    for (int i = 0; i < n_waiting; ++i) storage().create_trial(study, {{"state", "WAITING"}});

    constexpr int n_claimers = 4;
    std::vector<std::vector<int64_t>> claimed(n_claimers);
    std::vector<int32_t> failures(n_claimers, HPO_OK);
    std::vector<std::thread> claimers;
    for (int c = 0; c < n_claimers; ++c) {
        claimers.emplace_back([&, c] {
            const auto mine = open();
            const std::string worker = "w" + std::to_string(c);
            for (int64_t id = 0;;) {
                if (const int32_t status = mine->try_claim(study, worker.c_str(), id); status != HPO_OK) {
                    failures[static_cast<size_t>(c)] = status;
                    return;
                }
                if (id < 0) return;
                claimed[static_cast<size_t>(c)].push_back(id);
            }
        });
    }
    for (std::thread &claimer : claimers) claimer.join();

    std::set<int64_t> distinct;
    size_t total = 0;
    for (int c = 0; c < n_claimers; ++c) {
        CHECK(failures[static_cast<size_t>(c)] == HPO_OK);
        total += claimed[static_cast<size_t>(c)].size();
        distinct.insert(claimed[static_cast<size_t>(c)].begin(), claimed[static_cast<size_t>(c)].end());
    }
    CHECK(total == n_waiting);
    CHECK(distinct.size() == n_waiting);
    for (const json &trial : storage().all_trials(study)) CHECK(trial["state"] == "RUNNING");
}
