// `hpo studies --storage URL`: the studies a storage holds, with their trial counts and best
// values.
#include "arguments.hpp"
#include "commands.hpp"
#include "report.hpp"
#include "stored_study.hpp"

#include <iostream>

namespace hpo::cli {
namespace {

const char *const studies_usage = R"(usage: hpo studies --storage URL [--json] [--plugin-path DIR]...

Lists the studies the storage holds: name, directions, number of trials and the best value
(for several objectives, the size of the Pareto front). --json prints the storage's study
records with "n_trials" and "best_value" (or "pareto_front_size") added.
)";

std::string best_cell(const nlohmann::ordered_json &summary) {
    if (summary.contains("pareto_front_size")) return summary["pareto_front_size"].dump() + " on the front";
    return summary["best_value"].is_null() ? "-" : format_value(summary["best_value"]);
}

void print_studies(const nlohmann::ordered_json &summaries) {
    std::vector<std::vector<std::string>> rows = {{"NAME", "DIRECTIONS", "TRIALS", "BEST"}};
    for (const auto &study : summaries) {
        std::string directions;
        for (const auto &direction : study.at("directions")) {
            directions += (directions.empty() ? "" : ",") + direction.get<std::string>();
        }
        rows.push_back({study.at("name").get<std::string>(), directions, study.at("n_trials").dump(), best_cell(study)});
    }
    std::cout << format_table(rows);
}

}  // namespace

int studies_command(const std::vector<std::string> &args) {
    const Arguments arguments({"hpo studies", {"--storage", "--plugin-path"}, {"--json", "--help"}}, args);
    if (arguments.has("--help")) {
        std::cout << studies_usage << storage_url_help;
        return 0;
    }
    if (!arguments.positionals().empty()) {
        throw UsageError("unexpected argument '" + arguments.positionals().front() + "'");
    }
    const std::string url = required_storage(arguments, "hpo studies");
    Engine engine = make_engine(arguments.values("--plugin-path"));
    const nlohmann::ordered_json summaries = summarize_studies(engine, url);
    if (arguments.has("--json")) {
        std::cout << summaries.dump(2) << std::endl;
    } else if (summaries.empty()) {
        std::cout << "no studies in " << url << "\n";
    } else {
        print_studies(summaries);
    }
    return 0;
}

}  // namespace hpo::cli
