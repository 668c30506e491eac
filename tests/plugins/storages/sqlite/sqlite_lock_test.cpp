// A sqlite file another connection keeps locked past the timeout: the write fails as busy
// (HPO_EBUSY, try again), naming the file, and changes nothing; once the lock is gone the same
// call gets through.
#include <file_storage.hpp>

#include <doctest/doctest.h>

#include <sqlite3.h>

using hpo::test::contains;
using hpo::test::FileStorage;
using hpo::test::ScratchDir;

TEST_CASE("a sqlite write that waits out the timeout on another's lock fails as busy, changing nothing") {
    const ScratchDir dir;
    const std::string path = dir.file("locked.db");
    FileStorage storage("sqlite", path, "?timeout=0.2");
    const int64_t study = storage.create_study("s");

    sqlite3 *other = nullptr;
    REQUIRE(sqlite3_open(path.c_str(), &other) == SQLITE_OK);
    REQUIRE(sqlite3_exec(other, "BEGIN IMMEDIATE", nullptr, nullptr, nullptr) == SQLITE_OK);
    int64_t id = -1;
    int64_t number = -1;
    CHECK(storage.try_create_trial(study, {{"state", "RUNNING"}}, id, number) == HPO_EBUSY);
    CHECK(contains(storage.last_error(), "\"" + path + "\" stayed locked"));
    REQUIRE(sqlite3_exec(other, "ROLLBACK", nullptr, nullptr, nullptr) == SQLITE_OK);
    sqlite3_close(other);

    CHECK(storage.all_trials(study).empty());
    REQUIRE(storage.try_create_trial(study, {{"state", "RUNNING"}}, id, number) == HPO_OK);
    CHECK(number == 0);
}
