// The contract of hpo_storage_ops (plugin.h), the same for every storage: studies by name,
// trial numbering, patches, finishing once, claims, incremental reads and heartbeats.
#include "storage_fixture.hpp"

#include <doctest/doctest.h>

#include <set>
#include <thread>
#include <vector>

using hpo::test::contains;
using hpo::test::json;
using hpo::test::ScratchDir;
using hpo::test::Storage;

namespace {

struct Sqlite {
    static constexpr const char *scheme = "sqlite";
    static constexpr const char *file = "study.db";
};
struct Journal {
    static constexpr const char *scheme = "journal";
    static constexpr const char *file = "study.log";
};

// A storage of kind T on a fresh file.
template <class T>
struct Fresh {
    ScratchDir dir;
    std::string path = dir.file(T::file);
    Storage storage{T::scheme, path};
};

std::vector<int64_t> numbers_of(const json &trials) {
    std::vector<int64_t> numbers;
    for (const json &trial : trials) numbers.push_back(trial["number"].get<int64_t>());
    return numbers;
}

} // namespace

TEST_CASE_TEMPLATE("a storage keeps studies by name: create, load, list, delete", T, Sqlite, Journal) {
    Fresh<T> fresh;
    Storage &storage = fresh.storage;
    const json study = {{"name", "night"},
                        {"directions", {"minimize", "maximize"}},
                        {"space", {{"x", {{"type", "float"}, {"low", 0}, {"high", 1}}}}},
                        {"seed", 42},
                        {"user_attrs", {{"owner", "ana"}}}};
    int64_t id = -1;
    REQUIRE(storage.try_create_study(study, false, id) == HPO_OK);
    const int64_t other = storage.create_study("day");
    CHECK(other != id);

    SUBCASE("load returns the object as given, with its id") {
        int64_t loaded_id = -1;
        json loaded;
        REQUIRE(storage.try_load_study("night", loaded_id, loaded) == HPO_OK);
        CHECK(loaded_id == id);
        json expected = study;
        expected["id"] = id;
        CHECK(loaded == expected);
    }
    SUBCASE("list returns every study") {
        const json studies = storage.list_studies();
        REQUIRE(studies.size() == 2);
        CHECK(studies[0]["name"] == "night");
        CHECK(studies[0]["id"] == id);
        CHECK(studies[1]["name"] == "day");
    }
    SUBCASE("a taken name is refused, or loaded with load_if_exists") {
        int64_t again = -1;
        CHECK(storage.try_create_study({{"name", "night"}}, false, again) == HPO_ESTATE);
        CHECK(contains(storage.last_error(), "study \"night\" already exists"));
        REQUIRE(storage.try_create_study({{"name", "night"}}, true, again) == HPO_OK);
        CHECK(again == id);
    }
    SUBCASE("delete removes the study and its trials; its name is free again") {
        storage.create_trial(id);
        REQUIRE(storage.try_delete_study("night") == HPO_OK);
        int64_t loaded_id = -1;
        json loaded;
        CHECK(storage.try_load_study("night", loaded_id, loaded) == HPO_ENOTFOUND);
        CHECK(contains(storage.last_error(), "no study named \"night\""));
        CHECK(storage.try_delete_study("night") == HPO_ENOTFOUND);
        CHECK(storage.list_studies().size() == 1);
        const int64_t reborn = storage.create_study("night");
        CHECK(reborn != id);
        CHECK(storage.all_trials(reborn).empty());
    }
    SUBCASE("update replaces the space and attributes but never the name") {
        const json grown = {{"space", {{"x", study["space"]["x"]}, {"y", {{"type", "int"}}}}},
                            {"user_attrs", {{"owner", "bo"}}}};
        REQUIRE(storage.try_update_study(id, grown) == HPO_OK);
        int64_t loaded_id = -1;
        json loaded;
        REQUIRE(storage.try_load_study("night", loaded_id, loaded) == HPO_OK);
        CHECK(loaded["space"] == grown["space"]);
        CHECK(loaded["user_attrs"] == grown["user_attrs"]);
        CHECK(loaded["seed"] == 42);
        CHECK(storage.try_update_study(id, {{"name", "renamed"}}) == HPO_EINVAL);
        CHECK(storage.try_update_study(id + 100, grown) == HPO_ENOTFOUND);
    }
    SUBCASE("a study without a name is refused") {
        int64_t none = -1;
        CHECK(storage.try_create_study({{"directions", {"minimize"}}}, false, none) == HPO_EINVAL);
        CHECK(contains(storage.last_error(), "\"name\""));
    }
}

