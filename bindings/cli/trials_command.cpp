// `hpo trials NAME --storage URL`: a stored study's trials, as a table or as JSON.
#include "arguments.hpp"
#include "commands.hpp"
#include "report.hpp"
#include "stored_study.hpp"

#include <algorithm>
#include <cctype>
#include <chrono>
#include <cstdio>
#include <iostream>

namespace hpo::cli {
namespace {

const char *const trials_usage = R"(usage: hpo trials NAME --storage URL [--state STATE] [--json] [--plugin-path DIR]...

Lists the trials of the study NAME: number, state, values, duration and parameters. A
RUNNING trial shows how long ago its worker last sent a heartbeat, when the storage has one;
a trial whose constraint values are not all <= 0 is marked infeasible.
  --state STATE   only the trials in this state: WAITING, RUNNING, COMPLETE, PRUNED or FAIL
  --json          the trials as a JSON array (as hpo_study_trials_json gives them)
)";

const char *const trial_states[] = {"WAITING", "RUNNING", "COMPLETE", "PRUNED", "FAIL"};

// The --state value in upper case; a UsageError naming the states for any other.
std::string state_filter(const Arguments &arguments) {
    std::string state = arguments.values("--state").back();
    std::transform(state.begin(), state.end(), state.begin(), [](unsigned char c) { return std::toupper(c); });
    if (std::find(std::begin(trial_states), std::end(trial_states), state) != std::end(trial_states)) return state;
    throw UsageError("option --state expects WAITING, RUNNING, COMPLETE, PRUNED or FAIL, got '" +
                     arguments.values("--state").back() + "'");
}

// "42 s", "15 min", "3.5 h": how long ago something was, to a useful precision.
std::string format_age(double seconds) {
    char text[32];
    seconds = std::max(seconds, 0.0);  // another host's clock may be a little ahead
    if (seconds < 120) {
        std::snprintf(text, sizeof text, "%.0f s", seconds);
    } else if (seconds < 2 * 3600) {
        std::snprintf(text, sizeof text, "%.0f min", seconds / 60);
    } else {
        std::snprintf(text, sizeof text, "%.1f h", seconds / 3600);
    }
    return text;
}

// Whether a trial's constraint values say it is infeasible (one of them above 0).
bool infeasible(const nlohmann::ordered_json &trial) {
    const auto constraints = trial.find("constraints");
    if (constraints == trial.end() || !constraints->is_array()) return false;
    return std::any_of(constraints->begin(), constraints->end(),
                       [](const auto &c) { return c.is_number() ? c.template get<double>() > 0 : c == "inf"; });
}

// "RUNNING (heartbeat 3 s ago)" for a running trial whose "heartbeat" (seconds since the
// epoch) the storage recorded, "COMPLETE (infeasible)" for one whose constraints it breaks;
// the state alone otherwise.
std::string state_cell(const nlohmann::ordered_json &trial, double now) {
    const std::string state = trial.at("state").get<std::string>();
    if (infeasible(trial)) return state + " (infeasible)";
    const auto heartbeat = trial.find("heartbeat");
    if (state != "RUNNING" || heartbeat == trial.end() || !heartbeat->is_number()) return state;
    return state + " (heartbeat " + format_age(now - heartbeat->get<double>()) + " ago)";
}

std::string duration_cell(const nlohmann::ordered_json &trial) {
    const auto seconds = trial_duration(trial);
    if (!seconds) return "-";
    char text[32];
    std::snprintf(text, sizeof text, "%.3f s", *seconds);
    return text;
}

std::string params_cell(const nlohmann::ordered_json &trial) {
    std::string text;
    for (const auto &param : trial.at("params").items()) {
        text += (text.empty() ? "" : " ") + param.key() + "=" + format_value(param.value());
    }
    return text;
}

void print_trials(const std::string &name, const nlohmann::ordered_json &all, const nlohmann::ordered_json &shown) {
    std::cout << "Study " << name << ": " << all.size() << " trials";
    if (!all.empty()) std::cout << " (" << describe_counts(count_states(all)) << ")";
    std::cout << "\n";
    if (shown.empty()) return;
    const std::chrono::duration<double> now = std::chrono::system_clock::now().time_since_epoch();
    std::vector<std::vector<std::string>> rows = {{"#", "STATE", "VALUES", "DURATION", "PARAMS"}};
    for (const auto &trial : shown) {
        rows.push_back({trial.at("number").dump(), state_cell(trial, now.count()),
                        format_values(trial.at("values")), duration_cell(trial), params_cell(trial)});
    }
    std::cout << format_table(rows);
}

}  // namespace

int trials_command(const std::vector<std::string> &args) {
    const Arguments arguments({"hpo trials", {"--storage", "--state", "--plugin-path"}, {"--json", "--help"}}, args);
    if (arguments.has("--help")) {
        std::cout << trials_usage << storage_url_help;
        return 0;
    }
    const std::string name = required_study_name(arguments, "hpo trials");
    const std::string url = required_storage(arguments, "hpo trials");
    const std::string state = arguments.has("--state") ? state_filter(arguments) : "";
    Engine engine = make_engine(arguments.values("--plugin-path"));
    const Study study = open_stored_study(engine, url, name);
    const auto all = nlohmann::ordered_json::parse(study.trials_json());
    nlohmann::ordered_json shown = nlohmann::ordered_json::array();
    for (const auto &trial : all) {
        if (state.empty() || trial.at("state") == state) shown.push_back(trial);
    }
    if (arguments.has("--json")) {
        std::cout << shown.dump(2) << std::endl;
    } else {
        print_trials(name, all, shown);
    }
    return 0;
}

}  // namespace hpo::cli
