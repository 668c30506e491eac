#include "option_reader.hpp"

#include <algorithm>
#include <stdexcept>

namespace hpo::tpe {

namespace {

bool has_type(const nlohmann::json &value, const std::string &type) {
    if (type == "integer") return value.is_number_integer();
    if (type == "number") return value.is_number();
    if (type == "boolean") return value.is_boolean();
    return value.is_string();
}

} // namespace

std::string options_schema_json(std::span<const OptionSpec> specs) {
    nlohmann::json schema = nlohmann::json::object();
    for (const auto &spec : specs)
        schema[spec.name] = {{"type", spec.type},
                             {"default", spec.default_value},
                             {"description", spec.description}};
    return schema.dump();
}

nlohmann::json read_options(const char *options_json, std::span<const OptionSpec> specs) {
    nlohmann::json given;
    try {
        given = nlohmann::json::parse(options_json ? options_json : "{}");
    } catch (const nlohmann::json::parse_error &e) {
        throw std::invalid_argument(std::string("options are not valid JSON: ") + e.what());
    }
    if (!given.is_object()) throw std::invalid_argument("options must be a JSON object");
    nlohmann::json merged = nlohmann::json::object();
    for (const auto &spec : specs) merged[spec.name] = spec.default_value;
    for (const auto &[name, value] : given.items()) {
        auto known = std::find_if(specs.begin(), specs.end(),
                                  [&](const OptionSpec &spec) { return name == spec.name; });
        if (known == specs.end()) throw std::invalid_argument("unknown option '" + name + "'");
        if (!has_type(value, known->type))
            throw std::invalid_argument("option '" + name + "' must be of type " + known->type +
                                        ", got " + value.dump());
        merged[name] = value;
    }
    return merged;
}

void require_option(bool holds, const char *name, const char *requirement,
                    const nlohmann::json &value) {
    if (!holds)
        throw std::invalid_argument(std::string("option '") + name + "' must be " + requirement +
                                    ", got " + value.dump());
}

} // namespace hpo::tpe
