#include "hpo_kit/options.hpp"

#include "hpo_kit/json_text.hpp"

#include <algorithm>
#include <cmath>

namespace hpo::plugin_kit {
namespace {

using nlohmann::json;

// The int64 range as doubles: -2^63 is one, 2^63 is the first double above INT64_MAX.
constexpr double kInt64Low = -0x1p63;
constexpr double kInt64End = 0x1p63;

bool is_whole(double value) { return std::isfinite(value) && value == std::trunc(value); }

bool has_type(const json &value, const std::string &type) {
    if (type == "integer") {
        // 3.0 is an integer too (JSON writers do not always keep the distinction).
        return value.is_number_integer() ||
               (value.is_number_float() && is_whole(value.get<double>()));
    }
    if (type == "number") return value.is_number();
    if (type == "string") return value.is_string();
    if (type == "boolean") return value.is_boolean();
    if (type == "object") return value.is_object();
    if (type == "array") return value.is_array();
    throw std::logic_error("options schema: unknown type \"" + type + "\"");
}

// Whether an integer option's value fits the int64_t that Options::integer returns, rather
// than wrapping (18446744073709551615) or overflowing the conversion (1e20).
bool fits_int64(const json &value) {
    if (value.is_number_unsigned()) return value.get<uint64_t>() <= uint64_t{INT64_MAX};
    if (value.is_number_float()) {
        return value.get<double>() >= kInt64Low && value.get<double>() < kInt64End;
    }
    return true;
}

// The value as it is kept, after the checks that it is an option the schema allows.
// Integers stay integers (3.0 becomes 3) so later reads need not care how they were written,
// and the bounds compare them exactly (as doubles, 2^53 + 1 would pass a maximum of 2^53).
json checked_option(const std::string &name, const json &given, const json &rule) {
    const std::string type = rule.at("type").get<std::string>();
    const std::string quoted = "option \"" + name + "\"";
    if (!has_type(given, type)) {
        throw InvalidOption(quoted + " must be of type " + type + ", got " + given.dump());
    }
    if (type == "integer" && !fits_int64(given)) {
        throw InvalidOption(quoted + " must be an integer from " + std::to_string(INT64_MIN) +
                            " to " + std::to_string(INT64_MAX) + ", got " + given.dump());
    }
    const json value = type == "integer" ? json(given.get<int64_t>()) : given;
    if (rule.contains("minimum") && value < rule["minimum"]) {
        throw InvalidOption(quoted + " must be at least " + rule["minimum"].dump() + ", got " +
                            given.dump());
    }
    if (rule.contains("maximum") && value > rule["maximum"]) {
        throw InvalidOption(quoted + " must be at most " + rule["maximum"].dump() + ", got " +
                            given.dump());
    }
    if (rule.contains("enum")) {
        const json &choices = rule["enum"];
        if (std::find(choices.begin(), choices.end(), value) == choices.end()) {
            throw InvalidOption(quoted + " must be one of " + choices.dump() + ", got " +
                                given.dump());
        }
    }
    return value;
}

json parse_object(std::string_view text) {
    json parsed;
    try {
        parsed = parse_json_text<json>(text);
    } catch (const InvalidJsonText &error) {
        throw InvalidOption(std::string("options are not valid JSON: ") + error.what());
    }
    if (!parsed.is_object()) {
        throw InvalidOption("options must be a JSON object, got " + parsed.dump());
    }
    return parsed;
}

} // namespace

nlohmann::json parse_options(const char *options_json) {
    return parse_object(options_json != nullptr ? options_json : "{}");
}

Options::Options(std::string_view schema_json, const char *options_json)
    : Options(schema_json, std::string_view(options_json != nullptr ? options_json : "{}")) {}

Options::Options(std::string_view schema_json, std::string_view options_json) {
    const json schema = json::parse(schema_json); // the plugin's own text: a bug if malformed
    const json given = parse_object(options_json);
    for (const auto &[name, value] : given.items()) {
        if (!schema.contains(name)) {
            std::string known;
            for (const auto &[known_name, rule] : schema.items()) {
                known += (known.empty() ? "" : ", ") + known_name;
            }
            const std::string hint =
                known.empty() ? "this plugin takes no options" : "known: " + known;
            throw InvalidOption("unknown option \"" + name + "\" (" + hint + ")");
        }
        values_[name] = checked_option(name, value, schema[name]);
    }
    for (const auto &[name, rule] : schema.items()) {
        if (given.contains(name)) continue;
        if (rule.value("required", false)) {
            throw InvalidOption("option \"" + name + "\" is required");
        }
        if (rule.contains("default")) values_[name] = rule["default"];
    }
}

bool Options::has(std::string_view name) const { return values_.contains(name); }

const nlohmann::json &Options::value(std::string_view name) const {
    const auto found = values_.find(name);
    if (found == values_.end()) {
        throw std::logic_error("option \"" + std::string(name) + "\" has no value nor default");
    }
    return *found;
}

int64_t Options::integer(std::string_view name) const { return value(name).get<int64_t>(); }

std::optional<int64_t> Options::optional_integer(std::string_view name) const {
    if (!has(name)) return std::nullopt;
    return integer(name);
}

double Options::number(std::string_view name) const { return value(name).get<double>(); }

std::string Options::string(std::string_view name) const {
    return value(name).get<std::string>();
}

bool Options::boolean(std::string_view name) const { return value(name).get<bool>(); }

const nlohmann::json &Options::object(std::string_view name) const { return value(name); }
const nlohmann::json &Options::array(std::string_view name) const { return value(name); }

} // namespace hpo::plugin_kit
