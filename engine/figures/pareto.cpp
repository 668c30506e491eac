// The Pareto front of a study of several objectives: completed trials in two (or three)
// objectives' space, the engine's own front (its constrained domination, the one
// hpo_study_best_trials_json gives) in red over the dominated trials, coloured by number.
#include "figure_parts.hpp"
#include "figures.hpp"

#include "error.hpp"

#include <cmath>

namespace hpo::figures {
namespace {

// "objectives": two or three indices; by default every objective when there are at most
// three, else the first two.
std::vector<std::size_t> chosen_objectives(const FigureStudy &study, const FigureOptions &read) {
    std::vector<std::size_t> chosen;
    if (!read.raw().contains("objectives")) {
        for (std::size_t k = 0; k < (study.n_objectives() <= 3 ? study.n_objectives() : 2); ++k) chosen.push_back(k);
        return chosen;
    }
    const json &given = read.raw().at("objectives");
    if (!given.is_array() || given.size() < 2 || given.size() > 3) {
        fail(HPO_EINVAL, "figure 'pareto': option 'objectives' must list two or three objective indices");
    }
    for (const auto &k : given) {
        if (!k.is_number_integer() || k.get<int64_t>() < 0 || k.get<std::size_t>() >= study.n_objectives()) {
            fail(HPO_EINVAL, "figure 'pareto': option 'objectives' holds " + k.dump() + ", not an index below " +
                                 std::to_string(study.n_objectives()));
        }
        chosen.push_back(k.get<std::size_t>());
    }
    return chosen;
}

}  // namespace

json pareto_figure(const FigureStudy &study, const json &options) {
    const FigureOptions read(options, "pareto", {"objectives", "max_points"});
    if (study.n_objectives() < 2) {
        fail(HPO_EINVAL, "figure 'pareto' needs a study of several objectives; '" + study.name + "' has one");
    }
    const auto objectives = chosen_objectives(study, read);
    std::vector<const TrialPoint *> front, rest;
    for (const TrialPoint *trial : completed(study, objectives[0])) {
        bool drawable = true;
        for (const std::size_t k : objectives) drawable = drawable && k < trial->values.size() && !std::isnan(trial->values[k]);
        if (drawable) (study.front.count(trial->number) ? front : rest).push_back(trial);
    }
    std::string note;
    rest = sample(rest, read.max_points(5000), note);  // the front is always drawn whole
    const bool three = objectives.size() == 3;
    const auto trace = [&](const std::vector<const TrialPoint *> &trials, const std::string &name, json marker) {
        const char *axes[] = {"x", "y", "z"};
        json out = {{"type", three ? "scatter3d" : "scatter"}, {"mode", "markers"}, {"name", name}};
        json numbers = json::array();
        for (std::size_t a = 0; a < objectives.size(); ++a) {
            json values = json::array();
            for (const TrialPoint *trial : trials) values.push_back(trial->values[objectives[a]]);
            out[axes[a]] = std::move(values);
        }
        for (const TrialPoint *trial : trials) numbers.push_back(trial->number);
        if (marker.is_null()) marker = {{"color", numbers}, {"colorscale", "Blues"}, {"colorbar", {{"title", {{"text", "Trial"}}}}}};
        out["marker"] = std::move(marker);
        out["text"] = numbers;
        out["hovertemplate"] = "trial %{text}<extra></extra>";
        return out;
    };
    const json data = json::array({trace(rest, "Trial", nullptr), trace(front, "Best trial", {{"color", "#d62728"}, {"size", 9}})});
    json layout;
    if (three) {
        layout["scene"] = {{"xaxis", {{"title", {{"text", objective_label(study, objectives[0])}}}}},
                           {"yaxis", {{"title", {{"text", objective_label(study, objectives[1])}}}}},
                           {"zaxis", {{"title", {{"text", objective_label(study, objectives[2])}}}}}};
    } else {
        layout["xaxis"] = {{"title", {{"text", objective_label(study, objectives[0])}}}};
        layout["yaxis"] = {{"title", {{"text", objective_label(study, objectives[1])}}}};
    }
    layout["legend"] = {{"orientation", "h"}, {"y", -0.2}};
    return figure(data, std::move(layout), "Pareto front", note);
}

}  // namespace hpo::figures
