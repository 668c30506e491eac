#include "study_page.hpp"

#include <chrono>
#include <cstdio>
#include <ctime>
#include <strings.h>

namespace hpo::cli {
namespace assets {
extern const char *const page_js;
extern const char *const page_css;
}  // namespace assets

namespace {

using nlohmann::ordered_json;

// One chart of the page; a figure the engine refuses for this study says why in its place.
ordered_json figure_entry(const Study &study, const std::string &kind, const std::string &title,
                          const ordered_json &options, bool wide) {
    ordered_json entry = {{"kind", kind}, {"title", title}, {"wide", wide}};
    try {
        entry["figure"] = ordered_json::parse(study.figure_json(kind, options.empty() ? "" : options.dump()));
    } catch (const Error &error) {
        if (error.status() != HPO_EINVAL) throw;
        entry["error"] = error.what();
    }
    return entry;
}

std::string now_utc() {
    const std::time_t now = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
    std::tm utc{};
    gmtime_r(&now, &utc);
    char text[32];
    std::strftime(text, sizeof text, "%Y-%m-%d %H:%M:%S UTC", &utc);
    return text;
}

}  // namespace

ordered_json study_page_data(const Study &study) {
    const ordered_json info = ordered_json::parse(study.info_json());
    const std::size_t n_objectives = info.at("directions").size();
    const auto of = [&](const std::string &title, std::size_t k) {
        return n_objectives == 1 ? title : title + ", objective " + std::to_string(k);
    };
    ordered_json figures = ordered_json::array();
    for (std::size_t k = 0; k < n_objectives; ++k) {
        figures.push_back(figure_entry(study, "history", of("Optimization history", k), {{"objective", k}}, false));
    }
    if (n_objectives > 1) figures.push_back(figure_entry(study, "pareto", "Pareto front", {}, false));
    figures.push_back(figure_entry(study, "importances", "Parameter importances", {}, false));
    figures.push_back(figure_entry(study, "slice", of("Slice plot", 0), {}, true));
    figures.push_back(figure_entry(study, "contour", of("Contour plot", 0), {}, false));
    figures.push_back(figure_entry(study, "parallel", of("Parallel coordinates", 0), {}, false));
    figures.push_back(figure_entry(study, "intermediate", "Intermediate values", {}, false));
    for (std::size_t k = 0; k < n_objectives; ++k) {
        figures.push_back(figure_entry(study, "edf", of("Empirical distribution function", k), {{"objective", k}}, false));
    }
    figures.push_back(figure_entry(study, "timeline", "Timeline", {}, true));
    return {{"study", info},
            {"figures", std::move(figures)},
            {"trials", ordered_json::parse(study.trials_json())},
            {"generated", now_utc()},
            {"hpo_version", hpo_version()}};
}

std::string script_safe(std::string text) {
    for (std::size_t at = text.find("</"); at != std::string::npos; at = text.find("</", at + 2)) {
        const std::string next = text.substr(at + 2, 6);
        if (strncasecmp(next.c_str(), "script", 6) == 0) text.insert(at + 1, "\\");
    }
    return text;
}

std::string page_html(const std::string &title, const std::string &plotly_js, const std::string &body) {
    std::string html = "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>";
    html += title;
    html += "</title>\n<style>\n";
    html += assets::page_css;
    html += "</style>\n<script>\n";
    html += script_safe(plotly_js);
    html += "\n</script>\n<script>\n";
    html += assets::page_js;
    html += "</script>\n</head>\n<body>\n<div id=\"page\"></div>\n";
    html += body;
    html += "</body>\n</html>\n";
    return html;
}

}  // namespace hpo::cli
