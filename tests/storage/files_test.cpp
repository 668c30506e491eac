// What can go wrong with a storage's file: bad options, paths where no file can be, a SQLite
// file of a future schema, a journal whose last record a crash tore.
#include "storage_fixture.hpp"

#include <doctest/doctest.h>

#include <sqlite3.h>

#include <fstream>
#include <sstream>

using hpo::test::contains;
using hpo::test::json;
using hpo::test::open_storage;
using hpo::test::ScratchDir;
using hpo::test::Storage;
using hpo::test::TestHost;
using hpo::test::url_of;

namespace {

// The status of opening options_json, the error in last_error.
int32_t try_open(const std::string &scheme, const json &options) {
    TestHost host;
    void *self = nullptr;
    const int32_t status = open_storage(scheme, options.dump(), host, &self);
    if (status == HPO_OK) hpo::test::storage_ops(scheme).destroy(self);
    return status;
}

std::string read_file(const std::string &path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

} // namespace

TEST_CASE("a storage refuses bad options, naming them") {
    for (const std::string scheme : {"sqlite", "journal"}) {
        CAPTURE(scheme);
        const ScratchDir dir;
        const std::string url = url_of(scheme, dir.file("s"));
        CHECK(try_open(scheme, {{"url", url}, {"timout", 3}}) == HPO_EINVAL);
        CHECK(contains(TestHost::last_error(), "unknown option \"timout\""));
        CHECK(try_open(scheme, {{"url", url}, {"timeout", -1}}) == HPO_EINVAL);
        CHECK(contains(TestHost::last_error(), "\"timeout\""));
        CHECK(try_open(scheme, json::object()) == HPO_EINVAL);
        CHECK(contains(TestHost::last_error(), "\"url\" is required"));
        CHECK(try_open(scheme, {{"url", "postgresql://host/db"}}) == HPO_EINVAL);
        CHECK(contains(TestHost::last_error(), scheme + ":///path/to/file"));
    }
}

TEST_CASE("a path that cannot be opened gives an error naming it and the reason") {
    for (const std::string scheme : {"sqlite", "journal"}) {
        CAPTURE(scheme);
        const ScratchDir dir;
        SUBCASE("a missing directory") {
            const std::string path = dir.file("missing/study.db");
            CHECK(try_open(scheme, {{"url", url_of(scheme, path)}}) == HPO_EIO);
            CHECK(contains(TestHost::last_error(), path));
            CHECK(contains(TestHost::last_error(), "No such file or directory"));
        }
        SUBCASE("a directory given as the file") {
            const std::string path = dir.file("");
            CHECK(try_open(scheme, {{"url", url_of(scheme, path)}}) == HPO_EIO);
            CHECK(contains(TestHost::last_error(), url_of(scheme, path)));
        }
    }
}

TEST_CASE("a file that cannot be made is read as holding no study, and its creation fails naming it") {
    for (const std::string scheme : {"sqlite", "journal"}) {
        CAPTURE(scheme);
        const ScratchDir dir;
        const std::string locked = dir.file("locked");
        std::filesystem::create_directory(locked);
        using std::filesystem::perms;
        std::filesystem::permissions(locked, perms::owner_read | perms::owner_exec | perms::group_read |
                                                 perms::group_exec | perms::others_read | perms::others_exec);
        const std::string path = locked + "/study";
        const std::string wrong = hpo::test::in_unprivileged_process([&]() -> std::string {
            Storage storage(scheme, path);
            if (storage.list_studies() != json::array()) return "studies listed where there is no file";
            int64_t id = -1;
            if (storage.try_create_study({{"name", "s"}}, false, id) != HPO_EIO) return "the creation did not fail";
            if (!contains(storage.last_error(), path) || !contains(storage.last_error(), "Permission denied")) {
                return "the creation's error does not say where and why: " + storage.last_error();
            }
            return "";
        });
        CHECK(wrong == "");
        std::filesystem::permissions(locked, perms::all);
    }
}

TEST_CASE("a sqlite file of a future schema version is refused with both versions") {
    const ScratchDir dir;
    const std::string path = dir.file("future.db");
    Storage("sqlite", path).create_study("s");
    sqlite3 *db = nullptr;
    REQUIRE(sqlite3_open(path.c_str(), &db) == SQLITE_OK);
    REQUIRE(sqlite3_exec(db, "PRAGMA user_version = 7", nullptr, nullptr, nullptr) == SQLITE_OK);
    sqlite3_close(db);

    const std::string url = url_of("sqlite", path);
    CHECK(try_open("sqlite", {{"url", url}}) == HPO_EIO);
    CHECK(TestHost::last_error() == url + " has schema version 7; this build reads up to 1");
}

TEST_CASE("a sqlite file written by something else is refused, not overwritten") {
    const ScratchDir dir;
    const std::string path = dir.file("notes.db");
    std::ofstream(path) << "these are not the droids you are looking for, nor a database\n";
    CHECK(try_open("sqlite", {{"url", url_of("sqlite", path)}}) == HPO_EIO);
    CHECK(contains(TestHost::last_error(), "file is not a database"));
    CHECK(contains(read_file(path), "droids"));
}

TEST_CASE("a journal with a torn last record opens and keeps working") {
    const ScratchDir dir;
    const std::string path = dir.file("torn.log");
    int64_t study = 0;
    int64_t first = 0;
    {
        Storage storage("journal", path);
        study = storage.create_study("s");
        first = storage.create_trial(study);
        storage.update_trial(study, first, {{"state", "COMPLETE"}, {"values", {1.0}}});
    }
    const std::string intact = read_file(path);
    // A writer that died mid-record: the line has no end.
    std::ofstream(path, std::ios::app) << R"({"op": "update_trial", "study_id": 1, "trial_id": 1, "pat)";

    Storage storage("journal", path);
    const json trials = storage.all_trials(study);
    REQUIRE(trials.size() == 1);
    CHECK(trials[0]["state"] == "COMPLETE");

    const int64_t second = storage.create_trial(study);
    storage.update_trial(study, second, {{"state", "COMPLETE"}, {"values", {2.0}}});
    bool warned = false;
    for (const std::string &warning : storage.host.warnings()) warned |= contains(warning, "torn");
    CHECK(warned);

    const std::string now = read_file(path);
    CHECK(now.compare(0, intact.size(), intact) == 0); // the torn bytes are gone, not buried
    std::istringstream lines(now);
    for (std::string line; std::getline(lines, line);) CHECK(json::accept(line));

    Storage reopened("journal", path);
    const json after = reopened.all_trials(study);
    REQUIRE(after.size() == 2);
    CHECK(after[1]["number"] == 1);
    CHECK(after[1]["values"] == json{2.0});
}

TEST_CASE("an unreadable record in the middle of a journal is skipped with a warning") {
    const ScratchDir dir;
    const std::string path = dir.file("damaged.log");
    int64_t study = 0;
    {
        Storage storage("journal", path);
        study = storage.create_study("s");
    }
    std::ofstream(path, std::ios::app) << "\x01\x02 damaged block\n";
    {
        Storage storage("journal", path);
        storage.create_trial(study);
    }
    Storage storage("journal", path);
    CHECK(storage.all_trials(study).size() == 1);
    bool warned = false;
    for (const std::string &warning : storage.host.warnings()) warned |= contains(warning, "skipped a damaged record");
    CHECK(warned);
}
