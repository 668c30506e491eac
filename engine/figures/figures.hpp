// The one definition of what each plot of a study shows, as plotly figure JSON ({"data":
// traces, "layout": ...}): the HTML report and the dashboard inline it, Python wraps it in
// plotly.graph_objects.Figure. Each kind lives in a file of its own.
#pragma once

#include "figure_study.hpp"

#include <string>
#include <vector>

namespace hpo::figures {

// The kinds, in the order a report shows them.
const std::vector<std::string> &figure_kinds();
// The figure of that kind; an unknown kind, a bad option, or a kind the study cannot have
// (a Pareto front of one objective) is HPO_EINVAL saying which.
json make_figure(const std::string &kind, const FigureStudy &study, const json &options);

// The kinds one by one (options as make_figure's).
json history_figure(const FigureStudy &study, const json &options);
json slice_figure(const FigureStudy &study, const json &options);
json contour_figure(const FigureStudy &study, const json &options);
json parallel_figure(const FigureStudy &study, const json &options);
json intermediate_figure(const FigureStudy &study, const json &options);
json pareto_figure(const FigureStudy &study, const json &options);
json edf_figure(const FigureStudy &study, const json &options);
json timeline_figure(const FigureStudy &study, const json &options);
// Options: those of hpo_study_param_importances, passed on.
json importances_figure(const FigureStudy &study, const json &options);

}  // namespace hpo::figures
