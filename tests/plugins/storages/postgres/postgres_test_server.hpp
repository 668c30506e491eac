// The throwaway server the postgres_server fixture started (postgres_server.sh): its URL, a
// database of a test's own, and a restart as an administrator does it.
#pragma once

#include <libpq-fe.h>

#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cstdlib>
#include <fstream>
#include <stdexcept>
#include <string>

namespace hpo::test::postgres {

inline std::string server_url() {
    std::ifstream file(POSTGRES_TEST_SERVER "/url");
    std::string url;
    if (!std::getline(file, url)) {
        throw std::runtime_error("no test server: " POSTGRES_TEST_SERVER "/url is missing (run through ctest, whose "
                                 "fixture postgres_server starts it)");
    }
    return url;
}

// Runs SQL on the server's test database as its administrator.
inline void administer(const std::string &sql) {
    PGconn *conn = PQconnectdb(server_url().c_str());
    PGresult *result = PQexec(conn, sql.c_str());
    const bool ok = PQresultStatus(result) == PGRES_COMMAND_OK || PQresultStatus(result) == PGRES_TUPLES_OK;
    const std::string why = PQerrorMessage(conn);
    PQclear(result);
    PQfinish(conn);
    if (!ok) throw std::runtime_error(sql + ": " + why);
}

// The URL of the server's database `name`.
inline std::string database_url(const std::string &name) {
    const std::string url = server_url();
    return url.substr(0, url.rfind('/') + 1) + name;
}

// An empty database `name`, made anew; its URL.
inline std::string fresh_database(const std::string &name) {
    administer("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
    administer("CREATE DATABASE " + name);
    return database_url(name);
}

// pg_ctl restart -m fast: every connection is cut, and the server is back when this returns.
inline void restart_server() {
    const std::string command = std::string(POSTGRES_SERVER_SCRIPT) + " restart " + POSTGRES_TEST_SERVER;
    if (std::system(command.c_str()) != 0) throw std::runtime_error("failed: " + command);
}

// A loopback port nothing listens on.
inline int closed_port() {
    const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    ::bind(fd, reinterpret_cast<sockaddr *>(&address), sizeof address);
    socklen_t size = sizeof address;
    ::getsockname(fd, reinterpret_cast<sockaddr *>(&address), &size);
    ::close(fd);
    return ntohs(address.sin_port);
}

} // namespace hpo::test::postgres
