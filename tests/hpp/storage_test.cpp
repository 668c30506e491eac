// hpo.hpp's engine-level storage calls: listing the studies a storage holds and deleting one.
#include <hpo/hpo.hpp>

#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include <filesystem>
#include <string>
#include <vector>

#include <unistd.h>

namespace {

// A storage file in a fresh folder, removed with its folder at the end of the test.
struct TemporaryFile {
    std::filesystem::path folder =
        std::filesystem::temp_directory_path() / ("hpo_hpp_storage_" + std::to_string(::getpid()));
    std::filesystem::path path;

    explicit TemporaryFile(const std::string &name) {
        std::filesystem::remove_all(folder);
        std::filesystem::create_directories(folder);
        path = folder / name;
    }
    ~TemporaryFile() { std::filesystem::remove_all(folder); }
};

std::vector<std::string> study_names(const hpo::Engine &engine, const std::string &url) {
    std::vector<std::string> names;
    for (const auto &study : nlohmann::json::parse(engine.studies_json(url))) names.push_back(study.at("name").get<std::string>());
    return names;
}

}  // namespace

TEST_CASE("an engine lists the studies a storage holds and deletes one by name") {
    std::string scheme, file;
    SUBCASE("sqlite") { scheme = "sqlite", file = "studies.db"; }
    SUBCASE("journal") { scheme = "journal", file = "studies.log"; }
    const TemporaryFile storage(file);
    const std::string url = scheme + ":///" + storage.path.string();
    hpo::Engine engine;
    {
        hpo::Study study(engine, R"({"name": "kept", "directions": ["maximize"], "storage": ")" + url + "\"}");
        hpo::Study other(engine, R"({"name": "dropped", "storage": ")" + url + "\"}");
        other.ask()->tell(1.0);
    }
    const auto studies = nlohmann::json::parse(engine.studies_json(url));
    REQUIRE(studies.size() == 2);
    for (const auto &study : studies) {
        if (study.at("name") == "kept") CHECK(study.at("directions") == nlohmann::json{"maximize"});
    }

    engine.delete_study(url, "dropped");
    CHECK(study_names(engine, url) == std::vector<std::string>{"kept"});
    try {
        engine.delete_study(url, "dropped");
        FAIL("a deleted study was deleted again");
    } catch (const hpo::Error &error) {
        CHECK(error.status() == HPO_ENOTFOUND);
        CHECK(std::string(error.what()).find("\"dropped\"") != std::string::npos);
    }
}
