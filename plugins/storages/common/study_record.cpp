#include "study_record.hpp"

#include <hpo_kit/plugin_kit.hpp>

#include <algorithm>
#include <stdexcept>

namespace hpo::storage {

json parse_object(std::string_view text, const char *what) {
    json parsed;
    try {
        parsed = json::parse(text);
    } catch (const json::parse_error &error) {
        throw std::invalid_argument(std::string(what) + " is not valid JSON: " + error.what());
    }
    if (!parsed.is_object()) {
        throw std::invalid_argument(std::string(what) + " must be a JSON object, got " +
                                    parsed.dump());
    }
    return parsed;
}

namespace {

void check_system_attrs(const json &study, const char *what) {
    const auto attrs = study.find("system_attrs");
    if (attrs != study.end() && !attrs->is_object()) {
        throw std::invalid_argument(std::string(what) + ": \"system_attrs\" must be an object, got " +
                                    attrs->dump());
    }
}

void check_max_trials(const json &study, const char *what) {
    const auto budget = study.find("max_trials");
    if (budget == study.end() || budget->is_null()) return;
    if (!budget->is_number_integer() || budget->get<int64_t>() <= 0) {
        throw std::invalid_argument(std::string(what) + ": \"max_trials\" must be a positive integer or null, got " +
                                    budget->dump());
    }
}

} // namespace

int64_t trial_budget(const json &study) {
    const auto budget = study.find("max_trials");
    return budget != study.end() && budget->is_number_integer() ? budget->get<int64_t>() : 0;
}

void check_trial_budget(const std::string &study_name, int64_t budget, int64_t number) {
    if (budget > 0 && number >= budget) {
        throw plugin_kit::StatusError(HPO_ECANCELLED, "study " + json(study_name).dump() + " holds its budget of " +
                                                          std::to_string(budget) + " trials (max_trials)");
    }
}

json parse_study(std::string_view study_json) {
    json study = parse_object(study_json, "study");
    const auto name = study.find("name");
    if (name == study.end() || !name->is_string() || name->get<std::string>().empty()) {
        throw std::invalid_argument("study: \"name\" must be a non-empty string");
    }
    check_system_attrs(study, "study");
    check_max_trials(study, "study");
    study.erase("id");
    return study;
}

json updated_study(const json &stored, const json &update) {
    check_system_attrs(update, "update_study");
    check_max_trials(update, "update_study");
    json study = stored;
    for (const auto &[key, value] : update.items()) {
        if (key == "id") continue;
        // A record that lost its name (damage) takes the one the update gives, which is the
        // name the caller found the study by.
        if (key == "name" && stored.contains("name") && value != stored["name"]) {
            throw std::invalid_argument("update_study: a study cannot be renamed (from " +
                                        stored["name"].dump() + " to " + value.dump() + ")");
        }
        // Several workers write these at once (plugins' state, a define-by-run space each
        // grows): none may drop what another added.
        const bool merged = (key == "system_attrs" || key == "space") && value.is_object() &&
                            study.contains(key) && study[key].is_object();
        if (merged) {
            study[key].update(value);
        } else if (key == "declared" && value.is_array() && study.contains(key) && study[key].is_array()) {
            for (const json &name : value) {
                if (std::find(study[key].begin(), study[key].end(), name) == study[key].end()) study[key].push_back(name);
            }
        } else {
            study[key] = value;
        }
    }
    return study;
}

json study_with_id(json study, int64_t id) {
    study["id"] = id;
    return study;
}

json listed_study(json study, int64_t id, std::string_view name) {
    study["name"] = std::string(name);
    return study_with_id(std::move(study), id);
}

} // namespace hpo::storage
