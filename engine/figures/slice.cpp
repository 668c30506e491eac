// Slice plots: for each parameter, the objective against the parameter's value, one panel a
// parameter side by side, points coloured by trial number (the picture Hyperopt users draw
// from Trials). A conditional parameter's panel holds the trials where it was active.
#include "figure_parts.hpp"
#include "figures.hpp"

namespace hpo::figures {

json slice_figure(const FigureStudy &study, const json &options) {
    const FigureOptions read(options, "slice", {"objective", "params", "max_points"});
    const std::size_t k = read.objective(study);
    const auto params = read.params(study);
    std::string note;
    const auto trials = sample(completed(study, k), read.max_points(5000), note);
    json data = json::array();
    json layout = {{"yaxis", {{"title", {{"text", objective_label(study, k)}}}}}, {"showlegend", false}};
    const double width = 1.0 / static_cast<double>(std::max<std::size_t>(params.size(), 1));
    for (std::size_t i = 0; i < params.size(); ++i) {
        const ParamInfo &param = *params[i];
        const std::string suffix = i == 0 ? "" : std::to_string(i + 1);
        json xs = json::array(), ys = json::array(), numbers = json::array();
        for (const TrialPoint *trial : trials) {
            if (!trial->params.contains(param.name)) continue;
            xs.push_back(axis_value(param, trial->params.at(param.name)));
            ys.push_back(trial->values[k]);
            numbers.push_back(trial->number);
        }
        json marker = {{"color", numbers}, {"colorscale", "Blues"}, {"line", {{"width", 0.5}, {"color", "Grey"}}}};
        if (i + 1 == params.size()) marker["colorbar"] = {{"title", {{"text", "Trial"}}}};
        marker["showscale"] = i + 1 == params.size();
        data.push_back({{"type", "scatter"}, {"mode", "markers"}, {"name", param.name}, {"x", xs}, {"y", ys},
                        {"xaxis", "x" + suffix}, {"yaxis", "y"}, {"marker", marker},
                        {"text", numbers}, {"hovertemplate", param.name + "=%{x}<br>value=%{y}<br>trial %{text}<extra></extra>"}});
        json axis = param_axis(param);
        axis["domain"] = {i * width + 0.02, (i + 1) * width - 0.02};
        axis["anchor"] = "y";
        layout["xaxis" + suffix] = std::move(axis);
    }
    return figure(std::move(data), std::move(layout), "Slice plot", note);
}

}  // namespace hpo::figures
