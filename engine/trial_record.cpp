#include "trial_record.hpp"

#include <algorithm>
#include <cmath>
#include <ctime>

namespace hpo {
namespace {

json iso_time(const std::optional<Clock::time_point> &time) {
    if (!time) return nullptr;
    const auto micros =
        std::chrono::duration_cast<std::chrono::microseconds>(time->time_since_epoch()).count();
    const std::time_t seconds = static_cast<std::time_t>(micros / 1000000);
    std::tm utc{};
    gmtime_r(&seconds, &utc);
    char text[40];
    const std::size_t n = std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%S", &utc);
    std::snprintf(text + n, sizeof text - n, ".%06lldZ", static_cast<long long>(micros % 1000000));
    return text;
}

json number_or_null(double value) {
    if (std::isfinite(value)) return value;
    return nullptr;
}

}  // namespace

const char *trial_state_name(hpo_trial_state state) {
    switch (state) {
    case HPO_TRIAL_WAITING: return "WAITING";
    case HPO_TRIAL_RUNNING: return "RUNNING";
    case HPO_TRIAL_COMPLETE: return "COMPLETE";
    case HPO_TRIAL_PRUNED: return "PRUNED";
    case HPO_TRIAL_FAIL: return "FAIL";
    }
    return "UNKNOWN";
}

void TrialRecord::set_system_attrs(json attrs) {
    system_attrs = std::move(attrs);
    system_attrs_text = system_attrs.dump();
}

void TrialRecord::add_intermediate(int64_t step, double value) {
    const auto at = std::lower_bound(steps.begin(), steps.end(), step);
    if (at != steps.end() && *at == step) return;
    const auto offset = at - steps.begin();
    steps.insert(at, step);
    intermediate.insert(intermediate.begin() + offset, value);
}

json TrialRecord::to_json(const Space &space) const {
    json out = json::object();
    out["id"] = id;
    out["number"] = number;
    out["state"] = trial_state_name(state);
    json named = json::object();
    for (std::size_t i = 0; i < space.size() && i < params.size(); ++i) {
        if (!std::isnan(params[i])) named[space[i].name] = space.to_external(i, params[i]);
    }
    out["params"] = std::move(named);
    if (values.empty()) {
        out["values"] = nullptr;
    } else {
        json list = json::array();
        for (const double v : values) list.push_back(number_or_null(v));
        out["values"] = std::move(list);
    }
    json steps_json = json::object();
    for (std::size_t i = 0; i < steps.size(); ++i) {
        steps_json[std::to_string(steps[i])] = number_or_null(intermediate[i]);
    }
    out["intermediate_values"] = std::move(steps_json);
    out["user_attrs"] = user_attrs;
    out["system_attrs"] = system_attrs;
    out["datetime_start"] = iso_time(started);
    out["datetime_complete"] = iso_time(completed);
    out["message"] = message.empty() ? json(nullptr) : json(message);
    return out;
}

}  // namespace hpo
