// Empirical distribution function: the share of completed trials whose value is at most x
// (Optuna's plot_edf), as a step line over the sorted values.
#include "figure_parts.hpp"
#include "figures.hpp"

#include <algorithm>

namespace hpo::figures {

json edf_figure(const FigureStudy &study, const json &options) {
    const FigureOptions read(options, "edf", {"objective", "max_points"});
    const std::size_t k = read.objective(study);
    std::vector<double> values;
    for (const TrialPoint *trial : completed(study, k)) values.push_back(trial->values[k]);
    std::sort(values.begin(), values.end());
    // Thinning the sorted values keeps the function exact at every point drawn.
    const std::size_t max = read.max_points(2000);
    const std::size_t n = values.size();
    const std::size_t shown = std::min(n, max);
    json xs = json::array(), ys = json::array();
    for (std::size_t i = 0; i < shown; ++i) {
        const std::size_t at = shown == n ? i : (i + 1) * n / shown - 1;
        xs.push_back(values[at]);
        ys.push_back(static_cast<double>(at + 1) / static_cast<double>(n));
    }
    const std::string note = shown < n ? "drawn at " + std::to_string(shown) + " of " + std::to_string(n) + " values" : "";
    const json data = json::array({{{"type", "scatter"}, {"mode", "lines"}, {"name", study.name}, {"x", xs}, {"y", ys},
                                    {"line", {{"shape", "hv"}}}}});
    const json layout = {{"xaxis", {{"title", {{"text", objective_label(study, k)}}}}},
                         {"yaxis", {{"title", {{"text", "Cumulative probability"}}}, {"range", {0, 1.02}}}}};
    return figure(data, layout, "Empirical distribution function", note);
}

}  // namespace hpo::figures
