// One libpq connection to the study database, and transactions that survive losing it.
//
// Every operation is one transaction, retried whole from a fresh connection when the server
// goes away (a restart, a dropped link) or PostgreSQL asks for a retry (a serialization
// failure, a deadlock), with a pause that grows from 10 ms to 1 s, until the "timeout" has
// passed since the operation began; then it fails as HPO_EBUSY, having changed nothing the
// caller cannot see. A write carries a token stored with its result in the same transaction:
// a retry whose earlier attempt committed but lost its acknowledgement finds the token and
// returns that result instead of writing twice.
#pragma once

#include "postgres_url.hpp"

#include <hpo_kit/host.hpp>

#include <libpq-fe.h>

#include <chrono>
#include <cstdint>
#include <functional>
#include <initializer_list>
#include <memory>
#include <optional>
#include <random>
#include <string>
#include <string_view>
#include <type_traits>

namespace hpo::storage {

// A query parameter as libpq takes it: text, or SQL NULL.
class Param {
public:
    Param(std::nullptr_t) {}
    Param(std::string_view text) : text_(text) {}
    Param(const std::string &text) : text_(text) {}
    Param(const char *text) : text_(text) {}
    Param(int64_t value) : text_(std::to_string(value)) {}
    Param(double value);

    [[nodiscard]] const char *c_str() const { return text_ ? text_->c_str() : nullptr; }

private:
    std::optional<std::string> text_;
};

// The rows a statement returned.
class Rows {
public:
    explicit Rows(PGresult *result) : result_(result, &PQclear) {}

    [[nodiscard]] int size() const { return PQntuples(result_.get()); }
    [[nodiscard]] bool empty() const { return size() == 0; }
    [[nodiscard]] bool is_null(int row, int column) const { return PQgetisnull(result_.get(), row, column) != 0; }
    [[nodiscard]] std::string_view text(int row, int column) const;
    [[nodiscard]] int64_t integer(int row, int column) const;
    [[nodiscard]] double number(int row, int column) const;
    [[nodiscard]] PGresult *raw() const { return result_.get(); }

private:
    std::unique_ptr<PGresult, void (*)(PGresult *)> result_;
};

// Thrown inside an attempt when it must be retried from the start (thrown away otherwise).
struct RetryableFailure {
    std::string why;
};

class Connection {
public:
    Connection(PostgresOptions options, const plugin_kit::Host &host);
    ~Connection();
    Connection(const Connection &) = delete;
    Connection &operator=(const Connection &) = delete;

    // Runs one statement of the current attempt: $1, $2, ... are params.
    Rows run(const char *sql, std::initializer_list<Param> params = {});
    // Runs SQL text of several statements, without parameters (the schema).
    void run_script(const char *sql);

    // Runs body() as one read-committed transaction, retried as above; body() must only run
    // statements through run() and may be called more than once.
    template <class Body>
    auto transaction(Body &&body) -> std::invoke_result_t<Body &>;

    // transaction() for a write whose result is text: idempotent across a lost acknowledgement.
    template <class Body>
    std::string write(Body &&body);

    // Runs body(attempt) in retried attempts, attempt counting from 0, without a transaction of
    // its own (one statement, or a body that begins and commits itself).
    template <class Body>
    auto retrying(Body &&body) -> std::invoke_result_t<Body &, int>;

    // Runs on each new connection before any operation (the schema check).
    void on_connect(std::function<void(Connection &)> prepare) { on_connect_ = std::move(prepare); }

    [[nodiscard]] const std::string &shown_url() const { return options_.shown; }

private:
    void connect();
    // Returns rows that succeeded; throws RetryableFailure or StatusError(HPO_EIO) for others.
    Rows checked(Rows rows);
    void drop() noexcept;
    void rollback() noexcept;
    // Sleeps before attempt + 1; throws HPO_EBUSY once the timeout has passed.
    void back_off(int attempt, std::chrono::steady_clock::time_point started_at, const std::string &why);
    std::string new_token();

    PostgresOptions options_;
    plugin_kit::Host host_;
    PGconn *conn_ = nullptr;
    bool lost_ = false; // a connection was lost and not yet made again (logged once)
    std::mt19937_64 tokens_;
    std::function<void(Connection &)> on_connect_;
};

template <class Body>
auto Connection::retrying(Body &&body) -> std::invoke_result_t<Body &, int> {
    const auto started_at = std::chrono::steady_clock::now();
    for (int attempt = 0;; ++attempt) {
        try {
            if (conn_ == nullptr) connect();
            return body(attempt);
        } catch (const RetryableFailure &failure) {
            rollback();
            back_off(attempt, started_at, failure.why);
        } catch (...) {
            rollback();
            throw;
        }
    }
}

template <class Body>
auto Connection::transaction(Body &&body) -> std::invoke_result_t<Body &> {
    return retrying([&](int) {
        run("BEGIN");
        if constexpr (std::is_void_v<std::invoke_result_t<Body &>>) {
            body();
            run("COMMIT");
        } else {
            auto result = body();
            run("COMMIT");
            return result;
        }
    });
}

template <class Body>
std::string Connection::write(Body &&body) {
    const std::string token = new_token();
    return retrying([&](int attempt) {
        run("BEGIN");
        if (attempt > 0) {
            // An earlier attempt may have committed before its acknowledgement was lost.
            const Rows done = run("SELECT result FROM hpo_writes WHERE token = $1", {token});
            if (!done.empty()) {
                std::string result(done.text(0, 0));
                run("COMMIT");
                return result;
            }
        }
        std::string result = body();
        run("INSERT INTO hpo_writes (token, result) VALUES ($1, $2)", {token, result});
        run("COMMIT");
        return result;
    });
}

} // namespace hpo::storage
