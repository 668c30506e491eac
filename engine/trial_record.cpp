#include "trial_record.hpp"

#include "error.hpp"
#include "trial_state.hpp"

#include <algorithm>
#include <cmath>
#include <ctime>
#include <limits>

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

std::optional<Clock::time_point> parse_iso_time(const json &text) {
    if (!text.is_string()) return std::nullopt;
    std::tm utc{};
    const std::string value = text.get<std::string>();
    const char *rest = strptime(value.c_str(), "%Y-%m-%dT%H:%M:%S", &utc);
    if (rest == nullptr) return std::nullopt;
    long long micros = 0;
    if (*rest == '.') {
        int digits = 0;
        for (++rest; *rest >= '0' && *rest <= '9'; ++rest, ++digits) {
            if (digits < 6) micros = micros * 10 + (*rest - '0');
        }
        for (; digits < 6; ++digits) micros *= 10;
    }
    // A time the clock cannot count (its nanoseconds reach about 292 years either side of
    // 1970: a damaged record's year 1014, say) is as unreadable as a malformed one.
    const long long seconds = timegm(&utc);
    constexpr long long reach = std::chrono::duration_cast<std::chrono::seconds>(Clock::duration::max()).count() - 1;
    if (seconds > reach || seconds < -reach) return std::nullopt;
    return Clock::time_point(std::chrono::seconds(seconds)) + std::chrono::microseconds(micros);
}

double number_or_nan(const json &value) {
    return value.is_number() ? value.get<double>() : std::numeric_limits<double>::quiet_NaN();
}

json object_or_empty(const json &value) { return value.is_null() ? json::object() : value; }

constexpr const char *fixed_params_key = "enqueued_params";

json number_or_null(double value) {
    if (std::isfinite(value)) return value;
    return nullptr;
}

// A stored trial's id or number: an integer, or the record is damaged. A float (1e96, say)
// converted to int64_t is undefined behaviour, not a number.
int64_t stored_integer(const json &record, const char *key) {
    const json &value = record.at(key);
    if (!value.is_number_integer()) fail(HPO_EIO, std::string("stored trial has a \"") + key + "\" that is not an integer: " + value.dump());
    return value.get<int64_t>();
}

}  // namespace

json encode_number(double value) {
    if (std::isfinite(value)) return value;
    if (std::isnan(value)) return nullptr;
    return value > 0 ? "inf" : "-inf";
}

double decode_number(const json &value) {
    if (value == "inf") return std::numeric_limits<double>::infinity();
    if (value == "-inf") return -std::numeric_limits<double>::infinity();
    return number_or_nan(value);
}

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

hpo_trial_state trial_state_from(int32_t state, const char *where) {
    if (state < HPO_TRIAL_WAITING || state > HPO_TRIAL_FAIL) {
        fail(HPO_EINVAL, std::string(where) + ": state " + std::to_string(state) +
                             " is not a trial state (COMPLETE 2, PRUNED 3 or FAIL 4)");
    }
    return static_cast<hpo_trial_state>(state);
}

hpo_trial_state parse_trial_state(const std::string &name) {
    for (const auto state : {HPO_TRIAL_WAITING, HPO_TRIAL_RUNNING, HPO_TRIAL_COMPLETE, HPO_TRIAL_PRUNED, HPO_TRIAL_FAIL}) {
        if (name == trial_state_name(state)) return state;
    }
    fail(HPO_EIO, "stored trial has an unknown state \"" + name + "\"");
}

void TrialRecord::set_system_attrs(json attrs) {
    system_attrs = attrs.empty() ? json() : std::move(attrs);
    system_attrs_text = system_attrs.is_null() ? "{}" : system_attrs.dump();
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
        for (const double v : values) list.push_back(encode_number(v));
        out["values"] = std::move(list);
    }
    if (constraints.empty()) {
        out["constraints"] = nullptr;
    } else {
        json list = json::array();
        for (const double c : constraints) list.push_back(encode_number(c));
        out["constraints"] = std::move(list);
    }
    json steps_json = json::object();
    for (std::size_t i = 0; i < steps.size(); ++i) {
        steps_json[std::to_string(steps[i])] = encode_number(intermediate[i]);
    }
    out["intermediate_values"] = std::move(steps_json);
    out["user_attrs"] = object_or_empty(user_attrs);
    out["system_attrs"] = object_or_empty(system_attrs);
    out["datetime_start"] = iso_time(started);
    out["datetime_complete"] = iso_time(completed);
    out["message"] = message.empty() ? json(nullptr) : json(message);
    out["heartbeat"] = heartbeat > 0 ? json(heartbeat) : json(nullptr);
    out["worker"] = worker.empty() ? json(nullptr) : json(worker);
    return out;
}

json TrialRecord::to_storage_json(const Space &space) const {
    json out = to_json(space);
    out.erase("id");
    out.erase("number");
    json internal = json::object();
    for (std::size_t i = 0; i < space.size() && i < params.size(); ++i) internal[space[i].name] = number_or_null(params[i]);
    out["params"] = std::move(internal);
    // Storages of ABI 1.0 know no constraints: a trial without them sends none.
    if (constraints.empty()) out.erase("constraints");
    // Enqueued values of parameters not yet in the space travel with the engine's own
    // attributes, which storages keep without reading.
    if (!fixed_params.empty()) out["system_attrs"][fixed_params_key] = fixed_params;
    return out;
}

TrialRecord TrialRecord::from_storage_json(const json &record, const Space &space, std::vector<std::string> &unknown) {
    TrialRecord trial;
    trial.id = stored_integer(record, "id");
    trial.number = stored_integer(record, "number");
    trial.state = parse_trial_state(record.at("state").get<std::string>());
    trial.params.assign(space.size(), std::numeric_limits<double>::quiet_NaN());
    for (const auto &item : record.at("params").items()) {
        const int index = space.index_of(item.key());
        if (index < 0) {
            unknown.push_back(item.key());
            continue;
        }
        trial.params[static_cast<std::size_t>(index)] = number_or_nan(item.value());
    }
    if (record.contains("values") && record["values"].is_array()) {
        for (const auto &v : record["values"]) trial.values.push_back(decode_number(v));
    }
    if (record.contains("constraints") && record["constraints"].is_array()) {
        for (const auto &c : record["constraints"]) trial.constraints.push_back(decode_number(c));
    }
    if (record.contains("intermediate_values")) {
        for (const auto &item : record["intermediate_values"].items()) {
            trial.add_intermediate(std::stoll(item.key()), decode_number(item.value()));
        }
    }
    if (record.contains("user_attrs") && record["user_attrs"].is_object()) trial.user_attrs = record["user_attrs"];
    if (record.contains("system_attrs") && record["system_attrs"].is_object()) {
        json attrs = record["system_attrs"];
        if (attrs.contains(fixed_params_key)) {
            trial.fixed_params = attrs[fixed_params_key];
            attrs.erase(fixed_params_key);
        }
        trial.set_system_attrs(std::move(attrs));
    }
    if (record.contains("message") && record["message"].is_string()) trial.message = record["message"].get<std::string>();
    if (record.contains("worker") && record["worker"].is_string()) trial.worker = record["worker"].get<std::string>();
    if (record.contains("heartbeat")) trial.heartbeat = record["heartbeat"].is_number() ? record["heartbeat"].get<double>() : 0;
    trial.started = parse_iso_time(record.value("datetime_start", json(nullptr)));
    trial.completed = parse_iso_time(record.value("datetime_complete", json(nullptr)));
    return trial;
}

}  // namespace hpo
