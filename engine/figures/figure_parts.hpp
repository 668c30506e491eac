// The pieces the figures share: their options, which trials they draw and how many, how a
// parameter or an objective becomes a plotly axis.
#pragma once

#include "figure_study.hpp"

#include <initializer_list>
#include <string>
#include <vector>

namespace hpo::figures {

// A figure's options: a JSON object whose keys must be among those the figure reads, so a
// misspelt one is refused by name rather than ignored.
class FigureOptions {
public:
    FigureOptions(const json &options, const std::string &kind, std::initializer_list<const char *> known);

    // "objective": which objective to draw (default 0), checked against the study's.
    std::size_t objective(const FigureStudy &study) const;
    // "params": the parameters to draw, checked against the study's (default: all of them).
    std::vector<const ParamInfo *> params(const FigureStudy &study) const;
    // "max_points": at most how many trials the figure draws one by one before sampling.
    std::size_t max_points(std::size_t fallback) const;
    const json &raw() const { return options_; }
    const std::string &kind() const { return kind_; }

private:
    json options_;
    std::string kind_;
};

// Trials whose value of `objective` can be drawn: COMPLETE ones with a finite value.
std::vector<const TrialPoint *> completed(const FigureStudy &study, std::size_t objective);

// At most `max` of `trials`, evenly spread over them in order; `note` says what was left out
// ("showing 2000 of 10000 trials, evenly sampled") and is left alone when nothing was.
std::vector<const TrialPoint *> sample(const std::vector<const TrialPoint *> &trials, std::size_t max,
                                       std::string &note);

// "Objective value", or "Objective 1 (minimize)" for one of several.
std::string objective_label(const FigureStudy &study, std::size_t objective);

// A parameter's value as plotly draws it on its axis: the number, or a categorical's label.
json axis_value(const ParamInfo &param, const json &value);
// The axis of a parameter: its title, log or category type (with every choice in order).
json param_axis(const ParamInfo &param);

// {"data": data, "layout": layout} with the title (and the note, on a line of its own, when
// the figure had to leave trials out).
json figure(json data, json layout, const std::string &title, const std::string &note);

}  // namespace hpo::figures
