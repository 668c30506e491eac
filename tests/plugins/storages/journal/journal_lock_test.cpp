// A journal another writer keeps locked past the timeout: the write fails as busy (HPO_EBUSY,
// try again), naming the file, and appends nothing; once the lock is gone the same call gets
// through.
#include <file_storage.hpp>

#include <doctest/doctest.h>

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

using hpo::test::contains;
using hpo::test::FileStorage;
using hpo::test::ScratchDir;

TEST_CASE("a journal write that waits out the timeout on another's lock fails as busy, changing nothing") {
    const ScratchDir dir;
    const std::string path = dir.file("locked.log");
    FileStorage storage("journal", path, "?timeout=0.2");
    const int64_t study = storage.create_study("s");

    // flock belongs to the open file: another descriptor excludes this process's storage too.
    const int other = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    REQUIRE(other >= 0);
    REQUIRE(::flock(other, LOCK_EX) == 0);
    int64_t id = -1;
    int64_t number = -1;
    CHECK(storage.try_create_trial(study, {{"state", "RUNNING"}}, id, number) == HPO_EBUSY);
    CHECK(contains(storage.last_error(), "\"" + path + "\" stayed locked"));
    ::close(other);

    CHECK(storage.all_trials(study).empty());
    REQUIRE(storage.try_create_trial(study, {{"state", "RUNNING"}}, id, number) == HPO_OK);
    CHECK(number == 0);
}
