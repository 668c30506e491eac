#include "trial_inputs.hpp"

#include <algorithm>
#include <stdexcept>

namespace hpo::command {
namespace {

// Calls on_text(text) for literal runs and on_name(name) for each {name} of `element`,
// throwing std::invalid_argument that names argv[index] on a lone or unclosed brace.
template <class OnText, class OnName>
void scan(const std::string &element, std::size_t index, OnText &&on_text, OnName &&on_name) {
    const auto bad = [&](const std::string &why) {
        return std::invalid_argument("argv[" + std::to_string(index) + "] \"" + element + "\": " + why +
                                     " (write {{ and }} for literal braces)");
    };
    std::string text;
    for (std::size_t i = 0; i < element.size(); ++i) {
        const char c = element[i];
        if ((c == '{' || c == '}') && i + 1 < element.size() && element[i + 1] == c) {
            text += c;
            ++i;
        } else if (c == '{') {
            const auto close = element.find('}', i + 1);
            if (close == std::string::npos) throw bad("a '{' is never closed");
            const std::string name = element.substr(i + 1, close - i - 1);
            if (name.empty() || name.find('{') != std::string::npos) throw bad("an empty or nested placeholder");
            on_text(text);
            text.clear();
            on_name(name);
            i = close;
        } else if (c == '}') {
            throw bad("a '}' closes nothing");
        } else {
            text += c;
        }
    }
    on_text(text);
}

void set_variable(std::vector<std::string> &environment, const std::string &name, const std::string &value) {
    const std::string prefix = name + "=";
    std::erase_if(environment, [&](const std::string &entry) { return entry.starts_with(prefix); });
    environment.push_back(prefix + value);
}

// The value of `name` in the environment, empty when it is not set.
std::string variable(const std::vector<std::string> &environment, const std::string &name) {
    const std::string prefix = name + "=";
    for (const auto &entry : environment) {
        if (entry.starts_with(prefix)) return entry.substr(prefix.size());
    }
    return {};
}

// The entries of a comma-separated list; none for an empty text.
std::vector<std::string> split_list(const std::string &text) {
    std::vector<std::string> items;
    for (std::size_t start = 0; !text.empty() && start <= text.size();) {
        const auto end = std::min(text.find(',', start), text.size());
        items.push_back(text.substr(start, end - start));
        start = end + 1;
    }
    return items;
}

}  // namespace

std::string parameter_text(const nlohmann::json &value) {
    if (value.is_string()) return value.get<std::string>();
    if (value.is_null()) return {};
    return value.dump();
}

void check_template(const std::vector<std::string> &argv_template) {
    for (std::size_t i = 0; i < argv_template.size(); ++i) {
        scan(argv_template[i], i, [](const std::string &) {}, [](const std::string &) {});
    }
}

std::vector<std::string> expand_argv(const std::vector<std::string> &argv_template, const Placeholders &values) {
    std::vector<std::string> argv;
    argv.reserve(argv_template.size());
    for (std::size_t i = 0; i < argv_template.size(); ++i) {
        std::string expanded;
        scan(argv_template[i], i, [&](const std::string &text) { expanded += text; },
             [&](const std::string &name) {
                 const auto found = values.find(name);
                 if (found == values.end()) {
                     std::string known;
                     for (const auto &[key, value] : values) known += (known.empty() ? "" : ", ") + key;
                     throw std::invalid_argument("argv[" + std::to_string(i) + "] \"" + argv_template[i] +
                                                 "\": {" + name + "} is not a parameter of this trial nor a trial "
                                                 "placeholder (known: " + known + ")");
                 }
                 expanded += found->second;
             });
        argv.push_back(std::move(expanded));
    }
    return argv;
}

std::string parameter_variable(const std::string &name) {
    std::string variable = "HPO_PARAM_";
    for (const char c : name) {
        const bool keep = (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
        variable += (c >= 'a' && c <= 'z') ? static_cast<char>(c - 'a' + 'A') : keep ? c : '_';
    }
    return variable;
}

std::vector<std::string> trial_environment(std::vector<std::string> inherited, const nlohmann::json &params,
                                           const Placeholders &trial_values, const std::vector<int> &devices) {
    for (const auto &[name, value] : params.items()) {
        if (!value.is_null()) set_variable(inherited, parameter_variable(name), parameter_text(value));
    }
    set_variable(inherited, "HPO_TRIAL_NUMBER", trial_values.at("trial_number"));
    set_variable(inherited, "HPO_TRIAL_DIR", trial_values.at("trial_dir"));
    set_variable(inherited, "HPO_PARAMS_FILE", trial_values.at("params_file"));
    if (!devices.empty()) {
        // Device i of a process that sees CUDA_VISIBLE_DEVICES=a,b,... is its i-th entry (a
        // trial in a process runner's worker, whose devices are renumbered from 0).
        const auto visible = split_list(variable(inherited, "CUDA_VISIBLE_DEVICES"));
        const bool renumbered = std::all_of(devices.begin(), devices.end(), [&](int device) {
            return device >= 0 && static_cast<std::size_t>(device) < visible.size();
        });
        std::string list;
        for (const int device : devices) {
            list += (list.empty() ? "" : ",") +
                    (renumbered ? visible[static_cast<std::size_t>(device)] : std::to_string(device));
        }
        set_variable(inherited, "CUDA_VISIBLE_DEVICES", list);
    }
    return inherited;
}

}  // namespace hpo::command