TEST_CASE_TEMPLATE("trials are numbered 0, 1, 2, ... per study with ids unique in the storage", T,
                   Sqlite, Journal) {
    Fresh<T> fresh;
    Storage &storage = fresh.storage;
    const int64_t first = storage.create_study("first");
    const int64_t second = storage.create_study("second");
    std::set<int64_t> ids;
    for (int i = 0; i < 3; ++i) {
        for (const int64_t study : {first, second}) {
            int64_t id = -1;
            int64_t number = -1;
            REQUIRE(storage.try_create_trial(study, {{"state", "RUNNING"}}, id, number) == HPO_OK);
            CHECK(number == i);
            ids.insert(id);
        }
    }
    CHECK(ids.size() == 6);
    const json trials = storage.all_trials(first);
    CHECK(numbers_of(trials) == std::vector<int64_t>{0, 1, 2});
    const json &record = trials[0];
    CHECK(record["state"] == "RUNNING");
    for (const char *key : {"params", "intermediate_values", "user_attrs", "system_attrs"}) {
        CHECK(record[key] == json::object());
    }
    for (const char *key : {"values", "datetime_start", "datetime_complete", "message", "heartbeat", "worker"}) {
        CHECK(record[key].is_null());
    }
    int64_t id = -1;
    int64_t number = -1;
    CHECK(storage.try_create_trial(second + 100, {{"state", "RUNNING"}}, id, number) == HPO_ENOTFOUND);
}

TEST_CASE_TEMPLATE("a trial patch merges params, attributes and steps and replaces the rest", T,
                   Sqlite, Journal) {
    Fresh<T> fresh;
    Storage &storage = fresh.storage;
    const int64_t study = storage.create_study("s");
    const int64_t id = storage.create_trial(
        study, {{"state", "RUNNING"}, {"params", {{"x", 0.25}}}, {"user_attrs", {{"a", 1}}}});
    storage.update_trial(study, id, {{"params", {{"y", 3.0}, {"z", nullptr}}}});
    storage.update_trial(study, id, {{"intermediate_values", {{"1", 0.5}, {"2", 0.4}}}});
    storage.update_trial(study, id, {{"intermediate_values", {{"2", 9.0}, {"3", 0.3}}}});
    storage.update_trial(study, id, {{"user_attrs", {{"b", "two"}}}, {"system_attrs", {{"bracket", 1}}}});
    storage.update_trial(study, id, {{"message", "first"}});
    storage.update_trial(study, id, {{"message", "second"}, {"values", {0.1, nullptr}}});

    const json record = storage.trial(study, id);
    CHECK(record["params"] == json{{"x", 0.25}, {"y", 3.0}, {"z", nullptr}});
    CHECK(record["intermediate_values"] == json{{"1", 0.5}, {"2", 0.4}, {"3", 0.3}});
    CHECK(record["user_attrs"] == json{{"a", 1}, {"b", "two"}});
    CHECK(record["system_attrs"] == json{{"bracket", 1}});
    CHECK(record["message"] == "second");
    CHECK(record["values"] == json{0.1, nullptr});

    SUBCASE("an unknown key or a key of the wrong type is refused by name") {
        CHECK(storage.try_update_trial(study, id, {{"intermediate", json::object()}}) == HPO_EINVAL);
        CHECK(contains(storage.last_error(), "\"intermediate\""));
        CHECK(storage.try_update_trial(study, id, {{"state", "DONE"}}) == HPO_EINVAL);
        CHECK(contains(storage.last_error(), "\"state\""));
        CHECK(storage.try_update_trial(study, id, {{"number", 5}}) == HPO_EINVAL);
        CHECK(storage.try_update_trial(study, id, {{"intermediate_values", {{"two", 1}}}}) == HPO_EINVAL);
        CHECK(storage.trial(study, id) == record);
    }
    SUBCASE("a trial of another study or none is not found") {
        const int64_t other = storage.create_study("other");
        CHECK(storage.try_update_trial(other, id, {{"message", "x"}}) == HPO_ENOTFOUND);
        CHECK(storage.try_update_trial(study, id + 100, {{"message", "x"}}) == HPO_ENOTFOUND);
    }
}

