// What both file storages (sqlite, journal) do with their file: reading never creates or
// changes it (a missing file holds no study, made by the first study's creation), a file this
// process may not write is still read while writes to it fail naming it, and a path where no
// file can be gives an error naming it and the reason.
#include <file_storage.hpp>

#include <doctest/doctest.h>

#include <grp.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <functional>
#include <sstream>

using hpo::test::contains;
using hpo::test::FileStorage;
using hpo::test::json;
using hpo::test::read_file;
using hpo::test::ScratchDir;
using hpo::test::try_open;
using hpo::test::url_of;

namespace fs = std::filesystem;

namespace {

const json new_study = {{"name", "s"}, {"directions", {"minimize"}}, {"space", json::object()}};

// Runs body() in a child process that may not write what only its owner may (as root, the
// child becomes user "nobody": root writes anywhere, whatever the permissions say). Returns
// what body() returned, its account of what went wrong ("" when nothing did), or why the
// child failed.
std::string in_unprivileged_process(const std::function<std::string()> &body) {
    // Loaded while still privileged: the build tree may sit in a folder only its owner can
    // enter (a fresh clone in a mktemp folder), where user nobody could not open them.
    for (const char *scheme : {"sqlite", "journal"}) hpo::test::storage_ops(hpo::test::library_of(scheme), scheme);
    int pipe_ends[2];
    REQUIRE(::pipe(pipe_ends) == 0);
    const pid_t pid = ::fork();
    REQUIRE(pid >= 0);
    if (pid == 0) {
        ::close(pipe_ends[0]);
        std::string report;
        constexpr uid_t nobody = 65534;
        if (::geteuid() == 0 && (::setgroups(0, nullptr) != 0 || ::setgid(nobody) != 0 || ::setuid(nobody) != 0)) {
            report = std::string("cannot become user nobody: ") + std::strerror(errno);
        } else {
            try {
                report = body();
            } catch (const std::exception &error) {
                report = std::string("threw: ") + error.what();
            } catch (...) {
                report = "a check inside the child failed";
            }
        }
        for (size_t written = 0; written < report.size();) {
            const ssize_t wrote = ::write(pipe_ends[1], report.data() + written, report.size() - written);
            if (wrote <= 0) break;
            written += static_cast<size_t>(wrote);
        }
        ::_exit(0);
    }
    ::close(pipe_ends[1]);
    std::string report;
    char buffer[4096];
    for (ssize_t got; (got = ::read(pipe_ends[0], buffer, sizeof buffer)) > 0;) {
        report.append(buffer, static_cast<size_t>(got));
    }
    ::close(pipe_ends[0]);
    int status = 0;
    ::waitpid(pid, &status, 0);
    if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) report += " (the child process died)";
    return report;
}

// What a write refused to a read-only file says is wrong with it, or "" when it is right.
std::string refused_naming(int32_t status, const FileStorage &storage, const std::string &path, const char *what) {
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
    FileStorage storage(scheme, path);
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
        FileStorage reader(scheme, path);
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
        FileStorage writer(scheme, path);
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
                FileStorage storage(scheme, path);
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

            CHECK(in_unprivileged_process([&] { return read_then_write(scheme, path); }) == "");
            CHECK(read_file(path) == before);
            fs::permissions(folder, perms::all);
        }
    }
}

TEST_CASE("a path that cannot be opened gives an error naming it and the reason") {
    for (const std::string scheme : {"sqlite", "journal"}) {
        CAPTURE(scheme);
        const ScratchDir dir;
        std::string error;
        SUBCASE("a missing directory") {
            const std::string path = dir.file("missing/study.db");
            CHECK(try_open(url_of(scheme, path), error) == HPO_EIO);
            CHECK(contains(error, path));
            CHECK(contains(error, "No such file or directory"));
        }
        SUBCASE("a directory given as the file") {
            const std::string path = dir.file("");
            CHECK(try_open(url_of(scheme, path), error) == HPO_EIO);
            CHECK(contains(error, url_of(scheme, path)));
        }
    }
}

TEST_CASE("a file that cannot be made is read as holding no study, and its creation fails naming it") {
    for (const std::string scheme : {"sqlite", "journal"}) {
        CAPTURE(scheme);
        const ScratchDir dir;
        const std::string locked = dir.file("locked");
        fs::create_directory(locked);
        using fs::perms;
        fs::permissions(locked, perms::owner_read | perms::owner_exec | perms::group_read | perms::group_exec |
                                    perms::others_read | perms::others_exec);
        const std::string path = locked + "/study";
        const std::string wrong = in_unprivileged_process([&]() -> std::string {
            FileStorage storage(scheme, path);
            if (storage.list_studies() != json::array()) return "studies listed where there is no file";
            int64_t id = -1;
            if (storage.try_create_study({{"name", "s"}}, false, id) != HPO_EIO) return "the creation did not fail";
            if (!contains(storage.last_error(), path) || !contains(storage.last_error(), "Permission denied")) {
                return "the creation's error does not say where and why: " + storage.last_error();
            }
            return "";
        });
        CHECK(wrong == "");
        fs::permissions(locked, perms::all);
    }
}
