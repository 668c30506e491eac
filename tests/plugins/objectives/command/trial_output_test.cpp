// Reading a program's output: numbers, intermediate-value lines, result lines and result
// files.
#include "trial_output.hpp"

#include <doctest/doctest.h>

#include <cmath>
#include <fstream>
#include <unistd.h>

namespace {

using namespace hpo::command;

std::filesystem::path write_file(const std::string &name, const std::string &text) {
    const auto path = std::filesystem::temp_directory_path() / (name + "-" + std::to_string(getpid()));
    std::ofstream(path) << text;
    return path;
}

}  // namespace

TEST_CASE("numbers as programs print them") {
    CHECK(parse_number("0.41") == 0.41);
    CHECK(parse_number("-1e-3") == -1e-3);
    CHECK(std::isinf(*parse_number("inf")));
    CHECK(std::isnan(*parse_number("nan")));
    CHECK_FALSE(parse_number(""));
    CHECK_FALSE(parse_number("0.4x"));
    CHECK_FALSE(parse_number("epoch"));
}

TEST_CASE("the default intermediate-value line") {
    const LineParser parser(default_report_pattern, std::nullopt);
    CHECK(parser.report("hpo: step=3 value=0.41") == std::pair<int64_t, double>{3, 0.41});
    CHECK_FALSE(parser.report("epoch 3 loss 0.41"));
    CHECK_THROWS_WITH_AS((void)parser.report("hpo: step=3 value=abc"), doctest::Contains("\"abc\" is not a number"),
                         std::invalid_argument);
}

TEST_CASE("a result line is numbers alone, one per objective, unless a pattern says otherwise") {
    const LineParser plain(default_report_pattern, std::nullopt);
    CHECK(plain.result("0.25", 1) == std::vector<double>{0.25});
    CHECK(plain.result("0.25, 3", 2) == std::vector<double>{0.25, 3});
    CHECK_FALSE(plain.result("0.25 3", 1));
    CHECK_FALSE(plain.result("epoch 3", 1));
    const LineParser pattern(default_report_pattern, std::string(R"(^loss=(\S+) time=(\S+)$)"));
    CHECK(pattern.result("loss=0.5 time=12", 2) == std::vector<double>{0.5, 12});
    CHECK_FALSE(pattern.result("0.5", 2));
    CHECK_THROWS_WITH_AS((void)pattern.result("loss=0.5 time=12", 1), doctest::Contains("has 2 groups; the study has 1"),
                         std::invalid_argument);
}

TEST_CASE("bad patterns are refused naming the option") {
    CHECK_THROWS_WITH_AS(LineParser("(", std::nullopt), doctest::Contains("option \"report_pattern\""),
                         std::invalid_argument);
    CHECK_THROWS_WITH_AS(LineParser("step=(\\d+)", std::nullopt), doctest::Contains("must have two groups"),
                         std::invalid_argument);
    CHECK_THROWS_WITH_AS(LineParser(default_report_pattern, std::string("loss")),
                         doctest::Contains("option \"result_pattern\""), std::invalid_argument);
}

TEST_CASE("result files: a number, an array, or an object's fields") {
    CHECK(read_result_file(write_file("number", "0.5"), {"value"}, 1) == std::vector<double>{0.5});
    CHECK(read_result_file(write_file("array", "[1, 2]"), {"value"}, 2) == std::vector<double>{1, 2});
    const auto object = write_file("object", R"({"loss": 0.1, "acc": 0.9, "other": "x"})");
    CHECK(read_result_file(object, {"loss", "acc"}, 2) == std::vector<double>{0.1, 0.9});
    CHECK_THROWS_WITH_AS(read_result_file(object, {"loss", "f1"}, 2), doctest::Contains("has no field \"f1\""),
                         std::runtime_error);
    CHECK_THROWS_WITH_AS(read_result_file(object, {"other"}, 1), doctest::Contains("\"x\", not a number"),
                         std::runtime_error);
    CHECK_THROWS_WITH_AS(read_result_file(write_file("bad", "{"), {"value"}, 1), doctest::Contains("is not JSON"),
                         std::runtime_error);
    CHECK_THROWS_WITH_AS(read_result_file("/nonexistent/result.json", {"value"}, 1),
                         doctest::Contains("wrote no result file"), std::runtime_error);
}
