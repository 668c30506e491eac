#include "trial_record.hpp"

#include "wall_clock.hpp"

#include <hpo_kit/plugin_kit.hpp>

#include <hpo/common.h>

#include <algorithm>
#include <array>
#include <charconv>
#include <cstdio>
#include <stdexcept>
#include <string>

namespace hpo::storage {
namespace {

constexpr std::array<std::string_view, 5> state_names{"WAITING", "RUNNING", "COMPLETE", "PRUNED",
                                                      "FAIL"};

bool is_number_or_null(const json &value) { return value.is_number() || value.is_null(); }

// An objective's value, an intermediate value or a constraint: JSON has no infinities, so
// they are written "inf" and "-inf"; null is NaN.
bool is_value(const json &value) {
    return is_number_or_null(value) || value == "inf" || value == "-inf";
}

bool is_string_or_null(const json &value) { return value.is_string() || value.is_null(); }

template <class Accepts>
bool all_of(const json &items, Accepts &&accepts) {
    for (const auto &item : items) {
        if (!accepts(item)) return false;
    }
    return true;
}

bool is_value_list(const json &value) {
    return value.is_null() || (value.is_array() && all_of(value, is_value));
}

bool is_step(std::string_view key) {
    int64_t step = 0;
    const auto [end, error] = std::from_chars(key.data(), key.data() + key.size(), step);
    return error == std::errc() && end == key.data() + key.size();
}

bool is_intermediate_values(const json &value) {
    if (!value.is_object() || !all_of(value, is_value)) return false;
    for (const auto &[key, item] : value.items()) {
        if (!is_step(key)) return false;
    }
    return true;
}

// Whether value has the type the record's key holds; what the key must be, for the message.
std::optional<std::string_view> type_error(const std::string &key, const json &value) {
    if (key == "state") {
        const bool known = value.is_string() &&
                           std::find(state_names.begin(), state_names.end(),
                                     value.get<std::string>()) != state_names.end();
        if (!known) return "one of WAITING, RUNNING, COMPLETE, PRUNED, FAIL";
        return std::nullopt;
    }
    if (key == "params") {
        if (value.is_object() && all_of(value, is_number_or_null)) return std::nullopt;
        return "an object of parameter name -> number or null";
    }
    if (key == "values" || key == "constraints") {
        if (is_value_list(value)) return std::nullopt;
        return "an array of numbers (\"inf\", \"-inf\", null for NaN), or null";
    }
    if (key == "intermediate_values") {
        if (is_intermediate_values(value)) return std::nullopt;
        return "an object of integer step -> number (\"inf\", \"-inf\", null for NaN)";
    }
    if (key == "user_attrs" || key == "system_attrs") {
        if (value.is_object()) return std::nullopt;
        return "an object";
    }
    if (key == "datetime_start" || key == "datetime_complete" || key == "message" ||
        key == "worker") {
        if (is_string_or_null(value)) return std::nullopt;
        return "a string or null";
    }
    if (key == "heartbeat") {
        if (is_number_or_null(value)) return std::nullopt;
        return "seconds since the epoch, or null";
    }
    if (key == "id" || key == "number") return "assigned by the storage, never written";
    return "one of the trial's fields (state, params, values, intermediate_values, constraints, "
           "user_attrs, system_attrs, datetime_start, datetime_complete, message, heartbeat, worker)";
}

void check_fields(const json &object, const char *what) {
    for (const auto &[key, value] : object.items()) {
        if (const auto expected = type_error(key, value)) {
            throw std::invalid_argument(std::string(what) + ": \"" + key + "\" must be " +
                                        std::string(*expected) + ", got " + value.dump());
        }
    }
}

void merge_keys(json &into, const json &from) {
    for (const auto &[key, value] : from.items()) into[key] = value;
}

void add_new_steps(json &into, const json &from) {
    for (const auto &[step, value] : from.items()) {
        if (!into.contains(step)) into[step] = value;
    }
}

} // namespace

bool is_finished_state(std::string_view state) {
    return state == "COMPLETE" || state == "PRUNED" || state == "FAIL";
}

void check_new_trial(const json &input) {
    json fields = input;
    fields.erase("id");
    fields.erase("number");
    check_fields(fields, "trial");
}

json new_trial_record(const json &input, int64_t id, int64_t number) {
    json record = {{"id", id},
                   {"number", number},
                   {"state", "RUNNING"},
                   {"params", json::object()},
                   {"values", nullptr},
                   {"intermediate_values", json::object()},
                   {"constraints", nullptr},
                   {"user_attrs", json::object()},
                   {"system_attrs", json::object()},
                   {"datetime_start", nullptr},
                   {"datetime_complete", nullptr},
                   {"message", nullptr},
                   {"heartbeat", nullptr},
                   {"worker", nullptr}};
    for (const auto &[key, value] : input.items()) {
        if (key != "id" && key != "number") record[key] = value;
    }
    return record;
}

json created_trial_record(const json &input, int64_t id, int64_t number, double now) {
    json record = new_trial_record(input, id, number);
    if (record["state"] == "RUNNING") record["heartbeat"] = now;
    return record;
}

void check_trial_patch(const json &patch) { check_fields(patch, "trial patch"); }

void refuse_finished_state_change(const json &record, const json &patch) {
    const std::string state = record.at("state").get<std::string>();
    if (patch.contains("state") && is_finished_state(state)) {
        throw plugin_kit::StatusError(HPO_ESTATE, "trial " + record.at("number").dump() + " is already " + state);
    }
}

void apply_trial_patch(json &record, const json &patch) {
    refuse_finished_state_change(record, patch);
    for (const auto &[key, value] : patch.items()) {
        if (key == "intermediate_values") {
            add_new_steps(record[key], value);
        } else if (key == "params" || key == "user_attrs" || key == "system_attrs") {
            merge_keys(record[key], value);
        } else {
            record[key] = value;
        }
    }
}

json heartbeat_patch(const json &record, double now) {
    if (record.at("state") != "RUNNING") {
        throw plugin_kit::StatusError(HPO_ESTATE, "trial " + record.at("number").dump() + " is " +
                                                      record.at("state").get<std::string>() +
                                                      ": only a RUNNING trial has a heartbeat");
    }
    return {{"heartbeat", now}};
}

json claim_patch(const json &worker, double now) {
    return {{"state", "RUNNING"},
            {"datetime_start", iso_utc(now)},
            {"worker", worker},
            {"heartbeat", now}};
}

std::optional<json> stale_trial_patch(const json &record, double now, double grace_seconds) {
    const json &heartbeat = record["heartbeat"];
    if (record["state"] != "RUNNING" || !heartbeat.is_number()) return std::nullopt;
    const double silent_for = now - heartbeat.get<double>();
    if (silent_for <= grace_seconds) return std::nullopt;
    char message[96];
    std::snprintf(message, sizeof message, "heartbeat lost: no heartbeat for %.1fs", silent_for);
    return json{{"state", "FAIL"}, {"message", message}, {"datetime_complete", iso_utc(now)}};
}

} // namespace hpo::storage
