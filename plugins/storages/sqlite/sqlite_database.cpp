#include "sqlite_database.hpp"

#include <hpo_kit/plugin_kit.hpp>

#include <hpo/common.h>

#include <algorithm>
#include <cerrno>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <thread>

namespace hpo::storage {
namespace {

bool is_busy(int rc) {
    const int primary = rc & 0xff;
    return primary == SQLITE_BUSY || primary == SQLITE_LOCKED;
}

// SQLite's reason, with the operating system's when a file operation failed.
std::string reason(sqlite3 *db, int rc) {
    std::string text = db != nullptr ? sqlite3_errmsg(db) : sqlite3_errstr(rc);
    const int os_error = db != nullptr ? sqlite3_system_errno(db) : 0;
    if (os_error != 0) text += std::string(" (") + std::strerror(os_error) + ")";
    return text;
}

// "file:" + path with "?immutable=1", the characters a URI gives meaning to escaped.
std::string immutable_uri(const std::string &path) {
    std::string uri = "file:";
    for (const char c : path) {
        if (c == '%' || c == '?' || c == '#') {
            char escaped[4];
            std::snprintf(escaped, sizeof escaped, "%%%02X", static_cast<unsigned char>(c));
            uri += escaped;
        } else {
            uri += c;
        }
    }
    return uri + "?immutable=1";
}

} // namespace

Query::~Query() {
    sqlite3_reset(statement_);
    sqlite3_clear_bindings(statement_);
}

Query &Query::bind(int index, int64_t value) {
    database_.check(sqlite3_bind_int64(statement_, index, value), "binding a value");
    return *this;
}

Query &Query::bind(int index, double value) {
    database_.check(sqlite3_bind_double(statement_, index, value), "binding a value");
    return *this;
}

Query &Query::bind(int index, std::string_view text) {
    database_.check(sqlite3_bind_text64(statement_, index, text.data(), text.size(),
                                        SQLITE_TRANSIENT, SQLITE_UTF8),
                    "binding a value");
    return *this;
}

Query &Query::bind_null(int index) {
    database_.check(sqlite3_bind_null(statement_, index), "binding a value");
    return *this;
}

bool Query::step() {
    const int rc = sqlite3_step(statement_);
    if (rc == SQLITE_ROW) return true;
    if (rc == SQLITE_DONE) return false;
    database_.check(rc, sqlite3_sql(statement_));
    return false;
}

void Query::run() {
    while (step()) {
    }
}

int64_t Query::integer(int column) const { return sqlite3_column_int64(statement_, column); }

std::string_view Query::text(int column) const {
    const auto *bytes = reinterpret_cast<const char *>(sqlite3_column_text(statement_, column));
    return {bytes != nullptr ? bytes : "", static_cast<size_t>(sqlite3_column_bytes(statement_, column))};
}

Database::Database(const std::string &url, const std::string &path, Access access, double timeout_seconds)
    : url_(url), path_(path), timeout_seconds_(timeout_seconds) {
    std::string filename = path;
    int flags = SQLITE_OPEN_NOMUTEX;
    switch (access) {
    case Access::existing: flags |= SQLITE_OPEN_READWRITE; break;
    case Access::immutable:
        flags |= SQLITE_OPEN_READONLY | SQLITE_OPEN_URI;
        filename = immutable_uri(path);
        break;
    }
    const int rc = sqlite3_open_v2(filename.c_str(), &db_, flags, nullptr);
    if (rc != SQLITE_OK) {
        const std::string why = reason(db_, rc);
        sqlite3_close(db_);
        db_ = nullptr;
        throw plugin_kit::StatusError(HPO_EIO, url_ + ": cannot open \"" + path + "\": " + why);
    }
    sqlite3_extended_result_codes(db_, 1);
    // SQLite's own wait for a lock; transaction() retries on top of it for the cases where
    // SQLite returns SQLITE_BUSY at once, and both stop at the same timeout.
    sqlite3_busy_timeout(db_, static_cast<int>(std::min(timeout_seconds * 1000.0, 2e9)));
}

Database::~Database() {
    statements_.clear(); // finalized before the connection closes
    sqlite3_close(db_);
}

Query Database::query(const char *sql) {
    auto found = statements_.find(sql);
    if (found == statements_.end()) {
        sqlite3_stmt *statement = nullptr;
        check(sqlite3_prepare_v3(db_, sql, -1, SQLITE_PREPARE_PERSISTENT, &statement, nullptr), sql);
        found = statements_.emplace(sql, decltype(statements_)::mapped_type(statement, &sqlite3_finalize))
                    .first;
    }
    return Query(*this, found->second.get());
}

void Database::execute(const char *sql) { check(sqlite3_exec(db_, sql, nullptr, nullptr, nullptr), sql); }

bool Database::read_only() const { return sqlite3_db_readonly(db_, "main") == 1; }

void Database::check(int rc, std::string_view doing) {
    if (rc == SQLITE_OK || rc == SQLITE_ROW || rc == SQLITE_DONE) return;
    if (is_busy(rc)) throw DatabaseBusy{};
    failed_with_ = rc;
    throw plugin_kit::StatusError(HPO_EIO, url_ + ": " + reason(db_, rc) + " (while " + std::string(doing) + ")");
}

void Database::begin(Mode mode) { execute(mode == Mode::write ? "BEGIN IMMEDIATE" : "BEGIN"); }

void Database::rollback() noexcept {
    if (sqlite3_get_autocommit(db_) == 0) sqlite3_exec(db_, "ROLLBACK", nullptr, nullptr, nullptr);
}

void Database::back_off(int attempt, std::chrono::steady_clock::time_point started_at) {
    const std::chrono::duration<double> waited = std::chrono::steady_clock::now() - started_at;
    if (waited.count() >= timeout_seconds_) {
        // Every attempt rolled back: nothing was changed, and a later call may get through.
        throw plugin_kit::StatusError(HPO_EBUSY, url_ + ": \"" + path_ + "\" stayed locked by another connection for " +
                                                     std::to_string(static_cast<int>(std::ceil(waited.count()))) +
                                                     " s (the \"timeout\" option); nothing was changed");
    }
    // 1 ms, doubling to 64 ms: short waits while a peer commits, no spinning on a long one.
    std::this_thread::sleep_for(std::chrono::milliseconds(1 << std::min(attempt, 6)));
}

} // namespace hpo::storage
