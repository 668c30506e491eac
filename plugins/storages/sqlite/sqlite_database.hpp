// One SQLite connection to a study file: prepared statements kept for reuse, and transactions
// that wait out other processes' locks for at most the storage's timeout.
#pragma once

#include <sqlite3.h>

#include <chrono>
#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <type_traits>

namespace hpo::storage {

class Database;

// A prepared statement in use: bind, step through rows, read columns. Resets itself when it
// goes out of scope so that no statement keeps a read open past its transaction.
class Query {
public:
    Query(Database &database, sqlite3_stmt *statement) : database_(database), statement_(statement) {}
    ~Query();
    Query(const Query &) = delete;
    Query &operator=(const Query &) = delete;

    Query &bind(int index, int64_t value);
    Query &bind(int index, double value);
    Query &bind(int index, std::string_view text);
    Query &bind_null(int index);

    // Advances to the next row: false when there is none left.
    bool step();
    // step() for statements that return no row.
    void run();

    [[nodiscard]] int64_t integer(int column) const;
    [[nodiscard]] std::string_view text(int column) const;

private:
    Database &database_;
    sqlite3_stmt *statement_;
};

// SQLITE_BUSY or SQLITE_LOCKED: another connection holds the lock; the transaction is retried.
struct DatabaseBusy {};

class Database {
public:
    enum class Access {
        existing,  // read and write where the system lets this process write, else read
        immutable, // read a file nobody writes, without the -shm file beside it
    };
    // Opens the file at path, which must exist; url names it in every error message.
    Database(const std::string &url, const std::string &path, Access access, double timeout_seconds);
    ~Database();
    Database(const Database &) = delete;
    Database &operator=(const Database &) = delete;

    // A cached prepared statement for sql (a string literal: its address is the cache key).
    Query query(const char *sql);
    // Runs SQL text with no result rows (pragmas, schema).
    void execute(const char *sql);

    enum class Mode { read, write };
    // Runs body() inside one transaction (BEGIN IMMEDIATE for writes, so that a
    // read-modify-write never loses its lock upgrade to another writer) and commits; while
    // another process holds the lock, rolls back and retries until the timeout, then throws
    // plugin_kit::StatusError(HPO_EBUSY) naming the file.
    template <class Body>
    auto transaction(Mode mode, Body &&body) -> std::invoke_result_t<Body &>;
    // Runs body() until it gets through without meeting another connection's lock.
    template <class Body>
    auto retrying(Body &&body) -> std::invoke_result_t<Body &>;

    // Throws plugin_kit::StatusError(HPO_EIO) naming the url and SQLite's reason when rc is an error,
    // DatabaseBusy when it is a lock held elsewhere.
    void check(int rc, std::string_view doing);

    [[nodiscard]] const std::string &url() const { return url_; }
    // Whether the connection may only read (the file is write-protected, or immutable).
    [[nodiscard]] bool read_only() const;
    // The (extended) result code of the last error check() threw for.
    [[nodiscard]] int failed_with() const { return failed_with_; }
    [[nodiscard]] sqlite3 *handle() const { return db_; }

private:
    void begin(Mode mode);
    void rollback() noexcept;
    // Sleeps before the next attempt; throws the timeout error once the deadline is past.
    void back_off(int attempt, std::chrono::steady_clock::time_point started_at);

    std::string url_;
    std::string path_;
    double timeout_seconds_;
    sqlite3 *db_ = nullptr;
    int failed_with_ = SQLITE_OK;
    std::map<const char *, std::unique_ptr<sqlite3_stmt, int (*)(sqlite3_stmt *)>> statements_;
};

template <class Body>
auto Database::retrying(Body &&body) -> std::invoke_result_t<Body &> {
    const auto started_at = std::chrono::steady_clock::now();
    for (int attempt = 0;; ++attempt) {
        try {
            return body();
        } catch (const DatabaseBusy &) {
            back_off(attempt, started_at);
        }
    }
}

template <class Body>
auto Database::transaction(Mode mode, Body &&body) -> std::invoke_result_t<Body &> {
    return retrying([&] {
        begin(mode);
        try {
            if constexpr (std::is_void_v<std::invoke_result_t<Body &>>) {
                body();
                execute("COMMIT");
            } else {
                auto result = body();
                execute("COMMIT");
                return result;
            }
        } catch (...) {
            rollback();
            throw;
        }
    });
}

} // namespace hpo::storage
