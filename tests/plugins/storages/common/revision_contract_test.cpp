// The contract's reads by revision: read_trials and read_changes return only what was written
// since the revision a reader last saw, the study record only when it changed, and what one
// instance writes another reads.
#include "conformance_case.hpp"

#include <doctest/doctest.h>

#include <vector>

using hpo::test::ConformanceCase;
using hpo::test::json;
using hpo::test::offers;
using hpo::test::numbers_of;

TEST_CASE_FIXTURE(ConformanceCase, "reading trials returns only those written since a revision") {
    const int64_t study = create_study(storage(), "s");
    const int64_t other = create_study(storage(), "other");
    std::vector<int64_t> ids;
    for (int i = 0; i < 5; ++i) ids.push_back(storage().create_trial(study));
    storage().create_trial(other);

    int64_t revision = 0;
    CHECK(storage().read_trials(study, 0, revision).size() == 5);
    const int64_t seen = revision;
    CHECK(storage().read_trials(study, seen, revision).empty());
    CHECK(revision == seen);

    storage().update_trial(study, ids[3], {{"state", "COMPLETE"}, {"values", {3.0}}});
    storage().update_trial(study, ids[1], {{"intermediate_values", {{"0", 1.0}}}});
    storage().create_trial(other);
    const json changed = storage().read_trials(study, seen, revision);
    CHECK(revision > seen);
    CHECK(numbers_of(changed) == std::vector<int64_t>{1, 3});
    CHECK(changed[1]["values"] == json{3.0});

    SUBCASE("another instance on the same storage sees the writes too") {
        const auto reader = open();
        int64_t its_revision = 0;
        CHECK(reader->read_trials(study, 0, its_revision).size() == 5);
        storage().update_trial(study, ids[4], {{"message", "hello"}});
        const json news = reader->read_trials(study, its_revision, its_revision);
        REQUIRE(news.size() == 1);
        CHECK(news[0]["message"] == "hello");
    }
}

TEST_CASE_FIXTURE(ConformanceCase, "read_changes returns the study record only when it changed since the revision") {
    if (!offers(storage().ops().read_changes, "read_changes")) return;
    const std::string name = study_name("s");
    int64_t study = -1;
    REQUIRE(storage().try_create_study({{"name", name}, {"seed", 7}}, false, study) == HPO_OK);
    const int64_t first = storage().create_trial(study);

    int64_t revision = 0;
    json changes = storage().read_changes(study, 0, revision);
    CHECK(changes["study"]["name"] == name);
    CHECK(changes["study"]["id"] == study);
    CHECK(numbers_of(changes["trials"]) == std::vector<int64_t>{0});
    int64_t seen = revision;

    SUBCASE("nothing written: no study, no trials, the same revision") {
        changes = storage().read_changes(study, seen, revision);
        CHECK(changes == json{{"study", nullptr}, {"trials", json::array()}});
        CHECK(revision == seen);
    }
    SUBCASE("a trial written: the trial alone") {
        storage().update_trial(study, first, {{"message", "m"}});
        changes = storage().read_changes(study, seen, revision);
        CHECK(changes["study"].is_null());
        REQUIRE(changes["trials"].size() == 1);
        CHECK(changes["trials"][0]["message"] == "m");
        CHECK(revision > seen);
    }
    SUBCASE("the study updated, by this instance or another: the record, and a later revision") {
        const auto other = open();
        for (hpo::test::StorageClient *writer : {&storage(), other.get()}) {
            REQUIRE(writer->try_update_study(study, {{"system_attrs", {{"population", revision}}}}) == HPO_OK);
            changes = storage().read_changes(study, seen, revision);
            CHECK(revision > seen);
            CHECK(changes["study"]["id"] == study);
            CHECK(changes["study"]["seed"] == 7);
            CHECK(changes["study"]["system_attrs"]["population"] == seen);
            CHECK(changes["trials"] == json::array());
            seen = revision;
        }
        int64_t after = 0;
        storage().read_trials(study, seen, after);
        CHECK(after == revision); // one revision for the study and its trials
    }
}
