// Intermediate values: each trial's learning curve (the values it reported by step), pruned
// trials in red, dotted and marked with crosses, so which curves were stopped and when
// shows at a glance. Past max_points curves (300) they are sampled, and the figure says so.
#include "figure_parts.hpp"
#include "figures.hpp"

#include <cmath>

namespace hpo::figures {
namespace {

struct StateStyle {
    const char *color;
    const char *dash;
    const char *symbol;
};

StateStyle style_of(const std::string &state) {
    if (state == "PRUNED") return {"#d62728", "dot", "x"};
    if (state == "COMPLETE") return {"#1f77b4", "solid", "circle"};
    return {"#7f7f7f", "dash", "circle-open"};  // running or failed
}

}  // namespace

json intermediate_figure(const FigureStudy &study, const json &options) {
    const FigureOptions read(options, "intermediate", {"max_points"});
    std::vector<const TrialPoint *> reporting;
    for (const auto &trial : study.trials) {
        if (!trial.intermediate.empty()) reporting.push_back(&trial);
    }
    std::string note = reporting.empty() ? "no trial reported intermediate values" : "";
    json data = json::array();
    json legend_shown = json::object();  // a legend entry per state, not per trial
    for (const TrialPoint *trial : sample(reporting, read.max_points(300), note)) {
        json steps = json::array(), values = json::array();
        for (const auto &[step, value] : trial->intermediate) {
            steps.push_back(step);
            values.push_back(std::isnan(value) ? json(nullptr) : json(value));
        }
        const StateStyle style = style_of(trial->state);
        data.push_back({{"type", "scatter"}, {"mode", "lines+markers"}, {"name", trial->state},
                        {"legendgroup", trial->state}, {"showlegend", !legend_shown.contains(trial->state)},
                        {"x", steps}, {"y", values}, {"text", "trial " + std::to_string(trial->number)},
                        {"line", {{"color", style.color}, {"dash", style.dash}, {"width", 1}}},
                        {"marker", {{"color", style.color}, {"symbol", style.symbol}, {"size", 5}}}});
        legend_shown[trial->state] = true;
    }
    const json layout = {{"xaxis", {{"title", {{"text", "Step"}}}}},
                         {"yaxis", {{"title", {{"text", "Intermediate value"}}}}}};
    return figure(std::move(data), layout, "Intermediate values", note);
}

}  // namespace hpo::figures
