// Parallel coordinates: one line per completed trial across the objective and each
// parameter, coloured by the objective. A line needs every axis, so trials where a
// conditional parameter was inactive are left out (and counted on the figure).
#include "figure_parts.hpp"
#include "figures.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace hpo::figures {
namespace {

// A parameter's axis of parcoords: categories as their index with the choices as ticks,
// log-scaled values as their log10 with the values as ticks.
json dimension(const ParamInfo &param, const std::vector<const TrialPoint *> &trials) {
    json values = json::array();
    json axis = {{"label", param.name}};
    if (param.categorical) {
        for (const TrialPoint *trial : trials) {
            const std::string label = axis_value(param, trial->params.at(param.name)).get<std::string>();
            values.push_back(std::find(param.choices.begin(), param.choices.end(), label) - param.choices.begin());
        }
        json ticks = json::array();
        for (std::size_t c = 0; c < param.choices.size(); ++c) ticks.push_back(c);
        axis["tickvals"] = ticks;
        axis["ticktext"] = param.choices;
    } else if (param.log) {
        double low = INFINITY, high = -INFINITY;
        for (const TrialPoint *trial : trials) {
            const double value = std::log10(trial->params.at(param.name).get<double>());
            low = std::min(low, value);
            high = std::max(high, value);
            values.push_back(value);
        }
        json ticks = json::array(), text = json::array();
        for (double tick = std::floor(low); tick <= std::ceil(high); tick += 1) {
            ticks.push_back(tick);
            char label[32];
            std::snprintf(label, sizeof label, "%g", std::pow(10.0, tick));
            text.push_back(label);
        }
        axis["tickvals"] = ticks;
        axis["ticktext"] = text;
    } else {
        for (const TrialPoint *trial : trials) values.push_back(trial->params.at(param.name));
    }
    axis["values"] = std::move(values);
    return axis;
}

}  // namespace

json parallel_figure(const FigureStudy &study, const json &options) {
    const FigureOptions read(options, "parallel", {"objective", "params", "max_points"});
    const std::size_t k = read.objective(study);
    const auto params = read.params(study);
    std::vector<const TrialPoint *> whole;
    for (const TrialPoint *trial : completed(study, k)) {
        if (std::all_of(params.begin(), params.end(), [&](const ParamInfo *p) { return trial->params.contains(p->name); })) {
            whole.push_back(trial);
        }
    }
    const std::size_t n_completed = completed(study, k).size();
    std::string note = whole.size() < n_completed ? std::to_string(n_completed - whole.size()) +
                                                        " trials without every parameter left out"
                                                  : "";
    std::string sampled;
    const auto trials = sample(whole, read.max_points(1000), sampled);
    if (!sampled.empty()) note += (note.empty() ? "" : "; ") + sampled;
    json values = json::array();
    for (const TrialPoint *trial : trials) values.push_back(trial->values[k]);
    json dimensions = json::array({{{"label", objective_label(study, k)}, {"values", values}}});
    for (const ParamInfo *param : params) dimensions.push_back(dimension(*param, trials));
    const json data = json::array(
        {{{"type", "parcoords"}, {"dimensions", dimensions},
          {"line", {{"color", values}, {"colorscale", "Blues"}, {"reversescale", !study.maximize[k]}, {"showscale", true},
                    {"colorbar", {{"title", {{"text", objective_label(study, k)}}}}}}}}});
    return figure(data, json::object(), "Parallel coordinates", note);
}

}  // namespace hpo::figures
