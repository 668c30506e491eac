// The storages through the ops their adapter makes, as the engine calls them: options read
// from the URL's query and checked against the schema, every slot filled (the optional ones
// found on the class), NULL arguments refused, and the instance serving several threads.
#include <journal_storage.hpp>
#include <sqlite_storage.hpp>
#include <storage_adapter.hpp>
#include <storage_client.hpp>

#include <hpo_test/test_host.hpp>

#include <doctest/doctest.h>

#include <string>

using hpo::storage::JournalStorage;
using hpo::storage::SqliteStorage;
using hpo::storage::StorageAdapter;
using hpo::test::contains;
using hpo::test::json;
using hpo::test::ScratchDir;
using hpo::test::TestHost;

namespace {

// The status of creating a `Storage` from options_json; the error is in host.last_error().
template <class Storage>
int32_t try_create(const json &options, TestHost &host) {
    const hpo_storage_ops &ops = StorageAdapter<Storage>::ops;
    void *self = nullptr;
    const int32_t status = ops.create(options.dump().c_str(), host.get(), &self);
    if (status == HPO_OK) ops.destroy(self);
    return status;
}

} // namespace

TEST_CASE_TEMPLATE("the adapter describes a storage as thread-safe, with its schema and every slot", Storage,
                   SqliteStorage, JournalStorage) {
    const hpo_plugin_info &info = StorageAdapter<Storage>::info;
    CHECK(info.kind == HPO_PLUGIN_STORAGE);
    CHECK(std::string(info.name) == Storage::about.name);
    CHECK((info.flags & HPO_PLUGIN_THREAD_SAFE) != 0);
    const json schema = json::parse(info.options_schema_json);
    CHECK(schema["url"]["required"] == true);
    CHECK(schema["timeout"]["default"] == 30);
    CHECK(schema["sync"]["default"] == true);
    const hpo_storage_ops &ops = StorageAdapter<Storage>::ops;
    const bool all_set = ops.fail_stale_trials != nullptr && ops.record_heartbeat != nullptr &&
                         ops.read_changes != nullptr && ops.read_trials != nullptr;
    CHECK(all_set);
}

TEST_CASE_TEMPLATE("a storage takes its options from the URL's query and refuses bad ones, naming them", Storage,
                   SqliteStorage, JournalStorage) {
    const std::string scheme = Storage::about.name;
    const ScratchDir dir;
    const std::string url = scheme + ":///" + dir.file("s");
    TestHost host;
    CHECK(try_create<Storage>({{"url", url + "?timeout=0.5&sync=false"}}, host) == HPO_OK);
    CHECK(try_create<Storage>({{"url", url + "?"}}, host) == HPO_OK);

    const auto refused = [&](const json &options, const std::string &part) {
        CAPTURE(options);
        CHECK(try_create<Storage>(options, host) == HPO_EINVAL);
        CHECK(contains(host.last_error(), part));
    };
    refused({{"url", url + "?timout=3"}}, "unknown option \"timout\"");
    refused({{"url", url + "?timeout=-1"}}, "\"timeout\"");
    refused({{"url", url + "?sync=sometimes"}}, "\"sync\"");
    refused({{"url", url + "?timeout"}}, "\"timeout\" in the query");
    refused({{"url", url + "?timeout=1&timeout=2"}}, "\"timeout\" is given twice");
    refused({{"url", url + "?timeout=1"}, {"timeout", 2}}, "\"timeout\" is given twice");
    refused(json::object(), "\"url\" is required");
    refused({{"url", "postgresql://host/db"}}, scheme + ":///path/to/file");
    refused({{"url", url + "?sslmode=require"}}, "unknown option \"sslmode\"");
}

TEST_CASE("a storage operation given NULL where it needs a value refuses it") {
    const ScratchDir dir;
    TestHost host;
    const hpo_storage_ops &ops = StorageAdapter<SqliteStorage>::ops;
    void *self = nullptr;
    REQUIRE(ops.create(json{{"url", "sqlite:///" + dir.file("s.db")}}.dump().c_str(), host.get(), &self) == HPO_OK);
    int64_t id = -1;
    CHECK(ops.create_study(self, nullptr, 0, &id) == HPO_EINVAL);
    CHECK(contains(host.last_error(), "create_study: study_json, out_study_id must not be NULL"));
    CHECK(ops.read_changes(self, 1, 0, nullptr, &id) == HPO_EINVAL);
    CHECK(ops.list_studies(nullptr, nullptr) == HPO_EINVAL);
    ops.destroy(self);
}
