#include "trial_output.hpp"

#include <nlohmann/json.hpp>

#include <cerrno>
#include <cmath>
#include <cstdlib>
#include <fstream>
#include <limits>
#include <stdexcept>

namespace hpo::command {
namespace {

std::regex compile(const std::string &option, const std::string &pattern) {
    try {
        return std::regex(pattern, std::regex::ECMAScript);
    } catch (const std::regex_error &error) {
        throw std::invalid_argument("option \"" + option + "\": \"" + pattern + "\" is not a valid regular expression (" +
                                    error.what() + ")");
    }
}

// Every token of a line split at spaces, tabs and commas, when all are numbers.
std::optional<std::vector<double>> numbers_alone(const std::string &line) {
    std::vector<double> values;
    std::string token;
    const auto flush = [&]() -> bool {
        if (token.empty()) return true;
        const auto value = parse_number(token);
        token.clear();
        if (!value) return false;
        values.push_back(*value);
        return true;
    };
    for (const char c : line) {
        if (c == ' ' || c == '\t' || c == ',' || c == '\r') {
            if (!flush()) return std::nullopt;
        } else {
            token += c;
        }
    }
    if (!flush() || values.empty()) return std::nullopt;
    return values;
}

double json_number(const nlohmann::json &value, const std::string &where) {
    if (value.is_number()) return value.get<double>();
    if (value.is_string()) {
        if (const auto parsed = parse_number(value.get<std::string>())) return *parsed;  // "inf", "nan"
    }
    throw std::runtime_error(where + " is " + value.dump() + ", not a number");
}

}  // namespace

std::optional<double> parse_number(const std::string &text) {
    if (text.empty()) return std::nullopt;
    errno = 0;
    char *end = nullptr;
    const double value = std::strtod(text.c_str(), &end);
    if (end != text.c_str() + text.size()) return std::nullopt;
    if (errno == ERANGE && std::isfinite(value) && value != 0) return std::nullopt;
    return value;
}

LineParser::LineParser(const std::string &report_pattern, const std::optional<std::string> &result_pattern)
    : report_(compile("report_pattern", report_pattern)) {
    if (report_.mark_count() != 2) {
        throw std::invalid_argument("option \"report_pattern\": \"" + report_pattern +
                                    "\" must have two groups, the step and the value; it has " +
                                    std::to_string(report_.mark_count()));
    }
    if (result_pattern) {
        result_ = compile("result_pattern", *result_pattern);
        result_text_ = *result_pattern;
        if (result_->mark_count() == 0) {
            throw std::invalid_argument("option \"result_pattern\": \"" + *result_pattern +
                                        "\" must have one group per objective; it has none");
        }
    }
}

std::optional<std::pair<int64_t, double>> LineParser::report(const std::string &line) const {
    std::smatch match;
    if (!std::regex_search(line, match, report_)) return std::nullopt;
    const auto step = parse_number(match[1].str());
    const auto value = parse_number(match[2].str());
    if (!step || *step < 0 || *step != std::floor(*step) || *step > 9.0e15) {
        throw std::invalid_argument("intermediate value line \"" + line + "\": the step \"" + match[1].str() +
                                    "\" is not a non-negative integer");
    }
    if (!value) {
        throw std::invalid_argument("intermediate value line \"" + line + "\": \"" + match[2].str() +
                                    "\" is not a number");
    }
    return std::pair{static_cast<int64_t>(*step), *value};
}

std::optional<std::vector<double>> LineParser::result(const std::string &line, std::size_t n) const {
    if (!result_) {
        auto values = numbers_alone(line);
        if (values && values->size() != n) return std::nullopt;
        return values;
    }
    if (result_->mark_count() != n) {
        throw std::invalid_argument("option \"result_pattern\": \"" + result_text_ + "\" has " +
                                    std::to_string(result_->mark_count()) + " groups; the study has " +
                                    std::to_string(n) + " objectives");
    }
    std::smatch match;
    if (!std::regex_search(line, match, *result_)) return std::nullopt;
    std::vector<double> values;
    for (std::size_t i = 1; i <= n; ++i) {
        const auto value = parse_number(match[i].str());
        if (!value) {
            throw std::invalid_argument("result line \"" + line + "\": group " + std::to_string(i) + " \"" +
                                        match[i].str() + "\" is not a number");
        }
        values.push_back(*value);
    }
    return values;
}

std::vector<double> read_result_file(const std::filesystem::path &file, const std::vector<std::string> &fields,
                                     std::size_t n) {
    std::ifstream in(file);
    if (!in) throw std::runtime_error("the program wrote no result file \"" + file.string() + "\"");
    nlohmann::json result;
    try {
        result = nlohmann::json::parse(in);
    } catch (const nlohmann::json::exception &error) {
        throw std::runtime_error("result file \"" + file.string() + "\" is not JSON: " + error.what());
    }
    const std::string where = "result file \"" + file.string() + "\"";
    if (result.is_array()) {
        if (result.size() != n) {
            throw std::runtime_error(where + " holds " + std::to_string(result.size()) + " values; the study has " +
                                     std::to_string(n) + " objectives");
        }
        std::vector<double> values;
        for (std::size_t i = 0; i < n; ++i) values.push_back(json_number(result[i], where + "[" + std::to_string(i) + "]"));
        return values;
    }
    if (!result.is_object()) {
        if (n != 1) throw std::runtime_error(where + " holds one value; the study has " + std::to_string(n) + " objectives");
        return {json_number(result, where)};
    }
    if (fields.size() != n) {
        throw std::runtime_error("option \"result_fields\" names " + std::to_string(fields.size()) +
                                 " fields; the study has " + std::to_string(n) + " objectives");
    }
    std::vector<double> values;
    for (const auto &field : fields) {
        if (!result.contains(field)) throw std::runtime_error(where + " has no field \"" + field + "\"");
        values.push_back(json_number(result[field], where + " field \"" + field + "\""));
    }
    return values;
}

}  // namespace hpo::command
