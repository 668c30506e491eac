#include "figures.hpp"

#include "error.hpp"

#include <utility>

namespace hpo::figures {
namespace {

using Maker = json (*)(const FigureStudy &, const json &);

const std::vector<std::pair<std::string, Maker>> &makers() {
    static const std::vector<std::pair<std::string, Maker>> table = {
        {"history", history_figure},   {"slice", slice_figure},   {"contour", contour_figure},
        {"parallel", parallel_figure}, {"intermediate", intermediate_figure},
        {"pareto", pareto_figure},     {"edf", edf_figure},       {"timeline", timeline_figure},
        {"importances", importances_figure}};
    return table;
}

}  // namespace

const std::vector<std::string> &figure_kinds() {
    static const std::vector<std::string> kinds = [] {
        std::vector<std::string> names;
        for (const auto &entry : makers()) names.push_back(entry.first);
        return names;
    }();
    return kinds;
}

json make_figure(const std::string &kind, const FigureStudy &study, const json &options) {
    for (const auto &[name, maker] : makers()) {
        if (name == kind) return maker(study, options);
    }
    std::string known;
    for (const auto &name : figure_kinds()) known += (known.empty() ? "" : ", ") + name;
    fail(HPO_EINVAL, "unknown figure '" + kind + "' (the figures are: " + known + ")");
}

}  // namespace hpo::figures
