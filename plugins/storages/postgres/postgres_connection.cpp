#include "postgres_connection.hpp"

#include <hpo_kit/plugin_kit.hpp>

#include <hpo/common.h>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <thread>

namespace hpo::storage {
namespace {

// SQLSTATEs after which the same transaction, tried again, may well get through: the
// connection failed (class 08), the server is shutting down or starting (57P01-57P03), too
// many connections (53300), a serialization failure or a deadlock (40001, 40P01).
bool worth_retrying(const char *sqlstate) {
    if (sqlstate == nullptr) return false;
    const std::string_view state(sqlstate);
    return state.rfind("08", 0) == 0 || state == "57P01" || state == "57P02" || state == "57P03" ||
           state == "53300" || state == "40001" || state == "40P01";
}

// libpq's message on one line.
std::string one_line(const char *message) {
    std::string text = message != nullptr ? message : "";
    while (!text.empty() && (text.back() == '\n' || text.back() == ' ')) text.pop_back();
    std::replace(text.begin(), text.end(), '\n', ' ');
    return text;
}

} // namespace

Param::Param(double value) {
    char buffer[32];
    // Round-trips every double; PostgreSQL reads "Infinity" and "NaN" too.
    if (std::isnan(value)) {
        text_ = "NaN";
    } else if (std::isinf(value)) {
        text_ = value > 0 ? "Infinity" : "-Infinity";
    } else {
        std::snprintf(buffer, sizeof buffer, "%.17g", value);
        text_ = buffer;
    }
}

std::string_view Rows::text(int row, int column) const {
    return {PQgetvalue(result_.get(), row, column), static_cast<size_t>(PQgetlength(result_.get(), row, column))};
}

int64_t Rows::integer(int row, int column) const {
    const std::string_view digits = text(row, column);
    int64_t value = 0;
    std::from_chars(digits.data(), digits.data() + digits.size(), value);
    return value;
}

double Rows::number(int row, int column) const { return std::strtod(PQgetvalue(result_.get(), row, column), nullptr); }

Connection::Connection(PostgresOptions options, const plugin_kit::Host &host)
    : options_(std::move(options)), host_(host), tokens_(std::random_device{}()) {}

Connection::~Connection() { drop(); }

void Connection::connect() {
    // Keywords in order, later ones winning: a connect timeout of our own unless the URL
    // says otherwise, so that an unreachable host fails an attempt instead of hanging it.
    const std::string connect_timeout =
        std::to_string(std::clamp(static_cast<int>(options_.timeout_seconds), 2, 10));
    const char *keywords[] = {"fallback_application_name", "connect_timeout", "dbname", nullptr};
    const char *values[] = {"hpo", connect_timeout.c_str(), options_.conninfo.c_str(), nullptr};
    conn_ = PQconnectdbParams(keywords, values, 1);
    if (conn_ == nullptr) throw std::bad_alloc();
    if (PQstatus(conn_) != CONNECTION_OK) {
        const std::string why = one_line(PQerrorMessage(conn_));
        drop();
        // A server that refuses the URL itself (a bad password, no such database) will not
        // change its mind: fail now. Any other failure to reach it is retried.
        const bool refused = why.find("FATAL") != std::string::npos && why.find("shutting down") == std::string::npos &&
                             why.find("starting up") == std::string::npos &&
                             why.find("too many") == std::string::npos &&
                             why.find("recovery") == std::string::npos;
        if (refused) throw plugin_kit::StatusError(HPO_EIO, options_.shown + ": cannot connect: " + why);
        throw RetryableFailure{"cannot connect: " + why};
    }
    PQsetNoticeProcessor(conn_, [](void *, const char *) {}, nullptr); // "relation exists, skipping"
    if (lost_) {
        host_.log(HPO_LOG_INFO, options_.shown + ": connected again");
        lost_ = false;
    }
    try {
        if (!options_.sync) run("SET synchronous_commit = off");
        if (on_connect_) on_connect_(*this);
    } catch (...) {
        drop(); // a connection is only used once readied: the next attempt connects again
        throw;
    }
}

void Connection::drop() noexcept {
    if (conn_ != nullptr) PQfinish(conn_);
    conn_ = nullptr;
}

void Connection::rollback() noexcept {
    if (conn_ == nullptr) return;
    if (PQstatus(conn_) != CONNECTION_OK) {
        drop();
        return;
    }
    if (PQtransactionStatus(conn_) != PQTRANS_IDLE) PQclear(PQexec(conn_, "ROLLBACK"));
}

Rows Connection::run(const char *sql, std::initializer_list<Param> params) {
    std::vector<const char *> values;
    values.reserve(params.size());
    for (const Param &param : params) values.push_back(param.c_str());
    return checked(
        Rows(PQexecParams(conn_, sql, static_cast<int>(values.size()), nullptr, values.data(), nullptr, nullptr, 0)));
}

void Connection::run_script(const char *sql) { checked(Rows(PQexec(conn_, sql))); }

Rows Connection::checked(Rows rows) {
    const ExecStatusType status = PQresultStatus(rows.raw());
    if (status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK) return rows;
    const char *sqlstate = PQresultErrorField(rows.raw(), PG_DIAG_SQLSTATE);
    const std::string why = one_line(PQerrorMessage(conn_));
    if (PQstatus(conn_) != CONNECTION_OK || worth_retrying(sqlstate)) {
        if (PQstatus(conn_) != CONNECTION_OK && !lost_) {
            host_.log(HPO_LOG_WARNING, options_.shown + ": lost the connection (" + why + "); reconnecting");
            lost_ = true;
        }
        throw RetryableFailure{why};
    }
    throw plugin_kit::StatusError(HPO_EIO, options_.shown + ": " + why);
}

void Connection::back_off(int attempt, std::chrono::steady_clock::time_point started_at, const std::string &why) {
    const std::chrono::duration<double> waited = std::chrono::steady_clock::now() - started_at;
    if (waited.count() >= options_.timeout_seconds) {
        throw plugin_kit::StatusError(
            HPO_EBUSY, options_.shown + ": " + why + " (retried for " +
                           std::to_string(static_cast<int>(std::ceil(waited.count()))) +
                           " s, the \"timeout\" option)");
    }
    // 10 ms, doubling to 1 s: quick through a conflict, gentle on a server restarting.
    std::this_thread::sleep_for(std::chrono::milliseconds(std::min(10 << std::min(attempt, 7), 1000)));
}

std::string Connection::new_token() {
    char text[33];
    std::snprintf(text, sizeof text, "%016llx%016llx", static_cast<unsigned long long>(tokens_()),
                  static_cast<unsigned long long>(tokens_()));
    return text;
}

} // namespace hpo::storage
