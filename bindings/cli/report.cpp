#include "report.hpp"

#include <algorithm>
#include <chrono>
#include <cstdio>

namespace hpo::cli {
namespace {

// Seconds since the epoch of the engine's "2024-05-01T12:30:05.123456Z" (UTC); none for
// anything else.
std::optional<double> parse_utc_time(const nlohmann::ordered_json &text) {
    if (!text.is_string()) return std::nullopt;
    int year = 0;
    unsigned month = 0, day = 0, hour = 0, minute = 0;
    double second = 0;
    const std::string value = text.get<std::string>();
    if (std::sscanf(value.c_str(), "%d-%u-%uT%u:%u:%lf", &year, &month, &day, &hour, &minute, &second) != 6) {
        return std::nullopt;
    }
    using namespace std::chrono;
    const year_month_day date{std::chrono::year{year}, std::chrono::month{month}, std::chrono::day{day}};
    if (!date.ok()) return std::nullopt;
    const auto days = sys_days(date).time_since_epoch().count();
    return static_cast<double>(days) * 86400.0 + hour * 3600.0 + minute * 60.0 + second;
}

}  // namespace

std::string format_value(const nlohmann::ordered_json &value) {
    if (!value.is_number_float()) return value.dump();
    char text[32];
    std::snprintf(text, sizeof text, "%.6g", value.get<double>());
    return text;
}

std::string format_values(const nlohmann::ordered_json &values) {
    if (!values.is_array() || values.empty()) return "-";
    std::string text;
    for (std::size_t i = 0; i < values.size(); ++i) text += (i > 0 ? ", " : "") + format_value(values[i]);
    return text;
}

std::string format_trial(const nlohmann::ordered_json &trial) {
    // Appended piece by piece: GCC 12 at -O3 warns falsely (-Wrestrict) on "#" + std::string.
    std::string text = "#";
    text += trial.at("number").dump();
    text += "  ";
    const auto &values = trial.at("values");
    if (values.is_array() && values.size() == 1) {
        text += "value " + format_value(values[0]);
    } else if (values.is_array()) {
        text += "values [" + format_values(values) + "]";
    } else {
        text += "no value";
    }
    for (const auto &param : trial.at("params").items()) {
        text += "\n    " + param.key() + " = " + format_value(param.value());
    }
    return text;
}

std::string format_best(const nlohmann::ordered_json &best, bool several_objectives) {
    if (best.empty()) return "";
    std::string text = several_objectives ? "Pareto front:\n" : "Best trial:\n";
    for (const auto &trial : best) text += format_trial(trial) + "\n";
    return text;
}

std::string format_table(const std::vector<std::vector<std::string>> &rows) {
    std::vector<std::size_t> widths;
    for (const auto &row : rows) {
        widths.resize(std::max(widths.size(), row.size()), 0);
        for (std::size_t i = 0; i < row.size(); ++i) widths[i] = std::max(widths[i], row[i].size());
    }
    std::string text;
    for (const auto &row : rows) {
        std::string line;
        for (std::size_t i = 0; i < row.size(); ++i) {
            line += row[i];
            if (i + 1 < row.size()) line += std::string(widths[i] - row[i].size() + 2, ' ');
        }
        text += line + "\n";
    }
    return text;
}

nlohmann::ordered_json count_states(const nlohmann::ordered_json &trials) {
    nlohmann::ordered_json counts = nlohmann::ordered_json::object();
    for (const auto &trial : trials) {
        const std::string state = trial.at("state").get<std::string>();
        counts[state] = counts.value(state, 0) + 1;
    }
    return counts;
}

std::string describe_counts(const nlohmann::ordered_json &counts) {
    std::string text;
    for (const auto &item : counts.items()) {
        text += (text.empty() ? "" : ", ") + std::to_string(item.value().get<int64_t>()) + " " + item.key();
    }
    return text;
}

std::optional<double> trial_duration(const nlohmann::ordered_json &trial) {
    const auto start = parse_utc_time(trial.value("datetime_start", nlohmann::ordered_json()));
    const auto end = parse_utc_time(trial.value("datetime_complete", nlohmann::ordered_json()));
    if (!start || !end) return std::nullopt;
    return *end - *start;
}

bool has_several_objectives(const nlohmann::ordered_json &study) {
    return study.at("directions").size() > 1;
}

nlohmann::ordered_json best_trials(const Study &study, bool several_objectives) {
    if (several_objectives) return nlohmann::ordered_json::parse(study.best_trials_json());
    try {
        return nlohmann::ordered_json::array({nlohmann::ordered_json::parse(study.best_trial_json())});
    } catch (const Error &error) {
        if (error.status() != HPO_ENOTFOUND) throw;
        return nlohmann::ordered_json::array();
    }
}

}  // namespace hpo::cli
