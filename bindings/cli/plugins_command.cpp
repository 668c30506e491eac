// `hpo plugins`: what the engine found, by kind, and what it refused and why.
#include "arguments.hpp"
#include "commands.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <iostream>
#include <iterator>
#include <tuple>

namespace hpo::cli {
namespace {

const char *const plugins_usage = R"(usage: hpo plugins [--json] [--plugin-path DIR]...

Lists the plugins loaded, by kind: name, summary, file, and each option with its type,
default and description. Then the plugins skipped (of a kind this engine does not know, in
a library whose other plugins loaded), and the libraries and folders refused, with the
reason (a library that crashes or exits while loading is found by loading each one in a
child process first, and refused). --json prints the engine's own JSON
(hpo_engine_plugins_json).
)";

// The order kinds are listed in: as plugin.h numbers them.
const char *const kind_order[] = {"sampler", "scheduler", "storage", "runner", "objective"};

int kind_rank(const std::string &kind) {
    const auto found = std::find(std::begin(kind_order), std::end(kind_order), kind);
    return static_cast<int>(std::distance(std::begin(kind_order), found));
}

// A string as itself, anything else as JSON.
std::string plain(const nlohmann::ordered_json &value) {
    return value.is_string() ? value.get<std::string>() : value.dump();
}

// "n_startup_trials (integer, default 10): trials sampled at random before TPE starts", from
// the plugin's schema entry {"type", "enum", "default", "description"}: the parts it gives.
std::string format_option(const std::string &name, const nlohmann::ordered_json &schema) {
    std::vector<std::string> facts;
    if (schema.contains("type")) facts.push_back(plain(schema["type"]));
    if (schema.contains("enum")) {
        std::string choices;
        for (const auto &choice : schema["enum"]) choices += (choices.empty() ? "" : "|") + plain(choice);
        facts.push_back("one of " + choices);
    }
    if (schema.contains("default")) facts.push_back("default " + schema["default"].dump());
    std::string text = name;
    for (std::size_t i = 0; i < facts.size(); ++i) text += (i == 0 ? " (" : ", ") + facts[i];
    if (!facts.empty()) text += ")";
    if (schema.contains("description")) text += ": " + plain(schema["description"]);
    return text;
}

void print_loaded(const nlohmann::ordered_json &loaded) {
    std::vector<nlohmann::ordered_json> plugins(loaded.begin(), loaded.end());
    std::sort(plugins.begin(), plugins.end(), [](const auto &a, const auto &b) {
        return std::tuple(kind_rank(a.at("kind")), a.at("kind"), a.at("name")) <
               std::tuple(kind_rank(b.at("kind")), b.at("kind"), b.at("name"));
    });
    std::size_t width = 0;
    for (const auto &plugin : plugins) width = std::max(width, plugin.at("name").get<std::string>().size());
    std::string kind;
    for (const auto &plugin : plugins) {
        if (plugin.at("kind") != kind) {
            kind = plugin.at("kind").get<std::string>();
            std::cout << (kind + "s:") << "\n";
        }
        const std::string name = plugin.at("name").get<std::string>();
        const std::string indent(width + 4, ' ');
        std::cout << "  " << name << std::string(width - name.size() + 2, ' ') << plugin.value("summary", "")
                  << "\n" << indent << plugin.value("file", "") << "\n";
        const auto options = plugin.value("options", nlohmann::ordered_json::object());
        for (const auto &option : options.items()) {
            std::cout << indent << "  " << format_option(option.key(), option.value()) << "\n";
        }
    }
    if (plugins.empty()) std::cout << "no plugins found\n";
}

}  // namespace

int plugins_command(const std::vector<std::string> &args) {
    const Arguments arguments({"hpo plugins", {"--plugin-path"}, {"--json", "--help"}}, args);
    if (arguments.has("--help")) {
        std::cout << plugins_usage;
        return 0;
    }
    if (!arguments.positionals().empty()) {
        throw UsageError("unexpected argument '" + arguments.positionals().front() + "'");
    }
    // Each library is loaded in a child process first: one that crashes while loading is
    // listed as refused, with its file, rather than ending the listing meant to find it.
    const Engine engine = make_engine(arguments.values("--plugin-path"), true);
    const auto found = nlohmann::ordered_json::parse(engine.plugins_json());
    if (arguments.has("--json")) {
        std::cout << found.dump(2) << std::endl;
        return 0;
    }
    print_loaded(found.at("loaded"));
    const auto &skipped = found.at("skipped");
    if (!skipped.empty()) std::cout << "skipped:\n";
    for (const auto &plugin : skipped) {
        std::cout << "  " << plugin.value("file", "") << ", entry " << plugin.at("entry").dump() << " \""
                  << plugin.value("name", "") << "\"\n    " << plugin.value("reason", "") << "\n";
    }
    const auto &refused = found.at("refused");
    if (!refused.empty()) std::cout << "refused:\n";
    for (const auto &library : refused) {
        std::cout << "  " << library.value("file", "") << "\n    " << library.value("reason", "") << "\n";
    }
    return 0;
}

}  // namespace hpo::cli
