// Parameter importances (Optuna's plot_param_importances): one horizontal bar per parameter,
// the most important at the top, a group per objective, each with its spread over the trees.
// The numbers are the engine's fANOVA answer (hpo_study_param_importances) for the options.
#include "figure_parts.hpp"
#include "figures.hpp"

#include "error.hpp"

#include <cstdio>

namespace hpo::figures {

json importances_figure(const FigureStudy &study, const json &options) {
    if (!study.importances) fail(HPO_EINVAL, "importances: this reading of the study cannot compute them");
    const json answer = study.importances(options.is_null() ? json::object() : options);
    json data = json::array();
    for (const json &entry : answer.at("objectives")) {
        json names = json::array(), shares = json::array(), spread = json::array(), labels = json::array();
        const json &importances = entry.at("importances");
        // plotly draws a horizontal bar chart's first category at the bottom.
        for (auto it = importances.rbegin(); it != importances.rend(); ++it) {
            const double share = it->at("importance").get<double>();
            char label[32];
            std::snprintf(label, sizeof label, "%.3f", share);
            names.push_back(it->at("param"));
            shares.push_back(share);
            spread.push_back(it->at("std"));
            labels.push_back(label);
        }
        const std::string name = entry.at("objective").is_null()
                                     ? "target"
                                     : objective_label(study, entry.at("objective").get<std::size_t>());
        data.push_back({{"type", "bar"}, {"orientation", "h"}, {"name", name}, {"x", shares}, {"y", names},
                        {"text", labels}, {"textposition", "outside"},
                        {"error_x", {{"type", "data"}, {"array", spread}, {"visible", true}}}});
    }
    const std::string what = "fANOVA over " + std::to_string(answer.at("n_trees").get<int64_t>()) +
                             " trees, seed " + answer.at("seed").dump();
    const json layout = {{"xaxis", {{"title", {{"text", "Importance (share of the variance, " + what + ")"}}}}},
                         {"yaxis", {{"title", {{"text", "Parameter"}}}}},
                         {"barmode", "group"},
                         {"showlegend", data.size() > 1}};
    return figure(data, layout, "Parameter importances", "");
}

}  // namespace hpo::figures
