// Options checked against a plugin's schema: object-valued options, NULL options text, the
// wording that names an unknown option, and options given twice.
#include <hpo_kit/options.hpp>

#include <doctest/doctest.h>

#include <string>

using hpo::plugin_kit::InvalidOption;
using hpo::plugin_kit::Options;

namespace {

const char *const schema = R"({
  "values": {"type": "object", "default": {}},
  "limit": {"type": "integer", "default": 10, "minimum": 1}
})";

} // namespace

TEST_CASE("an object option takes any object and refuses other values, naming the option") {
    SUBCASE("a given object is kept as written") {
        const Options options(schema, R"({"values": {"x": [1, 2], "y": ["a"]}})");
        CHECK(options.object("values") == nlohmann::json::parse(R"({"x": [1, 2], "y": ["a"]})"));
    }
    SUBCASE("an absent object reads as its default") {
        const Options options(schema, "{}");
        CHECK(options.object("values") == nlohmann::json::object());
    }
    SUBCASE("an array is not an object") {
        CHECK_THROWS_WITH_AS(Options(schema, R"({"values": [1, 2]})"),
                             doctest::Contains("option \"values\" must be of type object"),
                             InvalidOption);
    }
}

TEST_CASE("NULL options text reads as no options, so every default applies") {
    const char *no_options = nullptr;
    const Options options(schema, no_options);
    CHECK(options.integer("limit") == 10);
}

TEST_CASE("an unknown option is named in double quotes with the options that exist") {
    CHECK_THROWS_WITH_AS(Options(schema, R"({"limt": 3})"),
                         doctest::Contains("unknown option \"limt\" (known: limit, values)"),
                         InvalidOption);
    SUBCASE("a plugin without options says it takes none") {
        CHECK_THROWS_WITH_AS(
            Options("{}", R"({"seed": 3})"),
            doctest::Contains("unknown option \"seed\" (this plugin takes no options)"),
            InvalidOption);
    }
}

TEST_CASE("an option given twice is refused, not read as its last value") {
    CHECK_THROWS_WITH_AS(Options(schema, R"({"limit": 3, "limit": 4})"),
                         doctest::Contains(R"(options are not valid JSON: duplicate key "limit")"),
                         InvalidOption);
    CHECK_THROWS_WITH_AS(hpo::plugin_kit::parse_options(R"({"a": 1, "a": 1})"),
                         doctest::Contains(R"(duplicate key "a" at line 1, column 10)"),
                         InvalidOption);
}
