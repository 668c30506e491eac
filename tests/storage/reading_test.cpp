// Reading never creates or changes a storage's file: a missing file holds no study and is
// made by the first study's creation, and a file this process may not write is still read,
// while a write to it fails naming it.
#include "storage_fixture.hpp"

#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

using hpo::test::contains;
using hpo::test::json;
using hpo::test::ScratchDir;
using hpo::test::Storage;

namespace fs = std::filesystem;

namespace {

const json new_study = {{"name", "s"}, {"directions", {"minimize"}}, {"space", json::object()}};

std::string read_file(const std::string &path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

// What a write refused to a read-only file says is wrong with it, or "" when it is right.
std::string refused_naming(int32_t status, const Storage &storage, const std::string &path, const char *what) {
    if (status != HPO_EIO) return std::string(what) + " returned " + std::to_string(status) + ", not HPO_EIO; ";
    if (!contains(storage.last_error(), "cannot write to \"" + path + "\"")) {
        return std::string(what) + " said \"" + storage.last_error() + "\", naming no file; ";
    }
    return "";
}

// Reads the study of `path` (one COMPLETE trial) and tries to write it, in a process that
// may not write the file; returns what went wrong.
std::string read_then_write(const std::string &scheme, const std::string &path) {
    std::string wrong;
    Storage storage(scheme, path);
    int64_t id = -1;
    json study;
    if (storage.try_load_study("s", id, study) != HPO_OK) return "load_study failed: " + storage.last_error();
    if (storage.list_studies().size() != 1) wrong += "list_studies does not give the one study; ";
    json trials;
    if (storage.try_read_trials(id, 0, trials) != HPO_OK || trials.size() != 1 || trials[0]["state"] != "COMPLETE") {
        wrong += "read_trials does not give the COMPLETE trial: " + storage.last_error() + "; ";
    }
    // Opening an existing study, as the engine does before it runs, only reads.
    int64_t loaded = -1;
    if (storage.try_create_study(new_study, true, loaded) != HPO_OK || loaded != id) {
        wrong += "create_study(load_if_exists) of the existing study failed: " + storage.last_error() + "; ";
    }
    int64_t trial = -1;
    int64_t number = -1;
    wrong += refused_naming(storage.try_create_trial(id, {{"state", "RUNNING"}}, trial, number), storage, path,
                            "create_trial");
    int64_t other = -1;
    wrong += refused_naming(storage.try_create_study({{"name", "t"}}, false, other), storage, path, "create_study");
    wrong += refused_naming(storage.try_update_trial(id, trials.empty() ? 1 : trials[0]["id"].get<int64_t>(),
                                                     {{"user_attrs", {{"a", 1}}}}),
                            storage, path, "update_trial");
    return wrong;
}

} // namespace

TEST_CASE("reading a storage whose file does not exist finds no study and makes no file") {
    for (const std::string scheme : {"sqlite", "journal"}) {
        CAPTURE(scheme);
        const ScratchDir dir;
        const std::string path = dir.file("study");
        Storage reader(scheme, path);
        CHECK(reader.list_studies() == json::array());
        int64_t id = -1;
        json study;
        CHECK(reader.try_load_study("s", id, study) == HPO_ENOTFOUND);
        CHECK(contains(reader.last_error(), "no study named \"s\""));
        CHECK(contains(reader.last_error(), path));
        json trials;
        CHECK(reader.try_read_trials(1, 0, trials) == HPO_ENOTFOUND);
        // A write on a study that cannot be there fails the same way, making nothing either.
        int64_t trial = -1;
        int64_t number = -1;
        CHECK(reader.try_create_trial(1, {{"state", "RUNNING"}}, trial, number) == HPO_ENOTFOUND);
        CHECK(reader.try_delete_study("s") == HPO_ENOTFOUND);
        CHECK_FALSE(fs::exists(path));

        // The first study's creation makes the file; the handle that found none sees it then.
        Storage writer(scheme, path);
        const int64_t created = writer.create_study("s");
        CHECK(fs::exists(path));
        writer.create_trial(created);
        REQUIRE(reader.try_load_study("s", id, study) == HPO_OK);
        CHECK(id == created);
        CHECK(reader.all_trials(created).size() == 1);
    }
}

TEST_CASE("a storage file this process may not write is still read, and writes to it fail naming it") {
    for (const std::string scheme : {"sqlite", "journal"}) {
        for (const bool directory_writable : {true, false}) {
            CAPTURE(scheme);
            CAPTURE(directory_writable);
            const ScratchDir dir;
            const fs::path folder = dir.file("kept");
            fs::create_directory(folder);
            const std::string path = (folder / "study").string();
            {
                Storage storage(scheme, path);
                const int64_t study = storage.create_study("s");
                storage.update_trial(study, storage.create_trial(study), {{"state", "COMPLETE"}, {"values", {1.0}}});
            }
            const std::string before = read_file(path);
            using fs::perms;
            fs::permissions(path, perms::owner_read | perms::group_read | perms::others_read);
            // A writable directory lets SQLite make its -shm file beside a write-protected
            // database; without one, it must read the file as it stands.
            fs::permissions(folder, directory_writable ? perms::all : perms::owner_read | perms::owner_exec |
                                                                       perms::group_read | perms::group_exec |
                                                                       perms::others_read | perms::others_exec);

            CHECK(hpo::test::in_unprivileged_process([&] { return read_then_write(scheme, path); }) == "");
            CHECK(read_file(path) == before);
            fs::permissions(folder, perms::all);
        }
    }
}
