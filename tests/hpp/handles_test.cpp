// hpo.hpp's handles and errors: RAII ownership, and C API error statuses as hpo::Error.
#include <hpo/hpo.hpp>

#include <doctest/doctest.h>

#include <string>
#include <type_traits>

static_assert(!std::is_copy_constructible_v<hpo::Engine> && std::is_nothrow_move_constructible_v<hpo::Engine>);
static_assert(!std::is_copy_constructible_v<hpo::Study> && std::is_nothrow_move_constructible_v<hpo::Study>);
static_assert(!std::is_copy_constructible_v<hpo::Trial> && std::is_nothrow_move_constructible_v<hpo::Trial>);

TEST_CASE("an engine lists the plugins it loaded with their files") {
    hpo::Engine engine;
    const std::string plugins = engine.plugins_json();
    CHECK(plugins.find("\"random\"") != std::string::npos);
    CHECK(plugins.find("libhpo_random.so") != std::string::npos);
}

TEST_CASE("an error status of the C API becomes an hpo::Error with its status and message") {
    hpo::Engine engine;
    SUBCASE("malformed JSON") {
        CHECK_THROWS_WITH_AS(hpo::Study(engine, "{\"name\": "), doctest::Contains("JSON"), hpo::Error);
    }
    SUBCASE("an unknown sampler is named") {
        try {
            hpo::Study study(engine, R"({"sampler": "no-such-sampler"})");
            FAIL("the study was created");
        } catch (const hpo::Error &error) {
            CHECK(error.status() == HPO_ENOTFOUND);
            CHECK(std::string(error.what()).find("no-such-sampler") != std::string::npos);
        }
    }
    SUBCASE("an unknown plugin folder is named") {
        CHECK_THROWS_WITH_AS(engine.add_plugin_path("/no/such/folder"), doctest::Contains("/no/such/folder"), hpo::Error);
    }
}

TEST_CASE("a moved trial keeps its handle and the moved-from one frees nothing") {
    hpo::Engine engine;
    hpo::Study study(engine, R"({"seed": 1, "space": {"x": {"type": "float", "low": 0, "high": 1}}})");
    std::optional<hpo::Trial> asked = study.ask();
    REQUIRE(asked.has_value());
    hpo::Trial trial = std::move(*asked);
    asked.reset();  // destroys the moved-from trial: must not free the handle
    trial.tell(trial.param("x"));
    CHECK(study.best_trial_json().find("\"COMPLETE\"") != std::string::npos);
}
