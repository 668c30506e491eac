#include "stored_study.hpp"

#include "report.hpp"

namespace hpo::cli {

const char *const storage_url_help = R"(
Storage URLs: sqlite:///relative/path.db, sqlite:////absolute/path.db, journal:///path.log;
options as a query: sqlite:///study.db?timeout=30&sync=false.
)";

std::string required_storage(const Arguments &arguments, const std::string &command) {
    if (!arguments.has("--storage")) {
        throw UsageError("option --storage URL is required (see " + command + " --help)");
    }
    return arguments.values("--storage").back();
}

std::string required_study_name(const Arguments &arguments, const std::string &command) {
    if (arguments.positionals().size() != 1) throw UsageError("expects one study name (see " + command + " --help)");
    return arguments.positionals().front();
}

Study open_stored_study(Engine &engine, const std::string &url, const std::string &name) {
    const nlohmann::ordered_json config = {{"name", name}, {"storage", url}, {"load_only", true}};
    return Study(engine, config.dump());
}

nlohmann::ordered_json summarize_studies(Engine &engine, const std::string &url) {
    nlohmann::ordered_json summaries = nlohmann::ordered_json::array();
    for (auto &record : nlohmann::ordered_json::parse(engine.studies_json(url))) {
        const Study study = open_stored_study(engine, url, record.at("name").get<std::string>());
        const bool several_objectives = has_several_objectives(record);
        const auto best = best_trials(study, several_objectives);
        record["n_trials"] = study.n_trials();
        if (several_objectives) {
            record["pareto_front_size"] = best.size();
        } else {
            record["best_value"] = best.empty() ? nlohmann::ordered_json() : best[0].at("values").at(0);
        }
        summaries.push_back(std::move(record));
    }
    return summaries;
}

}  // namespace hpo::cli
