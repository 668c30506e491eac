#include "study.hpp"

#include <random>

namespace hpo {
namespace {

const char *const config_keys[] = {"name", "directions", "direction", "space", "sampler", "scheduler",
                                   "storage", "load_if_exists", "load_only", "seed", "heartbeat",
                                   "storage_timeout", "max_trials"};

int32_t parse_direction(const json &value, const std::string &where) {
    if (value == "minimize") return HPO_MINIMIZE;
    if (value == "maximize") return HPO_MAXIMIZE;
    fail(HPO_EINVAL, where + " must be \"minimize\" or \"maximize\", not " + value.dump());
}

// "name" or {"name": "...", "options": {...}}.
void parse_plugin_choice(const json &value, const std::string &key, std::string &name, json &options) {
    const std::string where = "study config: \"" + key + "\"";
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

// {"interval": 10, "grace": 60, "retry": false}: each key may be left out (grace defaults to
// six intervals); false turns heartbeats off.
void parse_heartbeat(const json &value, StudyConfig &out) {
    const std::string where = "study config: \"heartbeat\"";
    if (value == false) {
        out.heartbeat_interval = out.grace_period = 0;
        return;
    }
    if (!value.is_object()) {
        fail(HPO_EINVAL, where + " must be false or {\"interval\": seconds, \"grace\": seconds, \"retry\": bool}");
    }
    for (const auto &item : value.items()) {
        const bool number = item.value().is_number() && item.value().get<double>() > 0;
        if ((item.key() == "interval" || item.key() == "grace") && !number) {
            fail(HPO_EINVAL, where + "." + item.key() + " must be a positive number of seconds");
        } else if (item.key() == "retry" && !item.value().is_boolean()) {
            fail(HPO_EINVAL, where + ".retry must be true or false");
        } else if (item.key() != "interval" && item.key() != "grace" && item.key() != "retry") {
            fail(HPO_EINVAL, where + " has an unknown key \"" + item.key() + "\" (expected interval, grace, retry)");
        }
    }
    if (value.contains("interval")) out.heartbeat_interval = value["interval"].get<double>();
    out.grace_period = value.contains("grace") ? value["grace"].get<double>() : 6 * out.heartbeat_interval;
    if (out.grace_period <= out.heartbeat_interval) {
        fail(HPO_EINVAL, where + ".grace (" + std::to_string(out.grace_period) + " s) must be longer than its interval (" +
                             std::to_string(out.heartbeat_interval) + " s), or every trial would be judged lost");
    }
    out.retry_failed = value.value("retry", false);
}

std::string generated_name() {
    std::random_device device;
    char text[32];
    std::snprintf(text, sizeof text, "study-%08x", device());
    return text;
}

}  // namespace

std::optional<PluginChoice> take_fallback(json &sampler_options) {
    if (!sampler_options.contains("fallback")) return std::nullopt;
    PluginChoice fallback;
    parse_plugin_choice(sampler_options["fallback"], "sampler.options.fallback", fallback.name, fallback.options);
    sampler_options.erase("fallback");
    return fallback;
}

StudyConfig StudyConfig::from_json(const json &config) {
    if (!config.is_object()) fail(HPO_EINVAL, "study config must be a JSON object");
    for (const auto &item : config.items()) {
        if (std::find(std::begin(config_keys), std::end(config_keys), item.key()) == std::end(config_keys)) {
            fail(HPO_EINVAL, "study config: unknown key \"" + item.key() +
                                 "\" (expected name, directions, space, sampler, scheduler, storage, "
                                 "load_if_exists, load_only, seed, heartbeat, storage_timeout, max_trials)");
        }
    }
    StudyConfig out;
    if (config.contains("name")) {
        if (!config["name"].is_string() || config["name"].get<std::string>().empty()) {
            fail(HPO_EINVAL, "study config: \"name\" must be a non-empty string");
        }
        out.name = config["name"].get<std::string>();
        // Storages and plugins take the name as a C string: a NUL would cut it short.
        if (out.name.find('\0') != std::string::npos) fail(HPO_EINVAL, "study config: \"name\" must not contain a NUL byte");
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
        out.directions_given = false;
    }
    if (config.contains("space")) out.space = Space::from_json(config["space"]);
    if (config.contains("sampler") && !config["sampler"].is_null()) {
        parse_plugin_choice(config["sampler"], "sampler", out.sampler, out.sampler_options);
        out.sampler_given = true;
    }
    if (config.contains("scheduler")) {
        // null says "none" as plainly as a name says which.
        out.scheduler_given = true;
        if (!config["scheduler"].is_null()) parse_plugin_choice(config["scheduler"], "scheduler", out.scheduler, out.scheduler_options);
    }
    if (config.contains("storage") && !config["storage"].is_null()) {
        if (!config["storage"].is_string() || config["storage"].get<std::string>().empty()) {
            fail(HPO_EINVAL, "study config: \"storage\" must be a URL string (\"memory:\" for none), not " +
                                 config["storage"].dump());
        }
        out.storage = config["storage"].get<std::string>();
    }
    if (config.contains("load_if_exists")) {
        if (!config["load_if_exists"].is_boolean()) fail(HPO_EINVAL, "study config: \"load_if_exists\" must be true or false");
        out.load_if_exists = config["load_if_exists"].get<bool>();
    }
    if (config.contains("load_only")) {
        if (!config["load_only"].is_boolean()) fail(HPO_EINVAL, "study config: \"load_only\" must be true or false");
        out.load_only = config["load_only"].get<bool>();
    }
    if (config.contains("heartbeat") && !config["heartbeat"].is_null()) parse_heartbeat(config["heartbeat"], out);
    if (config.contains("storage_timeout")) {
        const json &timeout = config["storage_timeout"];
        if (!timeout.is_number() || !(timeout.get<double>() > 0)) {
            fail(HPO_EINVAL, "study config: \"storage_timeout\" must be a positive number of seconds, not " + timeout.dump());
        }
        out.storage_timeout = timeout.get<double>();
    }
    if (config.contains("max_trials") && !config["max_trials"].is_null()) {
        const json &budget = config["max_trials"];
        if (!budget.is_number_integer() || budget.get<int64_t>() <= 0) {
            fail(HPO_EINVAL, "study config: \"max_trials\" must be a positive whole number of trials, not " + budget.dump());
        }
        out.max_trials = budget.get<int64_t>();
        out.max_trials_given = true;
    }
    if (out.storage == "memory:") out.heartbeat_interval = out.grace_period = 0;  // one process: no one to tell
    if (config.contains("seed") && !config["seed"].is_null()) {
        const json &seed = config["seed"];
        if (!seed.is_number_integer() || (seed.is_number_integer() && !seed.is_number_unsigned() && seed.get<int64_t>() < 0)) {
            fail(HPO_EINVAL, "study config: \"seed\" must be a non-negative integer, not " + seed.dump());
        }
        out.seed = seed.get<uint64_t>();
        out.seed_given = true;
    } else {
        std::random_device device;
        out.seed = (static_cast<uint64_t>(device()) << 32) ^ device();
    }
    return out;
}

}  // namespace hpo
