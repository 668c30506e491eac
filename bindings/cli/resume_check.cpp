#include "resume_check.hpp"

#include "arguments.hpp"
#include "stored_study.hpp"

#include <algorithm>

namespace hpo::cli {
namespace {

using nlohmann::json;

// What makes an objective the same one: its plugin and options, not what the plugin
// describes of itself (its known optimum, say).
std::string describe_objective(const json &objective) {
    return objective.value("name", std::string("(unnamed)")) + " " +
           objective.value("options", json::object()).dump();
}

void add_parameter_differences(const json &stored, const json &planned, std::vector<std::string> &lines) {
    for (const auto &param : planned.items()) {
        const auto found = stored.find(param.key());
        if (found == stored.end()) {
            lines.push_back("parameter \"" + param.key() + "\": only in the file's space, " + param.value().dump());
        } else if (*found != param.value()) {
            lines.push_back("parameter \"" + param.key() + "\": stored " + found->dump() + ", the file's " +
                            param.value().dump());
        }
    }
    for (const auto &param : stored.items()) {
        if (!planned.contains(param.key())) {
            lines.push_back("parameter \"" + param.key() + "\": only in the stored study's space, " +
                            param.value().dump());
        }
    }
}

// The stored study the file's configuration would resume: its URL and name, or none.
bool resumed_study(const nlohmann::ordered_json &config, std::string &url, std::string &name) {
    const auto storage = config.find("storage"), study_name = config.find("name");
    const auto load = config.find("load_if_exists");
    if (storage == config.end() || !storage->is_string() || study_name == config.end() ||
        !study_name->is_string() || load == config.end() || *load != true) {
        return false;
    }
    url = storage->get<std::string>();
    name = study_name->get<std::string>();
    return url != "memory:" && !url.empty();
}

}  // namespace

nlohmann::ordered_json planned_study(Engine &engine, const StudyFile &file) {
    nlohmann::ordered_json config = file.study;
    // The trial copy lives in memory: it must neither find nor create the stored study.
    for (const char *key : {"storage", "load_if_exists", "load_only"}) config.erase(key);
    nlohmann::ordered_json options = file.optimize;
    options["n_trials"] = 0;
    Study study(engine, config.dump());
    study.optimize_plugin(file.objective.dump(), options.dump());
    return nlohmann::ordered_json::parse(study.info_json());
}

std::vector<std::string> study_differences(const json &stored, const json &planned) {
    std::vector<std::string> lines;
    // A study stored before the engine kept its objective can only be compared by space.
    if (stored.contains("objective")) {
        const std::string was = describe_objective(stored["objective"]);
        const std::string now = describe_objective(planned.value("objective", json::object()));
        if (was != now) lines.push_back("objective: stored " + was + ", the file's " + now);
    }
    add_parameter_differences(stored.at("space"), planned.at("space"), lines);
    return lines;
}

void refuse_to_resume_another_study(Engine &engine, const StudyFile &file, const nlohmann::ordered_json &planned) {
    std::string url, name;
    if (!resumed_study(file.study, url, name)) return;
    const auto stored_studies = json::parse(engine.studies_json(url));
    const bool exists = std::any_of(stored_studies.begin(), stored_studies.end(),
                                    [&](const json &record) { return record.value("name", "") == name; });
    if (!exists) return;
    const Study stored = open_stored_study(engine, url, name);
    const auto differences = study_differences(json::parse(stored.info_json()), json(planned));
    if (differences.empty()) return;
    std::string message = file.path + ": " + url + " holds a study \"" + name + "\" that differs from this file's:";
    for (const std::string &line : differences) message += "\n  " + line;
    message +=
        "\nResuming it would mix the trials of both. Name the study otherwise, delete the stored one "
        "(hpo delete), or pass --resume-anyway to add to it regardless.";
    throw UsageError(message);
}

}  // namespace hpo::cli
