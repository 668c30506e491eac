// The study page that `hpo report` writes and `hpo dashboard` serves: one page for both, its
// charts the figures of hpo_study_figure_json, its script and style built into `hpo`.
#pragma once

#include <hpo/hpo.hpp>

#include <nlohmann/json.hpp>

#include <string>

namespace hpo::cli {

// What the page draws of a study: {"study": info, "figures": [{"kind", "title", "wide",
// "figure" | "error"}], "trials": [...], "generated", "hpo_version"}. A figure the study
// cannot have (a contour of one parameter) carries the engine's reason instead.
nlohmann::ordered_json study_page_data(const Study &study);

// Text to put inside a <script> element: "</script" written "<\/script", which a JSON or
// JavaScript string reads the same, so that nothing in it ends the element early.
std::string script_safe(std::string text);

// A whole HTML page: plotly.js and the page's script and style inlined, then `body`
// (elements and scripts that draw into the element #page).
std::string page_html(const std::string &title, const std::string &plotly_js, const std::string &body);

}  // namespace hpo::cli
