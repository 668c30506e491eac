#include "study.hpp"

#include <random>

namespace hpo {
namespace {

const char *const config_keys[] = {"name", "directions", "direction", "space", "sampler", "scheduler",
                                   "storage", "load_if_exists", "seed"};

int32_t parse_direction(const json &value, const std::string &where) {
    if (value == "minimize") return HPO_MINIMIZE;
    if (value == "maximize") return HPO_MAXIMIZE;
    fail(HPO_EINVAL, where + " must be \"minimize\" or \"maximize\", not " + value.dump());
}

// "name" or {"name": "...", "options": {...}}.
void parse_plugin_choice(const json &value, const char *key, std::string &name, json &options) {
    const std::string where = std::string("study config: \"") + key + "\"";
    if (value.is_string()) {
        name = value.get<std::string>();
        return;
    }
    if (!value.is_object() || !value.contains("name") || !value["name"].is_string()) {
        fail(HPO_EINVAL, where + " must be a plugin name or {\"name\": ..., \"options\": {...}}");
    }
    for (const auto &item : value.items()) {
        if (item.key() != "name" && item.key() != "options") {
            fail(HPO_EINVAL, where + " has an unknown key \"" + item.key() + "\" (expected name, options)");
        }
    }
    name = value["name"].get<std::string>();
    if (value.contains("options")) {
        if (!value["options"].is_object()) fail(HPO_EINVAL, where + ".options must be an object");
        options = value["options"];
    }
}

std::string generated_name() {
    std::random_device device;
    char text[32];
    std::snprintf(text, sizeof text, "study-%08x", device());
    return text;
}

}  // namespace

StudyConfig StudyConfig::from_json(const json &config) {
    if (!config.is_object()) fail(HPO_EINVAL, "study config must be a JSON object");
    for (const auto &item : config.items()) {
        if (std::find(std::begin(config_keys), std::end(config_keys), item.key()) == std::end(config_keys)) {
            fail(HPO_EINVAL, "study config: unknown key \"" + item.key() +
                                 "\" (expected name, directions, space, sampler, scheduler, storage, "
                                 "load_if_exists, seed)");
        }
    }
    StudyConfig out;
    if (config.contains("name")) {
        if (!config["name"].is_string() || config["name"].get<std::string>().empty()) {
            fail(HPO_EINVAL, "study config: \"name\" must be a non-empty string");
        }
        out.name = config["name"].get<std::string>();
    } else {
        out.name = generated_name();
    }
    if (config.contains("directions") && config.contains("direction")) {
        fail(HPO_EINVAL, "study config: give \"directions\" or \"direction\", not both");
    }
    if (config.contains("directions")) {
        const json &list = config["directions"];
        if (!list.is_array() || list.empty()) {
            fail(HPO_EINVAL, "study config: \"directions\" must be a non-empty array");
        }
        for (std::size_t i = 0; i < list.size(); ++i) {
            out.directions.push_back(
                parse_direction(list[i], "study config: \"directions\"[" + std::to_string(i) + "]"));
        }
    } else if (config.contains("direction")) {
        out.directions.push_back(parse_direction(config["direction"], "study config: \"direction\""));
    } else {
        out.directions.push_back(HPO_MINIMIZE);
    }
    if (config.contains("space")) out.space = Space::from_json(config["space"]);
    if (config.contains("sampler")) parse_plugin_choice(config["sampler"], "sampler", out.sampler, out.sampler_options);
    if (config.contains("scheduler") && !config["scheduler"].is_null()) {
        parse_plugin_choice(config["scheduler"], "scheduler", out.scheduler, out.scheduler_options);
    }
    if (config.contains("storage") && !config["storage"].is_null()) {
        if (!config["storage"].is_string()) fail(HPO_EINVAL, "study config: \"storage\" must be a URL string");
        out.storage = config["storage"].get<std::string>();
    }
    if (config.contains("load_if_exists") && !config["load_if_exists"].is_boolean()) {
        fail(HPO_EINVAL, "study config: \"load_if_exists\" must be true or false");
    }
    if (config.contains("seed") && !config["seed"].is_null()) {
        const json &seed = config["seed"];
        if (!seed.is_number_integer() || (seed.is_number_integer() && !seed.is_number_unsigned() && seed.get<int64_t>() < 0)) {
            fail(HPO_EINVAL, "study config: \"seed\" must be a non-negative integer, not " + seed.dump());
        }
        out.seed = seed.get<uint64_t>();
    } else {
        std::random_device device;
        out.seed = (static_cast<uint64_t>(device()) << 32) ^ device();
    }
    return out;
}

}  // namespace hpo
