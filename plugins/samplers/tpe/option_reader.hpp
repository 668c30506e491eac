// Plugin options declared once, as a table: the same table gives the schema the plugin
// publishes (hpo_plugin_info.options_schema_json) and validates what a user passes, so
// defaults and documentation cannot drift apart.
#pragma once

#include <nlohmann/json.hpp>

#include <span>
#include <string>

namespace hpo::tpe {

struct OptionSpec {
    const char *name;
    const char *type; // "integer", "number", "boolean" or "string"
    nlohmann::json default_value;
    const char *description;
};

// {"name": {"type": ..., "default": ..., "description": ...}, ...}
std::string options_schema_json(std::span<const OptionSpec> specs);

// Parses options_json (an object), refuses unknown names and values of the wrong type
// (throwing std::invalid_argument naming the option), and fills in the defaults.
nlohmann::json read_options(const char *options_json, std::span<const OptionSpec> specs);

// Range checks that name the option: throw std::invalid_argument unless the value holds.
void require_option(bool holds, const char *name, const char *requirement,
                    const nlohmann::json &value);

} // namespace hpo::tpe
