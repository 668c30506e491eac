// The contract's studies: kept by name, created, loaded, listed, deleted; a taken name is
// HPO_EEXISTS; update_study replaces top-level keys but merges "system_attrs" key by key.
#include "conformance_case.hpp"

#include <doctest/doctest.h>

using hpo::test::ConformanceCase;
using hpo::test::contains;
using hpo::test::json;
using hpo::test::missing_id;

namespace {

const json *find_named(const json &studies, const std::string &name) {
    for (const json &study : studies) {
        if (study["name"] == name) return &study;
    }
    return nullptr;
}

} // namespace

TEST_CASE_FIXTURE(ConformanceCase, "a storage keeps studies by name: create, load, list, delete") {
    const json study = {{"name", study_name("night")},
                        {"directions", {"minimize", "maximize"}},
                        {"space", {{"x", {{"type", "float"}, {"low", 0}, {"high", 1}}}}},
                        {"seed", 42},
                        {"user_attrs", {{"owner", "ana"}}}};
    int64_t id = -1;
    REQUIRE_MESSAGE(storage().try_create_study(study, false, id) == HPO_OK, storage().last_error());
    const std::string day = study_name("day");
    const int64_t other = storage().create_study(day);
    CHECK(other != id);

    SUBCASE("load returns the object as given, with its id") {
        int64_t loaded_id = -1;
        json loaded;
        REQUIRE(storage().try_load_study(study["name"], loaded_id, loaded) == HPO_OK);
        CHECK(loaded_id == id);
        json expected = study;
        expected["id"] = id;
        CHECK(loaded == expected);
    }
    SUBCASE("list returns every study with its id") {
        const json studies = storage().list_studies();
        const json *night = find_named(studies, study["name"]);
        REQUIRE(night != nullptr);
        CHECK((*night)["id"] == id);
        REQUIRE(find_named(studies, day) != nullptr);
        CHECK((*find_named(studies, day))["id"] == other);
    }
    SUBCASE("delete removes the study and its trials; its name is free again") {
        storage().create_trial(id);
        REQUIRE(storage().try_delete_study(study["name"]) == HPO_OK);
        int64_t loaded_id = -1;
        json loaded;
        CHECK(storage().try_load_study(study["name"], loaded_id, loaded) == HPO_ENOTFOUND);
        CHECK(storage().try_delete_study(study["name"]) == HPO_ENOTFOUND);
        CHECK(find_named(storage().list_studies(), study["name"]) == nullptr);
        CHECK(find_named(storage().list_studies(), day) != nullptr);
        int64_t reborn = -1;
        REQUIRE(storage().try_create_study(study, false, reborn) == HPO_OK);
        CHECK(reborn != id);
        CHECK(storage().all_trials(reborn).empty());
    }
    SUBCASE("another instance on the same storage sees the study") {
        CHECK(open()->load_study(study["name"])["id"] == id);
    }
}

TEST_CASE_FIXTURE(ConformanceCase, "a taken name is refused with HPO_EEXISTS, or loaded with load_if_exists") {
    const std::string name = study_name("taken");
    const int64_t id = storage().create_study(name);
    int64_t again = -1;
    CHECK(storage().try_create_study({{"name", name}}, false, again) == HPO_EEXISTS);
    CHECK(contains(storage().last_error(), name));
    REQUIRE(storage().try_create_study({{"name", name}}, true, again) == HPO_OK);
    CHECK(again == id);
}

TEST_CASE_FIXTURE(ConformanceCase, "a study without a name, or unknown, is refused") {
    int64_t none = -1;
    CHECK(storage().try_create_study({{"directions", {"minimize"}}}, false, none) == HPO_EINVAL);
    CHECK(storage().try_update_study(missing_id, {{"seed", 1}}) == HPO_ENOTFOUND);
    json study;
    CHECK(storage().try_load_study(study_name("never made"), none, study) == HPO_ENOTFOUND);
}

TEST_CASE_FIXTURE(ConformanceCase, "update_study replaces each other key it is given, but the name") {
    const std::string name = study_name("grown");
    const json space = {{"x", {{"type", "float"}, {"low", 0}, {"high", 1}}}};
    int64_t id = -1;
    REQUIRE(storage().try_create_study({{"name", name}, {"space", space}, {"seed", 42}}, false, id) == HPO_OK);
    const json grown = {{"space", {{"x", space["x"]}, {"y", {{"type", "int"}, {"low", 0}, {"high", 3}}}}},
                        {"user_attrs", {{"owner", "bo"}}}};
    REQUIRE_MESSAGE(storage().try_update_study(id, grown) == HPO_OK, storage().last_error());
    const json loaded = storage().load_study(name);
    CHECK(loaded["space"] == grown["space"]);
    CHECK(loaded["user_attrs"] == grown["user_attrs"]);
    CHECK(loaded["seed"] == 42);

    CHECK(storage().try_update_study(id, {{"name", study_name("renamed")}}) < 0);
    CHECK(storage().load_study(name)["id"] == id);
}

TEST_CASE_FIXTURE(ConformanceCase, "update_study merges system_attrs key by key, so workers keep each other's") {
    const std::string name = study_name("shared state");
    int64_t id = -1;
    REQUIRE(storage().try_create_study({{"name", name}, {"system_attrs", {{"a", 1}}}}, false, id) == HPO_OK);
    const auto other = open();
    REQUIRE_MESSAGE(storage().try_update_study(id, {{"system_attrs", {{"b", {{"generation", 2}}}}}}) == HPO_OK,
                    storage().last_error());
    REQUIRE(other->try_update_study(id, {{"system_attrs", {{"a", 3}}}}) == HPO_OK);
    CHECK(storage().load_study(name)["system_attrs"] == json{{"a", 3}, {"b", {{"generation", 2}}}});
}

TEST_CASE_FIXTURE(ConformanceCase, "update_study merges the space and adds declared names, so workers growing it keep each other's") {
    const std::string name = study_name("growing space");
    const json x = {{"type", "float"}, {"low", 0}, {"high", 1}};
    int64_t id = -1;
    REQUIRE(storage().try_create_study({{"name", name}, {"space", {{"x", x}}}, {"declared", {"x"}}}, false, id) == HPO_OK);
    const auto other = open();
    // Two workers each add a parameter of their own to the space they last read.
    REQUIRE_MESSAGE(storage().try_update_study(id, {{"space", {{"x", x}, {"a", x}}}, {"declared", {"x", "a"}}}) == HPO_OK,
                    storage().last_error());
    REQUIRE(other->try_update_study(id, {{"space", {{"x", x}, {"b", x}}}, {"declared", {"x", "b"}}}) == HPO_OK);
    const json loaded = storage().load_study(name);
    CHECK(loaded["space"] == json{{"x", x}, {"a", x}, {"b", x}});
    CHECK(loaded["declared"] == json::array({"x", "a", "b"}));
}
