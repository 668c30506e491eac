// A storage busy because another process holds its lock answers HPO_EBUSY; the study retries
// the call, pausing longer each time, until the lock goes or its storage_timeout runs out.
#include "study_fixture.hpp"

#include <doctest/doctest.h>
#include <sqlite3.h>

#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <future>
#include <thread>

using namespace hpo;
using hpo::test::make_study;

namespace {

// Another writer's exclusive lock on a SQLite file, taken at once and held until release().
class HeldLock {
public:
    explicit HeldLock(const std::filesystem::path &file) {
        REQUIRE(sqlite3_open(file.c_str(), &db_) == SQLITE_OK);
        REQUIRE(sqlite3_exec(db_, "BEGIN EXCLUSIVE", nullptr, nullptr, nullptr) == SQLITE_OK);
    }
    ~HeldLock() {
        release();
        sqlite3_close(db_);
    }
    void release() {
        if (held_) sqlite3_exec(db_, "COMMIT", nullptr, nullptr, nullptr);
        held_ = false;
    }

private:
    sqlite3 *db_ = nullptr;
    bool held_ = true;
};

struct BusyFile {
    std::filesystem::path dir = std::filesystem::temp_directory_path() / ("hpo-busy-" + std::to_string(getpid()));
    std::filesystem::path file = dir / "busy.db";
    BusyFile() { std::filesystem::create_directories(dir); }
    ~BusyFile() { std::filesystem::remove_all(dir); }
    // The storage gives up on the lock after 50 ms and answers HPO_EBUSY.
    json config(double storage_timeout) const {
        return {{"name", "busy"}, {"storage", "sqlite:///" + file.string() + "?timeout=0.05"}, {"load_if_exists", true},
                {"storage_timeout", storage_timeout}, {"heartbeat", false},
                {"space", {{"x", {{"type", "float"}, {"low", 0}, {"high", 1}}}}}};
    }
};

}  // namespace

TEST_CASE("a study retries a busy storage until the other writer lets go") {
    const BusyFile busy;
    auto study = make_study(busy.config(30));
    HeldLock lock(busy.file);
    // The ask starts while the lock is held, so it can only succeed by retrying after it goes.
    auto asked = std::async(std::launch::async, [&] { return study->ask(); });
    std::this_thread::sleep_for(std::chrono::milliseconds(300));  // a few of the storage's 50 ms refusals
    lock.release();
    CHECK(asked.get() == std::optional<int64_t>(0));
}

TEST_CASE("a storage busy for longer than storage_timeout fails the call with HPO_EBUSY, naming it") {
    const BusyFile busy;
    auto study = make_study(busy.config(0.2));
    const HeldLock lock(busy.file);  // held until the end: every retry finds it taken
    try {
        study->ask();
        FAIL("the ask should have given up");
    } catch (const Error &error) {
        CHECK(error.status() == HPO_EBUSY);
        const std::string message = error.what();
        CHECK(message.find("still busy after 0.2") != std::string::npos);
        CHECK(message.find(busy.file.string()) != std::string::npos);
    }
}