TEST_CASE_TEMPLATE("infinite values round trip as \"inf\" and \"-inf\", as the engine writes them", T, Sqlite,
                   Journal) {
    Fresh<T> fresh;
    Storage &storage = fresh.storage;
    const int64_t study = storage.create_study("s");
    const int64_t id = storage.create_trial(study);
    storage.update_trial(study, id, {{"intermediate_values", {{"1", "inf"}, {"2", "-inf"}}}});
    storage.update_trial(study, id, {{"state", "COMPLETE"}, {"values", {"inf", "-inf", nullptr, 1.5}}});
    const json record = storage.trial(study, id);
    CHECK(record["values"] == json{"inf", "-inf", nullptr, 1.5});
    CHECK(record["intermediate_values"] == json{{"1", "inf"}, {"2", "-inf"}});
    CHECK(storage.try_update_trial(study, id, {{"values", {"infinity"}}}) == HPO_EINVAL);
}

TEST_CASE_TEMPLATE("a finished trial refuses a new state but takes other writes", T, Sqlite, Journal) {
    Fresh<T> fresh;
    Storage &storage = fresh.storage;
    const int64_t study = storage.create_study("s");
    const int64_t id = storage.create_trial(study);
    storage.update_trial(study, id, {{"state", "COMPLETE"}, {"values", {1.5}}});
    CHECK(storage.try_update_trial(study, id, {{"state", "FAIL"}, {"message", "late"}}) == HPO_ESTATE);
    CHECK(contains(storage.last_error(), "trial 0 is already COMPLETE"));
    storage.update_trial(study, id, {{"user_attrs", {{"note", "after"}}}});
    const json record = storage.trial(study, id);
    CHECK(record["state"] == "COMPLETE");
    CHECK(record["values"] == json{1.5});
    CHECK(record["message"].is_null());
    CHECK(record["user_attrs"]["note"] == "after");
}

TEST_CASE_TEMPLATE("two threads telling the same trial: exactly one wins", T, Sqlite, Journal) {
    Fresh<T> fresh;
    Storage &storage = fresh.storage;
    const int64_t study = storage.create_study("s");
    for (int round = 0; round < 10; ++round) {
        const int64_t id = storage.create_trial(study);
        std::vector<int32_t> statuses(4);
        std::vector<std::thread> workers;
        for (size_t w = 0; w < statuses.size(); ++w) {
            workers.emplace_back([&, w] {
                statuses[w] = storage.try_update_trial(
                    study, id, {{"state", "COMPLETE"}, {"values", {static_cast<double>(w)}}});
            });
        }
        for (std::thread &worker : workers) worker.join();
        CHECK(std::count(statuses.begin(), statuses.end(), HPO_OK) == 1);
        CHECK(std::count(statuses.begin(), statuses.end(), HPO_ESTATE) == 3);
    }
}

TEST_CASE_TEMPLATE("claiming takes the oldest waiting trial and starts it for the worker", T, Sqlite,
                   Journal) {
    Fresh<T> fresh;
    Storage &storage = fresh.storage;
    const int64_t study = storage.create_study("s");
    CHECK(storage.claim(study, "w0") == -1);
    storage.create_trial(study, {{"state", "RUNNING"}});
    const int64_t first = storage.create_trial(study, {{"state", "WAITING"}, {"params", {{"x", 1.0}}}});
    const int64_t second = storage.create_trial(study, {{"state", "WAITING"}});

    CHECK(storage.claim(study, "w1") == first);
    const json record = storage.trial(study, first);
    CHECK(record["state"] == "RUNNING");
    CHECK(record["worker"] == "w1");
    CHECK(record["params"]["x"] == 1.0);
    CHECK(record["datetime_start"].is_string());
    CHECK(record["heartbeat"].is_number());
    CHECK(storage.claim(study, nullptr) == second);
    CHECK(storage.trial(study, second)["worker"].is_null());
    CHECK(storage.claim(study, "w1") == -1);
}

