// The contract's trials: numbered 0, 1, 2, ... per study, records of plugin.h's shape, the
// patch rules (merge, add steps, replace), a finished state refused with HPO_ESTATE and
// nothing changed, and values of every kind ("inf", "-inf", null) round trip.
#include "conformance_case.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <set>
#include <thread>
#include <vector>

using hpo::test::ConformanceCase;
using hpo::test::contains;
using hpo::test::json;
using hpo::test::numbers_of;
using hpo::test::missing_id;

TEST_CASE_FIXTURE(ConformanceCase, "trials are numbered 0, 1, 2, ... per study, with ids unique to the storage") {
    const int64_t first = create_study(storage(), "first");
    const int64_t second = create_study(storage(), "second");
    std::set<int64_t> ids;
    for (int i = 0; i < 3; ++i) {
        for (const int64_t study : {first, second}) {
            int64_t id = -1;
            int64_t number = -1;
            REQUIRE(storage().try_create_trial(study, {{"state", "RUNNING"}}, id, number) == HPO_OK);
            CHECK(number == i);
            ids.insert(id);
        }
    }
    CHECK(ids.size() == 6);
    CHECK(numbers_of(storage().all_trials(first)) == std::vector<int64_t>{0, 1, 2});
    int64_t id = -1;
    int64_t number = -1;
    CHECK(storage().try_create_trial(missing_id, {{"state", "RUNNING"}}, id, number) == HPO_ENOTFOUND);
}

TEST_CASE_FIXTURE(ConformanceCase, "a new trial's record has every field of plugin.h's shape") {
    const int64_t study = create_study(storage(), "s");
    const json running = storage().trial(study, storage().create_trial(study));
    CHECK(running["state"] == "RUNNING");
    for (const char *key : {"params", "intermediate_values", "user_attrs", "system_attrs"}) {
        CAPTURE(key);
        CHECK(running[key] == json::object());
    }
    for (const char *key : {"values", "constraints", "datetime_complete", "message", "worker"}) {
        CAPTURE(key);
        CHECK(running[key].is_null());
    }
    CHECK(running["heartbeat"].is_number()); // stamped at its creation
    const json waiting = storage().trial(study, storage().create_trial(study, {{"state", "WAITING"}}));
    CHECK(waiting["state"] == "WAITING");
    CHECK(waiting["heartbeat"].is_null());
}

TEST_CASE_FIXTURE(ConformanceCase, "a trial patch merges params, attributes and steps and replaces the rest") {
    const int64_t study = create_study(storage(), "s");
    const int64_t id = storage().create_trial(
        study, {{"state", "RUNNING"}, {"params", {{"x", 0.25}}}, {"user_attrs", {{"a", 1}}}});
    storage().update_trial(study, id, {{"params", {{"y", 3.0}, {"z", nullptr}}}});
    storage().update_trial(study, id, {{"intermediate_values", {{"1", 0.5}, {"2", 0.4}}}});
    storage().update_trial(study, id, {{"intermediate_values", {{"2", 9.0}, {"3", 0.3}}}});
    storage().update_trial(study, id, {{"user_attrs", {{"b", "two"}}}, {"system_attrs", {{"bracket", 1}}}});
    storage().update_trial(study, id, {{"message", "first"}, {"constraints", {1.0, 2.0}}});
    storage().update_trial(study, id, {{"message", "second"}, {"values", {0.1, nullptr}}, {"constraints", {-1.0}}});

    const json record = storage().trial(study, id);
    CHECK(record["params"] == json{{"x", 0.25}, {"y", 3.0}, {"z", nullptr}});
    CHECK(record["intermediate_values"] == json{{"1", 0.5}, {"2", 0.4}, {"3", 0.3}});
    CHECK(record["user_attrs"] == json{{"a", 1}, {"b", "two"}});
    CHECK(record["system_attrs"] == json{{"bracket", 1}});
    CHECK(record["message"] == "second");
    CHECK(record["values"] == json{0.1, nullptr});
    CHECK(record["constraints"] == json{-1.0});

    SUBCASE("an unknown key or a key of the wrong type is refused, and nothing changes") {
        CHECK(storage().try_update_trial(study, id, {{"message", "third"}, {"intermediate", json::object()}}) ==
              HPO_EINVAL);
        CHECK(contains(storage().last_error(), "\"intermediate\""));
        CHECK(storage().try_update_trial(study, id, {{"state", "DONE"}}) == HPO_EINVAL);
        CHECK(storage().try_update_trial(study, id, {{"number", 5}}) == HPO_EINVAL);
        CHECK(storage().try_update_trial(study, id, {{"intermediate_values", {{"two", 1}}}}) == HPO_EINVAL);
        CHECK(storage().try_update_trial(study, id, {{"values", {"infinity"}}}) == HPO_EINVAL);
        CHECK(storage().try_update_trial(study, id, {{"constraints", 1.0}}) == HPO_EINVAL);
        CHECK(storage().trial(study, id) == record);
    }
    SUBCASE("a trial of another study, or of none, is not found") {
        const int64_t other = create_study(storage(), "other");
        CHECK(storage().try_update_trial(other, id, {{"message", "x"}}) == HPO_ENOTFOUND);
        CHECK(storage().try_update_trial(study, missing_id, {{"message", "x"}}) == HPO_ENOTFOUND);
    }
}

