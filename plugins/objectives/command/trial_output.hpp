// What a command trial's program says: intermediate values and its result, read from the
// lines it prints or from a JSON file it writes.
#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <regex>
#include <string>
#include <utility>
#include <vector>

namespace hpo::command {

// The default intermediate-value line: "hpo: step=3 value=0.41".
inline constexpr const char *default_report_pattern = R"(^hpo: step=(\d+) value=(\S+)\s*$)";

// A number as a program prints it: 0.41, -1e-3, inf, nan. nullopt when the text is not one
// number alone.
std::optional<double> parse_number(const std::string &text);

class LineParser {
public:
    // report_pattern: a regular expression (ECMAScript) with two groups, the step and the
    // value. result_pattern: one group per objective; absent, a result line is one made of
    // numbers alone (one per objective, separated by spaces or commas). std::invalid_argument
    // naming the option for a pattern that does not compile or has the wrong groups.
    LineParser(const std::string &report_pattern, const std::optional<std::string> &result_pattern);

    // (step, value) when the line is an intermediate value. std::invalid_argument when it
    // matches but its step or value is not a number.
    [[nodiscard]] std::optional<std::pair<int64_t, double>> report(const std::string &line) const;
    // The n values the line gives as the trial's result, when it is a result line.
    // std::invalid_argument when the result pattern's groups are not n.
    [[nodiscard]] std::optional<std::vector<double>> result(const std::string &line, std::size_t n) const;

private:
    std::regex report_;
    std::optional<std::regex> result_;
    std::string result_text_;
};

// The n values of a JSON result file: a number (n = 1), an array of n numbers, or an object
// holding one number per name in `fields`. std::runtime_error saying what is missing or
// wrong, and where.
std::vector<double> read_result_file(const std::filesystem::path &file, const std::vector<std::string> &fields,
                                     std::size_t n);

}  // namespace hpo::command
