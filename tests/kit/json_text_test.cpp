// The strict JSON parser shared by plugin options and the engine: duplicate keys refused
// with where they are, everything else as nlohmann parses it.
#include <hpo_kit/json_text.hpp>

#include <doctest/doctest.h>

#include <string>

using hpo::plugin_kit::InvalidJsonText;
using hpo::plugin_kit::parse_json_text;
using nlohmann::json;

namespace {

// The message parse_json_text refuses `text` with.
std::string refusal(const std::string &text) {
    try {
        parse_json_text<json>(text);
    } catch (const InvalidJsonText &error) {
        return error.what();
    }
    FAIL("parsed without an error: " << text);
    return "";
}

} // namespace

TEST_CASE("a key given twice in one object is refused with the line and column of the second") {
    CHECK(refusal(R"({"lr": 0.1, "lr": 0.2})") == R"(duplicate key "lr" at line 1, column 13)");
    CHECK(refusal("{\n  \"x\": {\n    \"type\": \"float\",\n    \"type\": \"int\"\n  }\n}") ==
          R"(duplicate key "type" at line 4, column 5)");
    SUBCASE("in an object inside an array") {
        CHECK(refusal(R"([{"a": 1}, {"b": 1, "b": 2}])") ==
              R"(duplicate key "b" at line 1, column 21)");
    }
    SUBCASE("after a nested object that used the same key") {
        CHECK(refusal(R"({"a": {"a": 1}, "a": 2})") == R"(duplicate key "a" at line 1, column 17)");
    }
    SUBCASE("keys with escapes are compared and located by what they spell") {
        CHECK(refusal(R"({"q\"": 1, "q\u0022": 2})") ==
              R"(duplicate key "q\"" at line 1, column 12)");
        CHECK(refusal(R"({"\\": 1, "\\": 2})") == R"(duplicate key "\\" at line 1, column 11)");
    }
}

TEST_CASE("equal keys in different objects are not duplicates, and order is kept") {
    const auto parsed = parse_json_text<nlohmann::ordered_json>(
        R"({"z": {"a": 1, "b": {"a": 2}}, "a": [{"a": 3}, {"a": 4}]})");
    CHECK(parsed.dump() == R"({"z":{"a":1,"b":{"a":2}},"a":[{"a":3},{"a":4}]})");
    CHECK(parse_json_text<json>("[1, \"two\", null]") == json::parse("[1, \"two\", null]"));
}

TEST_CASE("malformed text and numbers beyond a double are refused with nlohmann's message") {
    CHECK(refusal(R"({"a": })").find("parse error at line 1, column 7") != std::string::npos);
    CHECK(refusal("").find("parse error") != std::string::npos);
    CHECK(refusal("[1e400]").find("number overflow parsing '1e400'") != std::string::npos);
}
