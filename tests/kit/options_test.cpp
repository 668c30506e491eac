// Options checked against a plugin's schema: object-valued options, NULL options text, the
// wording that names an unknown option, duplicate options, and integers that must be exact.
#include <hpo_kit/options.hpp>

#include <doctest/doctest.h>

#include <cstdint>
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

TEST_CASE("an integer option takes whole numbers an int64_t holds, naming the option otherwise") {
    SUBCASE("3.0 is the integer 3") {
        CHECK(Options(schema, R"({"limit": 3.0})").integer("limit") == 3);
    }
    SUBCASE("a fraction is no integer") {
        CHECK_THROWS_WITH_AS(
            Options(schema, R"({"limit": 2.5})"),
            doctest::Contains(R"(option "limit" must be of type integer, got 2.5)"), InvalidOption);
    }
    SUBCASE("whole numbers beyond int64_t are refused rather than wrapped or cut") {
        for (const char *given : {"1e20", "1e300", "-1e300", "9223372036854775808",
                                  "18446744073709551615", "9.3e18"}) {
            INFO(given);
            CHECK_THROWS_WITH_AS(
                Options(schema, std::string(R"({"limit": )") + given + "}"),
                doctest::Contains("option \"limit\" must be an integer from "
                                  "-9223372036854775808 to 9223372036854775807"),
                InvalidOption);
        }
    }
    SUBCASE("the largest int64_t is kept exactly") {
        CHECK(Options(schema, R"({"limit": 9223372036854775807})").integer("limit") == INT64_MAX);
    }
}

TEST_CASE("bounds compare integers exactly, beyond where doubles are exact") {
    const char *bounded =
        R"({"n": {"type": "integer", "minimum": 1, "maximum": 9007199254740992}})";
    CHECK(Options(bounded, R"({"n": 9007199254740992})").integer("n") == 9007199254740992);
    CHECK_THROWS_WITH_AS(
        Options(bounded, R"({"n": 9007199254740993})"),
        doctest::Contains(R"(option "n" must be at most 9007199254740992, got 9007199254740993)"),
        InvalidOption);
    CHECK_THROWS_WITH_AS(Options(bounded, R"({"n": 0.0})"),
                         doctest::Contains(R"(option "n" must be at least 1, got 0.0)"),
                         InvalidOption);
}
