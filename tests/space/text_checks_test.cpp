// The checks of text users hand the engine: JSON with duplicate keys refused under the name
// of what it is, and the one UTF-8 validator the C API's strings go through.
#include "error.hpp"
#include "text_checks.hpp"

#include <doctest/doctest.h>

#include <string>
#include <string_view>

using namespace std::string_view_literals;

TEST_CASE("JSON text is refused under the name of what it is, duplicate keys included") {
    CHECK(hpo::parse_json_text(R"({"b": 1, "a": 2})", "space").dump() == R"({"b":1,"a":2})");
    CHECK_THROWS_WITH_AS(hpo::parse_json_text("{\"lr\": {\"type\": \"float\"},\n \"lr\": 1}", "space"),
                         R"(space is not valid JSON: duplicate key "lr" at line 2, column 2)", hpo::Error);
    CHECK_THROWS_WITH_AS(hpo::parse_json_text("{", "study config"),
                         doctest::Contains("study config is not valid JSON: [json.exception.parse_error.101]"),
                         hpo::Error);
}

TEST_CASE("well-formed UTF-8 passes, in every length of character") {
    for (std::string_view text : {""sv, "plain ascii"sv, "\u00e9t\u00e9"sv, "\u20ac\uffff"sv, "\U00010348\U0010ffff"sv,
                                  "a\0b"sv}) {
        INFO(text);
        CHECK(hpo::find_invalid_utf8(text) == std::string_view::npos);
    }
}

TEST_CASE("the first byte that starts no well-formed character is found") {
    struct Case {
        std::string_view text;
        std::size_t offset;
        const char *why;
    };
    for (const Case &c : {Case{"ab\xff", 2, "never in UTF-8"}, Case{"\x80", 0, "a continuation alone"},
                          Case{"x\xc3", 1, "cut short at the end"}, Case{"\xc3(", 0, "a lead without continuation"},
                          Case{"\xc0\xaf", 0, "overlong '/' in two bytes"},
                          Case{"ok\xe0\x80\xaf", 2, "overlong '/' in three bytes"},
                          Case{"\xf0\x80\x80\xaf", 0, "overlong '/' in four bytes"},
                          Case{"\xed\xa0\x80", 0, "a UTF-16 surrogate"},
                          Case{"\xf4\x90\x80\x80", 0, "above U+10FFFF"},
                          Case{"\xf5\x80\x80\x80", 0, "F5 leads nothing"},
                          Case{"\xe2\x82", 0, "three bytes cut to two"},
                          Case{"\xe2\x82\xac\xf0\x9f\x98", 3, "a four-byte character cut to three"}}) {
        INFO(c.why);
        CHECK(hpo::find_invalid_utf8(c.text) == c.offset);
    }
}

TEST_CASE("require_utf8 names the text, the byte and its offset") {
    CHECK_NOTHROW(hpo::require_utf8("caf\u00e9", "name"));
    CHECK_THROWS_WITH_AS(hpo::require_utf8("caf\xe9", "hpo_trial_suggest_float: name"),
                         "hpo_trial_suggest_float: name is not valid UTF-8 (byte 0xe9 at offset 3 starts no character)",
                         hpo::Error);
}
