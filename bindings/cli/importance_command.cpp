// `hpo importance NAME --storage URL`: which parameters of a stored study matter, by fANOVA
// (hpo_study_param_importances).
#include "arguments.hpp"
#include "commands.hpp"
#include "stored_study.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cstdio>
#include <iostream>
#include <sstream>

namespace hpo::cli {
namespace {

using json = nlohmann::ordered_json;

const char *const importance_usage =
    R"(usage: hpo importance NAME --storage URL [--params A,B,...] [--objective I] [--seed S]
                      [--n-trees N] [--max-depth D] [--state STATE]... [--json]
                      [--plugin-path DIR]...

Prints how much each parameter of the study NAME matters: the share of the objective's
variance it explains alone, by fANOVA (a random forest fitted on the completed trials, as
Optuna's default importance evaluator), largest first, summing to 1 per objective.
  --params A,B    only these parameters (comma-separated)
  --objective I   only objective I (from 0); default every objective
  --seed S        the forest's seed; default the study's
  --n-trees N     trees in the forest (default 64)
  --max-depth D   their depth (default 64)
  --state STATE   trials in this state (repeatable; default COMPLETE; PRUNED trials carry
                  their last intermediate value)
  --json          the answer of hpo_study_param_importances, as JSON
)";

std::vector<std::string> split_names(const std::string &text) {
    std::vector<std::string> names;
    std::stringstream stream(text);
    std::string name;
    while (std::getline(stream, name, ',')) {
        if (name.empty()) throw UsageError("option --params expects names separated by commas, got '" + text + "'");
        names.push_back(name);
    }
    if (names.empty()) throw UsageError("option --params expects at least one name");
    return names;
}

std::string format_answer(const json &answer) {
    std::string text;
    std::size_t width = 5;
    for (const auto &name : answer.at("params")) width = std::max(width, name.get<std::string>().size());
    for (const auto &entry : answer.at("objectives")) {
        char line[256];
        const std::string target = entry.at("objective").is_null()
                                       ? std::string("target values")
                                       : "objective " + std::to_string(entry.at("objective").get<int>()) + " (" +
                                             entry.at("direction").get<std::string>() + ")";
        std::snprintf(line, sizeof line, "%s: %lld trials, fANOVA over %d trees (seed %llu)\n", target.c_str(),
                      static_cast<long long>(entry.at("n_trials").get<int64_t>()), answer.at("n_trees").get<int>(),
                      static_cast<unsigned long long>(answer.at("seed").get<uint64_t>()));
        text += line;
        for (const auto &item : entry.at("importances")) {
            const double share = item.at("importance").get<double>();
            const std::string bar(static_cast<std::size_t>(std::clamp(share, 0.0, 1.0) * 40 + 0.5), '#');
            std::snprintf(line, sizeof line, "  %-*s  %6.3f  %s\n", static_cast<int>(width),
                          item.at("param").get<std::string>().c_str(), share, bar.c_str());
            text += line;
        }
    }
    return text;
}

}  // namespace

int importance_command(const std::vector<std::string> &args) {
    const Arguments arguments({"hpo importance",
                               {"--storage", "--plugin-path", "--params", "--objective", "--seed", "--n-trees",
                                "--max-depth", "--state"},
                               {"--json", "--help"}},
                              args);
    if (arguments.has("--help")) {
        std::cout << importance_usage << storage_url_help;
        return 0;
    }
    const std::string name = required_study_name(arguments, "hpo importance");
    const std::string url = required_storage(arguments, "hpo importance");
    json options = json::object();
    if (arguments.has("--params")) options["params"] = split_names(arguments.values("--params").back());
    int64_t number = 0;
    if (arguments.integer("--objective", 0, number)) options["objective"] = number;
    if (arguments.integer("--seed", 0, number)) options["seed"] = number;
    if (arguments.integer("--n-trees", 1, number)) options["n_trees"] = number;
    if (arguments.integer("--max-depth", 1, number)) options["max_depth"] = number;
    if (arguments.has("--state")) {
        json states = json::array();
        for (std::string state : arguments.values("--state")) {
            std::transform(state.begin(), state.end(), state.begin(), [](unsigned char c) { return std::toupper(c); });
            states.push_back(state);
        }
        options["states"] = states;
    }
    Engine engine = make_engine(arguments.values("--plugin-path"));
    const Study study = open_stored_study(engine, url, name);
    json answer;
    try {
        answer = json::parse(study.param_importances_json(options.dump()));
    } catch (const Error &error) {
        // A parameter, objective or state the user named that the study does not have is a
        // mistake on the command line.
        const std::string message = error.what();
        if (error.status() == HPO_EINVAL &&
            (message.find("\"params\"") != std::string::npos || message.find("\"objective\"") != std::string::npos ||
             message.find("\"states\"") != std::string::npos)) {
            throw UsageError(message);
        }
        throw;
    }
    if (arguments.has("--json")) {
        std::cout << answer.dump(2) << std::endl;
    } else {
        std::cout << format_answer(answer);
    }
    return 0;
}

}  // namespace hpo::cli
