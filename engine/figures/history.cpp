// Optimization history: every completed trial's value by trial number, and the best value
// so far as a step line (skopt's plot_convergence, Optuna's plot_optimization_history).
#include "figure_parts.hpp"
#include "figures.hpp"

namespace hpo::figures {

json history_figure(const FigureStudy &study, const json &options) {
    const FigureOptions read(options, "history", {"objective", "max_points"});
    const std::size_t k = read.objective(study);
    const auto trials = completed(study, k);
    std::string note;
    json numbers = json::array(), values = json::array();
    for (const TrialPoint *trial : sample(trials, read.max_points(5000), note)) {
        numbers.push_back(trial->number);
        values.push_back(trial->values[k]);
    }
    // The best-so-far line over every trial, sampled or not: only its steps need drawing.
    json best_numbers = json::array(), best_values = json::array();
    for (const TrialPoint *trial : trials) {
        const double value = trial->values[k];
        const bool better = best_values.empty() ||
                            (study.maximize[k] ? value > best_values.back().get<double>() : value < best_values.back().get<double>());
        if (!better) continue;
        best_numbers.push_back(trial->number);
        best_values.push_back(value);
    }
    if (!trials.empty()) {  // the line runs on to the last trial
        best_numbers.push_back(trials.back()->number);
        best_values.push_back(best_values.back());
    }
    const json data = json::array(
        {{{"type", "scatter"}, {"mode", "markers"}, {"name", objective_label(study, k)}, {"x", numbers}, {"y", values}},
         {{"type", "scatter"}, {"mode", "lines"}, {"name", "Best value"}, {"x", best_numbers}, {"y", best_values},
          {"line", {{"shape", "hv"}}}}});
    const json layout = {{"xaxis", {{"title", {{"text", "Trial"}}}}},
                         {"yaxis", {{"title", {{"text", objective_label(study, k)}}}}}};
    return figure(data, layout, "Optimization history", note);
}

}  // namespace hpo::figures
