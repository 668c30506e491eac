// The postgres storage's URL: what libpq gets, what messages show, what is refused.
#include <hpo_kit/shown_url.hpp>
#include <postgres_url.hpp>
#include <storage_url.hpp>

#include <doctest/doctest.h>

using namespace hpo::storage;
using hpo::plugin_kit::shown_url;

namespace {

PostgresOptions options_of(const std::string &url) {
    const nlohmann::json options = with_query_options({{"url", url}});
    return postgres_options(hpo::plugin_kit::Options(postgres_storage_schema, options.dump()));
}

} // namespace

TEST_CASE("a URL reaches libpq as written, less the storage's own timeout and sync") {
    const PostgresOptions plain = options_of("postgresql://hpo@db.example:5433/studies");
    CHECK(plain.conninfo == "postgresql://hpo@db.example:5433/studies");
    CHECK(plain.timeout_seconds == 60);

    const PostgresOptions tuned =
        options_of("postgres://hpo@db/studies?sslmode=require&timeout=5&application_name=worker-3");
    CHECK(tuned.conninfo == "postgres://hpo@db/studies?sslmode=require&application_name=worker-3");
    CHECK(tuned.timeout_seconds == 5);
    CHECK(tuned.shown == "postgres://hpo@db/studies");

    CHECK(tuned.sync);
    const PostgresOptions fast = options_of("postgresql://db/s?timeout=2&sync=false&sslmode=disable");
    CHECK(fast.conninfo == "postgresql://db/s?sslmode=disable");
    CHECK_FALSE(fast.sync);
}

TEST_CASE("messages show the URL with its password replaced") {
    CHECK(shown_url("postgresql://hpo:s3cret@db:5432/studies?sslmode=require") ==
          "postgresql://hpo:***@db:5432/studies");
    CHECK(shown_url("postgresql://hpo@db/studies") == "postgresql://hpo@db/studies");
    CHECK(shown_url("postgresql://db/studies") == "postgresql://db/studies");
    CHECK(shown_url("postgresql:///studies") == "postgresql:///studies");
    // A password holding '@' or ':' is hidden whole.
    CHECK(shown_url("postgresql://hpo:a@b:c@db/s") == "postgresql://hpo:***@db/s");
    CHECK(options_of("postgresql://hpo:s3cret@db/s?sslmode=disable").shown == "postgresql://hpo:***@db/s");
}

TEST_CASE("a URL of another scheme, or an unknown query option, is refused by name") {
    CHECK_THROWS_WITH(options_of("mysql://hpo@db/s"), doctest::Contains("is not a PostgreSQL URL"));
    CHECK_THROWS_WITH(options_of("postgresql://hpo:s3cret@db/s?sslmod=require"), doctest::Contains("sslmod"));
    CHECK_THROWS_WITH(options_of("postgresql://db/s?timeout=-1"), doctest::Contains("timeout"));
}

// libpq checks these only as it connects, and the storage took every failure to connect for
// a server out of reach: it retried a URL that can never work for its whole timeout (60 s),
// then failed "busy". They are refused as the options are read, naming the part. (The
// query's integers are the schema's to check, as they were.)
TEST_CASE("a URL libpq cannot use is refused at once, naming the part") {
    CHECK_THROWS_WITH(options_of("postgresql://hpo@localhost:notaport/s"),
                      doctest::Contains("port \"notaport\" must be an integer from 1 to 65535"));
    CHECK_THROWS_WITH(options_of("postgresql://hpo@localhost:70000/s"), doctest::Contains("port \"70000\""));
    CHECK_THROWS_WITH(options_of("postgresql://a:5432,b:x/s"), doctest::Contains("port \"x\""));
    CHECK_THROWS_WITH(options_of("postgresql://db/s?sslmode=sometimes"),
                      doctest::Contains("sslmode \"sometimes\" must be one of disable"));
    CHECK_THROWS_WITH(options_of("postgresql://[::1/s"), doctest::Contains("cannot be read by libpq"));
    // What libpq takes stays taken: several hosts, a default port, the usual modes.
    CHECK_NOTHROW(options_of("postgresql://a:5432,b/s?sslmode=verify-full&connect_timeout=3"));
    CHECK_NOTHROW(options_of("postgresql:///studies?target_session_attrs=read-write"));
}

TEST_CASE("a refused URL's message keeps its password out") {
    try {
        (void)options_of("mysql://hpo:s3cret@db/s");
        FAIL("refused");
    } catch (const std::exception &refused) {
        CHECK(std::string(refused.what()).find("s3cret") == std::string::npos);
    }
    try {
        (void)options_of("postgresql://hpo:s3cret@db:bad/s");
        FAIL("refused");
    } catch (const std::exception &refused) {
        CHECK(std::string(refused.what()).find("s3cret") == std::string::npos);
    }
}
