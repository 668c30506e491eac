#include "report.hpp"

#include <cstdio>

namespace hpo::cli {

std::string format_value(const nlohmann::ordered_json &value) {
    if (!value.is_number_float()) return value.dump();
    char text[32];
    std::snprintf(text, sizeof text, "%.6g", value.get<double>());
    return text;
}

std::string format_trial(const nlohmann::ordered_json &trial) {
    // Appended piece by piece: GCC 12 at -O3 warns falsely (-Wrestrict) on "#" + std::string.
    std::string text = "#";
    text += trial.at("number").dump();
    text += "  ";
    const auto &values = trial.at("values");
    if (values.is_array() && values.size() == 1) {
        text += "value " + format_value(values[0]);
    } else if (values.is_array()) {
        text += "values [";
        for (std::size_t i = 0; i < values.size(); ++i) text += (i > 0 ? ", " : "") + format_value(values[i]);
        text += "]";
    } else {
        text += "no value";
    }
    for (const auto &param : trial.at("params").items()) {
        text += "\n    " + param.key() + " = " + format_value(param.value());
    }
    return text;
}

nlohmann::ordered_json count_states(const nlohmann::ordered_json &trials) {
    nlohmann::ordered_json counts = nlohmann::ordered_json::object();
    for (const auto &trial : trials) {
        const std::string state = trial.at("state").get<std::string>();
        counts[state] = counts.value(state, 0) + 1;
    }
    return counts;
}

}  // namespace hpo::cli
