// `hpo delete NAME --storage URL`: removes a study and its trials from a storage.
#include "arguments.hpp"
#include "commands.hpp"
#include "stored_study.hpp"

#include <iostream>

namespace hpo::cli {
namespace {

const char *const delete_usage = R"(usage: hpo delete NAME --storage URL [--plugin-path DIR]...

Deletes the study NAME and all its trials from the storage; this cannot be undone. Exit
status 1 when the storage holds no study of that name.
)";

}  // namespace

int delete_command(const std::vector<std::string> &args) {
    const Arguments arguments({"hpo delete", {"--storage", "--plugin-path"}, {"--help"}}, args);
    if (arguments.has("--help")) {
        std::cout << delete_usage << storage_url_help;
        return 0;
    }
    const std::string name = required_study_name(arguments, "hpo delete");
    const std::string url = required_storage(arguments, "hpo delete");
    Engine engine = make_engine(arguments.values("--plugin-path"));
    engine.delete_study(url, name);
    std::cout << "Deleted study " << name << " from " << url << "\n";
    return 0;
}

}  // namespace hpo::cli
