// The postgres storage on the test server, through its ops as the engine drives it: what the
// conformance suite cannot say of every storage.
#include "ack_dropping_proxy.hpp"
#include "postgres_test_server.hpp"

#include <storage_client.hpp>

#include <doctest/doctest.h>

#include <unistd.h>

#include <atomic>
#include <fstream>
#include <thread>

using namespace hpo::test;
using namespace hpo::test::postgres;

namespace {

std::string study_name(const std::string &base) { return base + "-" + std::to_string(::getpid()); }

} // namespace

TEST_CASE("a new database gets the current schema on first use; a newer schema is refused") {
    const std::string url = fresh_database("hpo_schema_test");
    {
        StorageClient storage(POSTGRES_LIBRARY, url);
        storage.create_study("first");
    }
    {
        // Workers meeting the schema it made use it as it is.
        StorageClient storage(POSTGRES_LIBRARY, url);
        CHECK(storage.load_study("first")["name"] == "first");
    }
    PGconn *conn = PQconnectdb(url.c_str());
    PQclear(PQexec(conn, "UPDATE hpo_schema SET version = 99"));
    PGresult *version = PQexec(conn, "SELECT version FROM hpo_schema");
    CHECK(std::string(PQgetvalue(version, 0, 0)) == "99");
    PQclear(version);
    PQfinish(conn);

    StorageClient storage(POSTGRES_LIBRARY, url);
    int64_t id = 0;
    CHECK(storage.try_create_study({{"name", "second"}}, false, id) == HPO_EIO);
    CHECK(contains(storage.last_error(), "schema version 99"));
    CHECK(contains(storage.last_error(), "this build reads up to 1"));
    // Refused again, not let through on the connection that found it.
    CHECK(storage.try_create_study({{"name", "second"}}, false, id) == HPO_EIO);
    CHECK(contains(storage.last_error(), "schema version 99"));
}

TEST_CASE("a password is in no error and no log, whichever way a connection fails") {
    const std::string secret = "pw-s3cret-7731";
    SUBCASE("no server on the port: busy once the timeout has passed") {
        StorageClient storage(POSTGRES_LIBRARY, "postgresql://hpo:" + secret + "@127.0.0.1:" +
                                                    std::to_string(closed_port()) + "/db?timeout=0.3");
        int64_t id = 0;
        CHECK(storage.try_create_study({{"name", "s"}}, false, id) == HPO_EBUSY);
        CHECK(contains(storage.last_error(), "postgresql://hpo:***@127.0.0.1:"));
        CHECK(contains(storage.last_error(), "timeout"));
        CHECK_FALSE(contains(storage.last_error(), secret));
        for (const std::string &warning : storage.warnings()) CHECK_FALSE(contains(warning, secret));
    }
    SUBCASE("the server refuses the database: an error at once") {
        const std::string url = database_url("no_such_database");
        const std::string with_password = "postgresql://postgres:" + secret + "@" + url.substr(url.find('@') + 1);
        StorageClient storage(POSTGRES_LIBRARY, with_password + "?application_name=hpo-test");
        int64_t id = 0;
        CHECK(storage.try_create_study({{"name", "s"}}, false, id) == HPO_EIO);
        CHECK(contains(storage.last_error(), "no_such_database"));
        CHECK_FALSE(contains(storage.last_error(), secret));
    }
    SUBCASE("a query option of the wrong kind") {
        const std::string url = "postgresql://hpo:" + secret + "@db/s?timeout=soon";
        try {
            StorageClient refused(POSTGRES_LIBRARY, url);
            FAIL("the URL was taken");
        } catch (const OpenRefused &refused) {
            // The storage's own message, after the test client's "cannot open <url>: ".
            const std::string message = std::string(refused.what()).substr(("cannot open " + url + ": ").size());
            CHECK(contains(message, "timeout"));
            CHECK_FALSE(contains(message, secret));
        }
    }
}

TEST_CASE("operations carry on across a server restart, and a trial created is created once") {
    StorageClient storage(POSTGRES_LIBRARY, server_url());
    const std::string name = study_name("restart");
    int64_t study_id = 0;
    REQUIRE(storage.try_create_study({{"name", name}}, true, study_id) == HPO_OK);
    std::thread restart(restart_server);
    // Trials created while the server goes down and comes back: none fails, none doubles.
    std::atomic<bool> restarted = false;
    std::thread waiter([&] {
        restart.join();
        restarted = true;
    });
    int created = 0;
    while (!restarted) {
        storage.create_trial(study_id);
        ++created;
    }
    waiter.join();
    storage.create_trial(study_id); // on a connection cut by the restart: made again
    ++created;
    const json trials = storage.all_trials(study_id);
    CHECK(static_cast<int>(trials.size()) == created);
    std::vector<int64_t> expected(static_cast<size_t>(created));
    for (int i = 0; i < created; ++i) expected[static_cast<size_t>(i)] = i;
    CHECK(numbers_of(trials) == expected);
    bool told = false;
    for (const std::string &warning : storage.warnings()) told = told || contains(warning, "lost the connection");
    CHECK(told);
    REQUIRE(storage.try_delete_study(name) == HPO_OK);
}

TEST_CASE("a write that committed but lost its acknowledgement is applied once when retried") {
    std::ifstream port_file(POSTGRES_TEST_SERVER "/port");
    int server_port = 0;
    REQUIRE(static_cast<bool>(port_file >> server_port));
    AckDroppingProxy proxy(server_port);
    StorageClient storage(POSTGRES_LIBRARY, "postgresql://postgres@127.0.0.1:" + std::to_string(proxy.port()) +
                                                "/hpo_test?sslmode=disable&gssencmode=disable");
    const std::string name = study_name("lost-ack");
    int64_t study_id = 0;
    REQUIRE(storage.try_create_study({{"name", name}}, true, study_id) == HPO_OK);

    proxy.drop_next_commit_ack();
    const int64_t trial_id = storage.create_trial(study_id);
    CHECK(proxy.dropped() == 1);
    const json created = storage.all_trials(study_id);
    REQUIRE(created.size() == 1); // not a second trial for the retry
    CHECK(created[0]["id"] == trial_id);

    // A tell retried after its commit: not refused as a second tell of a finished trial.
    proxy.drop_next_commit_ack();
    CHECK(storage.try_update_trial(study_id, trial_id, {{"state", "COMPLETE"}, {"values", {1.5}}}) == HPO_OK);
    CHECK(proxy.dropped() == 2);
    CHECK(storage.trial(study_id, trial_id)["state"] == "COMPLETE");

    storage.create_trial(study_id, {{"state", "WAITING"}});
    proxy.drop_next_commit_ack();
    const int64_t claimed = storage.claim(study_id, "w1");
    CHECK(proxy.dropped() == 3);
    CHECK(storage.trial(study_id, claimed)["state"] == "RUNNING");
    CHECK(storage.trial(study_id, claimed)["number"] == 1);
    REQUIRE(storage.try_delete_study(name) == HPO_OK);
}
