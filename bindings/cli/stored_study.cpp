#include "stored_study.hpp"

#include <nlohmann/json.hpp>

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

}  // namespace hpo::cli
