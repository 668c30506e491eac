// Contour of the objective over two parameters (by default the study's first two), from the
// completed trials where both were active, with the trials drawn on top. Values are placed
// on the grid of the values tried; past 50 distinct values on an axis they are averaged in
// 40 bins (said on the figure), so a study of 10,000 trials stays a small grid.
#include "figure_parts.hpp"
#include "figures.hpp"

#include "error.hpp"

#include <algorithm>
#include <cmath>
#include <map>

namespace hpo::figures {
namespace {

constexpr std::size_t most_exact = 50;
constexpr std::size_t bins = 40;

// Where the trials' values of one parameter fall on the grid.
struct GridAxis {
    json ticks = json::array();      // the grid's values, as the axis shows them
    std::vector<std::size_t> cells;  // the cell of each trial, in the trials' order
    bool binned = false;
};

GridAxis grid_axis(const ParamInfo &param, const std::vector<const TrialPoint *> &trials) {
    GridAxis axis;
    if (param.categorical) {  // a cell per choice
        for (std::size_t c = 0; c < param.choices.size(); ++c) axis.ticks.push_back(param.choices[c]);
        for (const TrialPoint *trial : trials) {
            const std::string label = axis_value(param, trial->params.at(param.name)).get<std::string>();
            const auto at = std::find(param.choices.begin(), param.choices.end(), label);
            axis.cells.push_back(static_cast<std::size_t>(at - param.choices.begin()));
        }
        return axis;
    }
    std::vector<double> coords;  // log-scaled parameters are binned evenly in the log
    for (const TrialPoint *trial : trials) {
        const double value = trial->params.at(param.name).get<double>();
        coords.push_back(param.log ? std::log10(value) : value);
    }
    std::vector<double> distinct = coords;
    std::sort(distinct.begin(), distinct.end());
    distinct.erase(std::unique(distinct.begin(), distinct.end()), distinct.end());
    const auto shown = [&](double c) { return param.log ? std::pow(10.0, c) : c; };
    if (distinct.size() <= most_exact) {
        for (const double c : distinct) axis.ticks.push_back(shown(c));
        for (const double c : coords) {
            axis.cells.push_back(static_cast<std::size_t>(std::lower_bound(distinct.begin(), distinct.end(), c) - distinct.begin()));
        }
        return axis;
    }
    axis.binned = true;
    const double low = distinct.front(), width = (distinct.back() - low) / static_cast<double>(bins);
    for (std::size_t b = 0; b < bins; ++b) axis.ticks.push_back(shown(low + (static_cast<double>(b) + 0.5) * width));
    for (const double c : coords) axis.cells.push_back(std::min(bins - 1, static_cast<std::size_t>((c - low) / width)));
    return axis;
}

}  // namespace

json contour_figure(const FigureStudy &study, const json &options) {
    const FigureOptions read(options, "contour", {"objective", "params", "max_points"});
    const std::size_t k = read.objective(study);
    auto params = read.params(study);
    if (!read.raw().contains("params") && params.size() > 2) params.resize(2);
    if (params.size() != 2) {
        fail(HPO_EINVAL, "figure 'contour' draws two parameters; " +
                             std::string(read.raw().contains("params") ? "option 'params' names " : "the study has ") +
                             std::to_string(params.size()));
    }
    const ParamInfo &px = *params[0], &py = *params[1];
    std::vector<const TrialPoint *> trials;
    for (const TrialPoint *trial : completed(study, k)) {
        if (trial->params.contains(px.name) && trial->params.contains(py.name)) trials.push_back(trial);
    }
    const GridAxis gx = grid_axis(px, trials), gy = grid_axis(py, trials);
    std::map<std::pair<std::size_t, std::size_t>, std::pair<double, int>> sums;  // (row, column) -> (sum, count)
    for (std::size_t i = 0; i < trials.size(); ++i) {
        auto &[sum, count] = sums[{gy.cells[i], gx.cells[i]}];
        sum += trials[i]->values[k];
        ++count;
    }
    json z = json::array();
    for (std::size_t row = 0; row < gy.ticks.size(); ++row) {
        json line = json::array();
        for (std::size_t column = 0; column < gx.ticks.size(); ++column) {
            const auto cell = sums.find({row, column});
            line.push_back(cell == sums.end() ? json(nullptr) : json(cell->second.first / cell->second.second));
        }
        z.push_back(std::move(line));
    }
    std::string note = gx.binned || gy.binned ? "values averaged in " + std::to_string(bins) + " bins per axis" : "";
    std::string sampled;
    json xs = json::array(), ys = json::array();
    for (const TrialPoint *trial : sample(trials, read.max_points(5000), sampled)) {
        xs.push_back(axis_value(px, trial->params.at(px.name)));
        ys.push_back(axis_value(py, trial->params.at(py.name)));
    }
    if (!sampled.empty()) note += (note.empty() ? "" : "; ") + sampled;
    const json data = json::array(
        {{{"type", "contour"}, {"name", objective_label(study, k)}, {"x", gx.ticks}, {"y", gy.ticks}, {"z", z},
          {"connectgaps", true}, {"colorscale", "Blues"}, {"reversescale", !study.maximize[k]},
          {"colorbar", {{"title", {{"text", objective_label(study, k)}}}}}},
         {{"type", "scatter"}, {"mode", "markers"}, {"name", "Trial"}, {"x", xs}, {"y", ys},
          {"marker", {{"color", "black"}, {"size", 4}}}, {"showlegend", false}}});
    const json layout = {{"xaxis", param_axis(px)}, {"yaxis", param_axis(py)}};
    return figure(data, layout, "Contour plot", note);
}

}  // namespace hpo::figures