TEST_CASE_FIXTURE(ConformanceCase, "infinite values and constraints round trip as \"inf\" and \"-inf\"") {
    const int64_t study = create_study(storage(), "s");
    const int64_t id = storage().create_trial(study, {{"state", "RUNNING"}, {"constraints", {"-inf", 0.5}}});
    CHECK(storage().trial(study, id)["constraints"] == json{"-inf", 0.5});
    storage().update_trial(study, id, {{"intermediate_values", {{"1", "inf"}, {"2", "-inf"}, {"3", nullptr}}}});
    storage().update_trial(study, id,
                           {{"state", "COMPLETE"}, {"values", {"inf", "-inf", nullptr, 1.5}}, {"constraints", {"inf"}}});
    const json record = storage().trial(study, id);
    CHECK(record["values"] == json{"inf", "-inf", nullptr, 1.5});
    CHECK(record["intermediate_values"] == json{{"1", "inf"}, {"2", "-inf"}, {"3", nullptr}});
    CHECK(record["constraints"] == json{"inf"});
}

TEST_CASE_FIXTURE(ConformanceCase, "a finished trial refuses a new state, changing nothing, but takes other writes") {
    const int64_t study = create_study(storage(), "s");
    const int64_t id = storage().create_trial(study);
    storage().update_trial(study, id, {{"state", "COMPLETE"}, {"values", {1.5}}});
    for (const char *state : {"FAIL", "RUNNING", "COMPLETE"}) {
        CAPTURE(state);
        CHECK(storage().try_update_trial(study, id, {{"state", state}, {"message", "late"}, {"values", {2.0}}}) ==
              HPO_ESTATE);
    }
    storage().update_trial(study, id, {{"user_attrs", {{"note", "after"}}}});
    const json record = storage().trial(study, id);
    CHECK(record["state"] == "COMPLETE");
    CHECK(record["values"] == json{1.5});
    CHECK(record["message"].is_null());
    CHECK(record["user_attrs"]["note"] == "after");
}

TEST_CASE_FIXTURE(ConformanceCase, "threads telling the same trial at once: exactly one wins") {
    const int64_t study = create_study(storage(), "s");
    for (const bool shared_instance : {true, false}) {
        CAPTURE(shared_instance);
        for (int round = 0; round < 5; ++round) {
            const int64_t id = storage().create_trial(study);
            std::vector<int32_t> statuses(4);
            std::vector<std::thread> workers;
            for (size_t w = 0; w < statuses.size(); ++w) {
                workers.emplace_back([&, w] {
                    const json tell = {{"state", "COMPLETE"}, {"values", {static_cast<double>(w)}}};
                    if (shared_instance) {
                        statuses[w] = storage().try_update_trial(study, id, tell);
                    } else {
                        statuses[w] = open()->try_update_trial(study, id, tell);
                    }
                });
            }
            for (std::thread &worker : workers) worker.join();
            CHECK(std::count(statuses.begin(), statuses.end(), HPO_OK) == 1);
            CHECK(std::count(statuses.begin(), statuses.end(), HPO_ESTATE) == 3);
        }
    }
}
