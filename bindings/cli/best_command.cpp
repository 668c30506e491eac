// `hpo best NAME --storage URL`: a stored study's best trial, or its Pareto front.
#include "arguments.hpp"
#include "commands.hpp"
#include "report.hpp"
#include "stored_study.hpp"

#include <iostream>

namespace hpo::cli {
namespace {

const char *const best_usage = R"(usage: hpo best NAME --storage URL [--json] [--plugin-path DIR]...

Prints the best trial of the study NAME, or its Pareto front for several objectives.
--json prints the trial as one JSON object (the front as an array). Exit status 1 when no
trial has completed.
)";

}  // namespace

int best_command(const std::vector<std::string> &args) {
    const Arguments arguments({"hpo best", {"--storage", "--plugin-path"}, {"--json", "--help"}}, args);
    if (arguments.has("--help")) {
        std::cout << best_usage << storage_url_help;
        return 0;
    }
    const std::string name = required_study_name(arguments, "hpo best");
    const std::string url = required_storage(arguments, "hpo best");
    Engine engine = make_engine(arguments.values("--plugin-path"));
    const Study study = open_stored_study(engine, url, name);
    const bool several_objectives = has_several_objectives(nlohmann::ordered_json::parse(study.info_json()));
    const auto best = best_trials(study, several_objectives);
    if (best.empty()) throw Error(HPO_ENOTFOUND, url + ": study \"" + name + "\" has no COMPLETE trial");
    if (arguments.has("--json")) {
        std::cout << (several_objectives ? best : best[0]).dump(2) << std::endl;
    } else {
        std::cout << format_best(best, several_objectives);
    }
    return 0;
}

}  // namespace hpo::cli
