// The sqlite storage's file: a file of schema version 1 read as it stands and migrated by the
// first write, one of a future version refused with both versions, and a file that is not a
// database refused, not overwritten.
#include <file_storage.hpp>

#include <doctest/doctest.h>

#include <sqlite3.h>

#include <fstream>
#include <sstream>

using hpo::test::contains;
using hpo::test::FileStorage;
using hpo::test::json;
using hpo::test::read_file;
using hpo::test::ScratchDir;
using hpo::test::try_open;
using hpo::test::url_of;

namespace {

void execute(const std::string &path, const char *sql) {
    sqlite3 *db = nullptr;
    REQUIRE(sqlite3_open(path.c_str(), &db) == SQLITE_OK);
    char *error = nullptr;
    const int rc = sqlite3_exec(db, sql, nullptr, nullptr, &error);
    const std::string message = error != nullptr ? error : "";
    sqlite3_free(error);
    sqlite3_close(db);
    REQUIRE_MESSAGE(rc == SQLITE_OK, message);
}

// A file as the first release wrote it: schema version 1, one study (id 1, revision 2) whose
// trial 0 completed. The tables are written out here, not made by the storage's own
// migration: a copy frozen on purpose, so that a change to version 1 in the storage (which
// must never happen) does not go unnoticed.
void write_version_1(const std::string &path) {
    execute(path, R"sql(
        CREATE TABLE studies (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            name TEXT NOT NULL UNIQUE,
            revision INTEGER NOT NULL DEFAULT 0,
            record TEXT NOT NULL);
        CREATE TABLE trials (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            study_id INTEGER NOT NULL REFERENCES studies(id),
            number INTEGER NOT NULL,
            state TEXT NOT NULL,
            heartbeat REAL,
            revision INTEGER NOT NULL,
            record TEXT NOT NULL,
            UNIQUE (study_id, number));
        CREATE INDEX trials_by_revision ON trials (study_id, revision);
        CREATE INDEX trials_by_state ON trials (study_id, state, number);
        INSERT INTO studies (name, revision, record)
            VALUES ('old', 2, '{"name": "old", "directions": ["minimize"], "seed": 3}');
        INSERT INTO trials (study_id, number, state, revision, record) VALUES (1, 0, 'COMPLETE', 2,
            '{"id": 1, "number": 0, "state": "COMPLETE", "params": {}, "values": [1.5],
              "intermediate_values": {}, "user_attrs": {}, "system_attrs": {},
              "datetime_start": null, "datetime_complete": null, "message": null,
              "heartbeat": null, "worker": null}');
        PRAGMA user_version = 1;
    )sql");
}

int schema_version(const std::string &path) {
    sqlite3 *db = nullptr;
    REQUIRE(sqlite3_open(path.c_str(), &db) == SQLITE_OK);
    sqlite3_stmt *statement = nullptr;
    REQUIRE(sqlite3_prepare_v2(db, "PRAGMA user_version", -1, &statement, nullptr) == SQLITE_OK);
    REQUIRE(sqlite3_step(statement) == SQLITE_ROW);
    const int version = sqlite3_column_int(statement, 0);
    sqlite3_finalize(statement);
    sqlite3_close(db);
    return version;
}

} // namespace

TEST_CASE("a sqlite file of schema version 1 is read as it stands and migrated by the first write") {
    const ScratchDir dir;
    const std::string path = dir.file("v1.db");
    write_version_1(path);

    FileStorage storage("sqlite", path);
    CHECK(storage.load_study("old")["seed"] == 3);
    int64_t revision = 0;
    // Without record_revision, the record counts as changed with every write: never missed.
    CHECK(storage.read_changes(1, 1, revision)["study"]["name"] == "old");
    CHECK(revision == 2);
    CHECK(schema_version(path) == 1); // reading changed nothing

    REQUIRE(storage.try_update_study(1, {{"system_attrs", {{"a", 1}}}}) == HPO_OK);
    CHECK(schema_version(path) == 2);
    json changes = storage.read_changes(1, 2, revision);
    CHECK(changes["study"]["system_attrs"] == json{{"a", 1}});
    CHECK(storage.read_changes(1, revision, revision)["study"].is_null());
    CHECK(storage.all_trials(1)[0]["values"] == json{1.5});
    storage.create_trial(1);
    CHECK(storage.all_trials(1).size() == 2);
}

TEST_CASE("a sqlite file of a future schema version is refused with both versions") {
    const ScratchDir dir;
    const std::string path = dir.file("future.db");
    FileStorage("sqlite", path).create_study("s");
    execute(path, "PRAGMA user_version = 7");
    std::string error;
    CHECK(try_open(url_of("sqlite", path), error) == HPO_EIO);
    CHECK(contains(error, url_of("sqlite", path) + " has schema version 7; this build reads up to 2"));
}

TEST_CASE("a sqlite file written by something else is refused, not overwritten") {
    const ScratchDir dir;
    const std::string path = dir.file("notes.db");
    std::ofstream(path) << "these are not the droids you are looking for, nor a database\n";
    std::string error;
    CHECK(try_open(url_of("sqlite", path), error) == HPO_EIO);
    CHECK(contains(error, "file is not a database"));
    CHECK(contains(read_file(path), "droids"));
}

TEST_CASE("a study whose record lost its name is listed under the name its row keeps") {
    const ScratchDir dir;
    const std::string path = dir.file("renamed.db");
    FileStorage("sqlite", path).create_study("kept");
    // The fuzz smoke's find: a damaged byte turned the record's "name" key into "nime".
    execute(path, R"sql(UPDATE studies SET record = replace(record, '"name":', '"nime":'))sql");
    FileStorage storage("sqlite", path);
    const json studies = storage.list_studies();
    REQUIRE(studies.size() == 1);
    CHECK(studies[0]["name"] == "kept");
    CHECK(storage.load_study("kept")["id"] == studies[0]["id"]);
    // The engine's next write of the record (it sends the name it opened the study by) gives
    // the name back, where a record naming another study is refused as a rename.
    REQUIRE(storage.try_update_study(studies[0]["id"], {{"name", "kept"}, {"seed", 4}}) == HPO_OK);
    CHECK(storage.load_study("kept")["name"] == "kept");
    CHECK(storage.try_update_study(studies[0]["id"], {{"name", "other"}}) == HPO_EINVAL);
}
