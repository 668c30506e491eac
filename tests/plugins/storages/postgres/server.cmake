# The throwaway PostgreSQL 15 server (postgres_server.sh) of every test that needs one: the
# postgres storage's own, the conformance cases on postgres and the postgres crash test. The
# fixture postgres_server starts it before the first test that needs it and stops it after the
# last, so `ctest` (and scripts/test) needs nothing running beforehand; its URL is in
# ${HPO_POSTGRES_TEST_SERVER}/url. The tests that need it hold its lock: some restart it.
# Each folder with such tests includes this file; the fixture is defined by the first.
include_guard(GLOBAL)
set(HPO_POSTGRES_TEST_SERVER ${PROJECT_BINARY_DIR}/postgres-test-server CACHE INTERNAL
    "where the postgres tests' server lives while they run")
set(HPO_POSTGRES_SERVER_SCRIPT ${CMAKE_CURRENT_LIST_DIR}/postgres_server.sh CACHE INTERNAL
    "starts and stops the postgres tests' server")
add_test(NAME postgres_server/start COMMAND ${HPO_POSTGRES_SERVER_SCRIPT} start ${HPO_POSTGRES_TEST_SERVER})
add_test(NAME postgres_server/stop COMMAND ${HPO_POSTGRES_SERVER_SCRIPT} stop ${HPO_POSTGRES_TEST_SERVER})
set_tests_properties(postgres_server/start PROPERTIES FIXTURES_SETUP postgres_server)
set_tests_properties(postgres_server/stop PROPERTIES FIXTURES_CLEANUP postgres_server)