TEST_CASE_TEMPLATE("reading trials returns only those written since a revision", T, Sqlite, Journal) {
    Fresh<T> fresh;
    Storage &storage = fresh.storage;
    const int64_t study = storage.create_study("s");
    const int64_t other = storage.create_study("other");
    std::vector<int64_t> ids;
    for (int i = 0; i < 5; ++i) ids.push_back(storage.create_trial(study));
    storage.create_trial(other);

    int64_t revision = 0;
    CHECK(storage.read_trials(study, 0, revision).size() == 5);
    const int64_t seen = revision;
    CHECK(storage.read_trials(study, seen, revision).empty());
    CHECK(revision == seen);

    storage.update_trial(study, ids[3], {{"state", "COMPLETE"}, {"values", {3.0}}});
    storage.update_trial(study, ids[1], {{"intermediate_values", {{"0", 1.0}}}});
    storage.create_trial(other);
    const json changed = storage.read_trials(study, seen, revision);
    CHECK(revision > seen);
    CHECK(numbers_of(changed) == std::vector<int64_t>{1, 3});
    CHECK(changed[1]["values"] == json{3.0});

    SUBCASE("another handle on the same file sees the writes too") {
        Storage reader(T::scheme, fresh.path);
        int64_t its_revision = 0;
        CHECK(reader.read_trials(study, 0, its_revision).size() == 5);
        storage.update_trial(study, ids[4], {{"message", "hello"}});
        const json news = reader.read_trials(study, its_revision, its_revision);
        REQUIRE(news.size() == 1);
        CHECK(news[0]["message"] == "hello");
    }
}

TEST_CASE_TEMPLATE("trials whose heartbeat stopped fail with the reason", T, Sqlite, Journal) {
    Fresh<T> fresh;
    Storage &storage = fresh.storage;
    const int64_t study = storage.create_study("s");
    const double now = static_cast<double>(std::time(nullptr));
    const int64_t silent = storage.create_trial(study, {{"state", "RUNNING"}, {"heartbeat", now - 100}});
    const int64_t beating = storage.create_trial(study, {{"state", "RUNNING"}, {"heartbeat", now}});
    const int64_t never_beat = storage.create_trial(study, {{"state", "RUNNING"}});
    const int64_t waiting = storage.create_trial(study, {{"state", "WAITING"}, {"heartbeat", now - 100}});
    storage.update_trial(study, beating, {{"heartbeat", now + 1}});

    CHECK(storage.fail_stale_trials(study, 30) == json{silent});
    const json failed = storage.trial(study, silent);
    CHECK(failed["state"] == "FAIL");
    CHECK(contains(failed["message"].get<std::string>(), "heartbeat lost: no heartbeat for 10"));
    CHECK(failed["datetime_complete"].is_string());
    for (const int64_t alive : {beating, never_beat}) CHECK(storage.trial(study, alive)["state"] == "RUNNING");
    CHECK(storage.trial(study, waiting)["state"] == "WAITING");
    CHECK(storage.fail_stale_trials(study, 30) == json::array());
}

TEST_CASE_TEMPLATE("a storage library offers one thread-safe storage named after its scheme", T, Sqlite,
                   Journal) {
    const hpo::test::LoadedLibrary library = hpo::test::load_library(T::scheme);
    const hpo_plugin_table *table = library.query(HPO_ABI_VERSION);
    REQUIRE(table != nullptr);
    REQUIRE(table->n_plugins == 1);
    const hpo_plugin_info &info = table->plugins[0];
    CHECK(info.kind == HPO_PLUGIN_STORAGE);
    CHECK(std::string(info.name) == T::scheme);
    CHECK((info.flags & HPO_PLUGIN_THREAD_SAFE) != 0);
    const json schema = json::parse(info.options_schema_json);
    CHECK(schema["url"]["required"] == true);
    CHECK(schema["timeout"]["default"] == 30);
    CHECK(schema["sync"]["default"] == true);
    CHECK(library.query(HPO_ABI_MAKE(HPO_ABI_VERSION_MAJOR + 1, 0)) == nullptr);
}
