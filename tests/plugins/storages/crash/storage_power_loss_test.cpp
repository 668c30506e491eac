// Power-loss test of the durable file storages: a study completes some trials, then one more
// (its ask and its tell: the last transaction, everything written between two syncs). The
// files are then cut at every byte offset that transaction wrote, as a power cut would leave
// them, and each cut copy is opened: it must open, and the trials completed before that
// transaction must be there with their values.
//
// What a cut means for each mode:
// - journal (sync): the file only grows, one JSON operation per line, and a tell returns after
//   fsync. A cut leaves a prefix of the file: whole lines, then perhaps a torn one, which the
//   reader ignores and the next writer drops. Trials before the cut are all there.
// - sqlite (sync, WAL): the database file is not touched by a commit; the transaction's pages
//   are appended to the -wal file as frames (24-byte header, checksums chained from the WAL
//   header), and the commit is durable once the frame marked as commit is synced. A cut
//   leaves the database file as it was and a prefix of the -wal file; SQLite's recovery on
//   open replays the frames up to the last valid commit frame and ignores the rest, so the
//   transaction is either all there or not at all. The -shm index is not copied: it is rebuilt
//   on open, as after a reboot. (The rollback -journal mode is not cut here: the storage asks
//   for WAL, and runs in rollback mode only on a file system without shared memory.)
//   The WAL is checkpointed (emptied) before the last trial, so the transaction's frames
//   start with a fresh WAL header. Every offset of the WAL header and of each frame's header
//   is cut, and the last bytes of each frame; inside a page's body every 61st offset: to
//   SQLite a frame cut anywhere in its body is the same as one cut at its start (a frame
//   counts only whole and with its checksum), and opening a copy per byte of ~60 KB of
//   frames takes minutes. HPO_POWER_LOSS_EVERY_BYTE=1 cuts at every byte.
#include <hpo_test/built_study.hpp>
#include <hpo_test/test_files.hpp>

#include <doctest/doctest.h>
#include <sqlite3.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>

using namespace hpo;
using hpo::test::open_built_study;
namespace fs = std::filesystem;

namespace {

json study_config(const std::string &storage) {
    return {{"name", "power-loss"},
            {"sampler", "random"},
            {"storage", storage},
            {"load_if_exists", true},
            {"heartbeat", false},
            {"space", {{"x", {{"type", "float"}, {"low", 0}, {"high", 1}}}}}};
}

std::string bytes_of(const fs::path &file) {
    return fs::exists(file) ? hpo::test::read_text(file) : std::string();
}

void write_bytes(const fs::path &file, std::string_view bytes) {
    std::ofstream out(file, std::ios::binary | std::ios::trunc);
    out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
}

void complete_one(Study &study) {
    const auto number = study.ask();
    REQUIRE(number);
    study.tell(*number, HPO_TRIAL_COMPLETE, {study.param(*number, "x") * 10}, "");
}

// The cut copy at `storage` opens, and holds the completed trials `before` as they were;
// the last trial, where there is one, is the one the transaction wrote (or a part of it).
void check_cut_copy(const std::string &storage, const json &before, int64_t offset) {
    CAPTURE(offset);
    json trials;
    try {
        trials = open_built_study(study_config(storage))->trials_json();
    } catch (const std::exception &refused) {
        FAIL("the cut copy did not open: " << refused.what());
    }
    REQUIRE(trials.size() >= before.size());
    REQUIRE(trials.size() <= before.size() + 1);
    for (std::size_t i = 0; i < before.size(); ++i) {
        CHECK(trials[i]["number"] == before[i]["number"]);
        CHECK(trials[i]["state"] == "COMPLETE");
        CHECK(trials[i]["params"] == before[i]["params"]);
        CHECK(trials[i]["values"] == before[i]["values"]);
    }
}

// The trials so far, and a copy of each file, before and after one more trial.
struct LastTransaction {
    json trials_before;
    std::vector<std::string> before;  // per file
    std::vector<std::string> after;
};

// Moves what the WAL of the database at `db` holds into the database and empties it, as
// SQLite's automatic checkpoints do now and then.
void checkpoint(const fs::path &db) {
    sqlite3 *connection = nullptr;
    REQUIRE(sqlite3_open(db.c_str(), &connection) == SQLITE_OK);
    // A connection learns that the file is in WAL mode when it first reads it.
    REQUIRE(sqlite3_exec(connection, "SELECT count(*) FROM sqlite_master", nullptr, nullptr, nullptr) == SQLITE_OK);
    int logged = -1, moved = -1;
    const int status = sqlite3_wal_checkpoint_v2(connection, nullptr, SQLITE_CHECKPOINT_TRUNCATE, &logged, &moved);
    sqlite3_close(connection);
    REQUIRE(status == SQLITE_OK);
}

LastTransaction write_study(const std::string &storage, const std::vector<fs::path> &files) {
    auto study = open_built_study(study_config(storage));
    for (int i = 0; i < 5; ++i) complete_one(*study);
    if (storage.rfind("sqlite:", 0) == 0) checkpoint(files[0]);
    LastTransaction last;
    last.trials_before = study->trials_json();
    for (const auto &file : files) last.before.push_back(bytes_of(file));
    complete_one(*study);
    for (const auto &file : files) last.after.push_back(bytes_of(file));
    return last;  // the study stays open until here: closing would checkpoint the WAL
}

}  // namespace

