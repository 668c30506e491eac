#include "figure_study.hpp"

#include "error.hpp"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <limits>

namespace hpo::figures {
namespace {

const double missing = std::numeric_limits<double>::quiet_NaN();

// A value the C API wrote: a finite number, "inf"/"-inf" or null. Only finite ones can be
// drawn, so the rest read as missing.
double drawable(const json &value) {
    if (!value.is_number()) return missing;
    const double number = value.get<double>();
    return std::isfinite(number) ? number : missing;
}

std::string label_of(const json &choice) { return choice.is_string() ? choice.get<std::string>() : choice.dump(); }

ParamInfo read_param(const std::string &name, const json &definition) {
    ParamInfo param;
    param.name = name;
    param.categorical = definition.value("type", "") == "categorical";
    param.log = definition.value("log", false);
    if (param.categorical) {
        for (const auto &choice : definition.at("choices")) param.choices.push_back(label_of(choice));
    }
    return param;
}

TrialPoint read_trial(const json &trial) {
    TrialPoint point;
    point.number = trial.at("number").get<int64_t>();
    point.state = trial.at("state").get<std::string>();
    if (trial.at("values").is_array()) {
        for (const auto &value : trial.at("values")) point.values.push_back(drawable(value));
    }
    point.params = trial.at("params");
    const json intermediate = trial.value("intermediate_values", json::object());
    for (const auto &[step, value] : intermediate.items()) {
        point.intermediate.emplace_back(std::stoll(step), drawable(value));
    }
    std::sort(point.intermediate.begin(), point.intermediate.end());
    point.start = parse_time(trial.value("datetime_start", json()));
    point.end = parse_time(trial.value("datetime_complete", json()));
    const json worker = trial.value("worker", json());
    if (worker.is_string()) point.worker = worker.get<std::string>();
    const json message = trial.value("message", json());
    if (message.is_string()) point.message = message.get<std::string>();
    return point;
}

}  // namespace

const ParamInfo &FigureStudy::param(const std::string &wanted) const {
    for (const auto &p : params) {
        if (p.name == wanted) return p;
    }
    std::string known;
    for (const auto &p : params) known += (known.empty() ? "" : ", ") + p.name;
    fail(HPO_EINVAL, "study '" + name + "' has no parameter '" + wanted + "' (it has: " +
                         (known.empty() ? "none" : known) + ")");
}

FigureStudy read_study(const json &info, const json &trials, const json &front) {
    try {
        FigureStudy study;
        study.name = info.at("name").get<std::string>();
        for (const auto &direction : info.at("directions")) study.maximize.push_back(direction == "maximize");
        for (const auto &[name, definition] : info.at("space").items()) study.params.push_back(read_param(name, definition));
        for (const auto &trial : trials) study.trials.push_back(read_trial(trial));
        for (const auto &trial : front) study.front.insert(trial.at("number").get<int64_t>());
        return study;
    } catch (const json::exception &error) {
        fail(HPO_EINVAL, std::string("figure: the study's JSON is not as the C API writes it: ") + error.what());
    }
}

std::optional<double> parse_time(const json &text) {
    if (!text.is_string()) return std::nullopt;
    int year = 0;
    unsigned month = 0, day = 0, hour = 0, minute = 0;
    double second = 0;
    if (std::sscanf(text.get<std::string>().c_str(), "%d-%u-%uT%u:%u:%lf", &year, &month, &day, &hour, &minute,
                    &second) != 6) {
        return std::nullopt;
    }
    const std::chrono::year_month_day date{std::chrono::year{year}, std::chrono::month{month}, std::chrono::day{day}};
    if (!date.ok()) return std::nullopt;
    const auto days = std::chrono::sys_days(date).time_since_epoch().count();
    return static_cast<double>(days) * 86400.0 + hour * 3600.0 + minute * 60.0 + second;
}

std::string format_time(double seconds) {
    using namespace std::chrono;
    const auto whole = static_cast<int64_t>(std::floor(seconds));
    const auto millis = static_cast<int>(std::lround((seconds - static_cast<double>(whole)) * 1000.0));
    const sys_days day{days{whole >= 0 ? whole / 86400 : (whole - 86399) / 86400}};
    const year_month_day date{day};
    const int64_t in_day = whole - static_cast<int64_t>(day.time_since_epoch().count()) * 86400;
    char text[40];
    std::snprintf(text, sizeof text, "%04d-%02u-%02u %02d:%02d:%02d.%03d", static_cast<int>(date.year()),
                  static_cast<unsigned>(date.month()), static_cast<unsigned>(date.day()), static_cast<int>(in_day / 3600),
                  static_cast<int>(in_day / 60 % 60), static_cast<int>(in_day % 60), std::min(millis, 999));
    return text;
}

}  // namespace hpo::figures
