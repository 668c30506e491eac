// Plugin options: JSON text checked against the plugin's own options schema.
//
// The schema a plugin publishes in hpo_plugin_info.options_schema_json is also what checks
// its options, so names, types, bounds and defaults are written once. Each entry:
//   "name": {"type": "integer" | "number" | "string" | "boolean" | "object" | "array",
//            "default": ..., "required": true, "minimum": ..., "maximum": ...,
//            "enum": [...], "description": "..."}
// An entry with neither default nor required is optional: absent means "not given". An
// "object" is checked only as an object, an "array" only as an array: what they hold is the
// plugin's to check.
#pragma once

#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

namespace hpo::plugin_kit {

// Bad options given by a user: the message names the option. Maps to HPO_EINVAL.
class InvalidOption : public std::invalid_argument {
public:
    using std::invalid_argument::invalid_argument;
};

// Options JSON text as an object (NULL reads as {}): throws InvalidOption when it is not
// valid JSON or not an object. For plugins that check their option names themselves.
nlohmann::json parse_options(const char *options_json);

class Options {
public:
    // Parses options_json (NULL reads as {}) and checks every given option against
    // schema_json: unknown names, wrong types, values out of bounds and missing required
    // options throw InvalidOption.
    Options(std::string_view schema_json, const char *options_json);
    Options(std::string_view schema_json, std::string_view options_json);

    [[nodiscard]] bool has(std::string_view name) const;
    [[nodiscard]] int64_t integer(std::string_view name) const;
    [[nodiscard]] std::optional<int64_t> optional_integer(std::string_view name) const;
    [[nodiscard]] double number(std::string_view name) const;
    [[nodiscard]] std::string string(std::string_view name) const;
    [[nodiscard]] bool boolean(std::string_view name) const;
    [[nodiscard]] const nlohmann::json &object(std::string_view name) const;
    [[nodiscard]] const nlohmann::json &array(std::string_view name) const;

private:
    // The option's value, given or defaulted; throws std::logic_error for a name the schema
    // lacks or an optional one not given (a bug in the plugin, not in the user's input).
    [[nodiscard]] const nlohmann::json &value(std::string_view name) const;

    nlohmann::json values_; // given options merged over the schema's defaults
};

} // namespace hpo::plugin_kit