TEST_CASE("journal: a cut at every byte of the last transaction reopens with the trials before it") {
    const auto dir = hpo::test::fresh_dir("power-loss-journal");
    const fs::path log = dir / "study.log";
    const LastTransaction last = write_study("journal:///" + log.string(), {log});
    const std::string &before = last.before[0];
    const std::string &after = last.after[0];
    REQUIRE(after.size() > before.size());
    REQUIRE(after.compare(0, before.size(), before) == 0);  // append-only

    MESSAGE("journal: the last transaction wrote bytes " << before.size() << " to " << after.size());
    const fs::path cut = dir / "cut.log";
    for (std::size_t offset = before.size(); offset <= after.size(); ++offset) {
        fs::remove(cut);
        write_bytes(cut, std::string_view(after).substr(0, offset));
        check_cut_copy("journal:///" + cut.string() + "?sync=false", last.trials_before, static_cast<int64_t>(offset));
    }
}

TEST_CASE("sqlite: a cut in every frame header and through every page of the last transaction's WAL reopens with the trials before it") {
    const auto dir = hpo::test::fresh_dir("power-loss-sqlite");
    const fs::path db = dir / "study.db";
    const fs::path wal = dir / "study.db-wal";
    const LastTransaction last = write_study("sqlite:///" + db.string(), {db, wal});
    // The commit wrote the WAL alone (no checkpoint ran in between): the database file is as
    // it was, and the WAL grew by the transaction's frames.
    REQUIRE(last.after[0] == last.before[0]);
    const std::string &wal_before = last.before[1];
    const std::string &wal_after = last.after[1];
    REQUIRE(wal_after.size() > wal_before.size());
    REQUIRE(wal_after.compare(0, wal_before.size(), wal_before) == 0);

    MESSAGE("sqlite: the last transaction wrote bytes " << wal_before.size() << " to " << wal_after.size() << " of the WAL");
    const fs::path cut_db = dir / "cut.db";
    // The WAL header (32 bytes) gives the page size; each frame is a 24-byte header and a page.
    REQUIRE(wal_after.size() >= wal_before.size() + 32);
    const auto byte = [&](std::size_t at) { return static_cast<std::size_t>(static_cast<unsigned char>(wal_after[at])); };
    const std::size_t page_size = byte(8) << 24 | byte(9) << 16 | byte(10) << 8 | byte(11);
    const std::size_t frame_size = 24 + page_size;
    REQUIRE((wal_after.size() - 32) % frame_size == 0);
    const bool every_byte = std::getenv("HPO_POWER_LOSS_EVERY_BYTE") != nullptr;
    const auto cut_here = [&](std::size_t offset) {
        if (every_byte || offset < 32 + 24 || offset + 2 >= wal_after.size()) return true;
        const std::size_t in_frame = (offset - 32) % frame_size;
        return in_frame < 24 + 2 || in_frame + 2 >= frame_size || in_frame % 61 == 0;
    };
    int cuts = 0;
    for (std::size_t offset = wal_before.size(); offset <= wal_after.size(); ++offset) {
        if (!cut_here(offset)) continue;
        ++cuts;
        for (const char *suffix : {"", "-wal", "-shm", "-journal"}) fs::remove(cut_db.string() + suffix);
        write_bytes(cut_db, last.after[0]);
        write_bytes(cut_db.string() + "-wal", std::string_view(wal_after).substr(0, offset));
        check_cut_copy("sqlite:///" + cut_db.string() + "?sync=false", last.trials_before, static_cast<int64_t>(offset));
    }
    MESSAGE("sqlite: " << cuts << " cuts in " << (wal_after.size() - 32) / frame_size << " frames of " << page_size
                       << " bytes");
}
