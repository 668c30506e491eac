#include "figure_parts.hpp"

#include "error.hpp"

#include <algorithm>
#include <cmath>

namespace hpo::figures {

FigureOptions::FigureOptions(const json &options, const std::string &kind, std::initializer_list<const char *> known)
    : options_(options.is_null() ? json::object() : options), kind_(kind) {
    if (!options_.is_object()) fail(HPO_EINVAL, "figure '" + kind + "': options must be a JSON object");
    for (const auto &item : options_.items()) {
        const std::string &key = item.key();  // a name, not a binding: clang 15 captures no bindings
        if (std::find_if(known.begin(), known.end(), [&](const char *k) { return key == k; }) != known.end()) continue;
        std::string names;
        for (const char *k : known) names += (names.empty() ? "" : ", ") + std::string(k);
        fail(HPO_EINVAL, "figure '" + kind + "': unknown option '" + key + "' (it reads: " +
                             (names.empty() ? "none" : names) + ")");
    }
}

std::size_t FigureOptions::objective(const FigureStudy &study) const {
    const json value = options_.value("objective", json(0));
    if (!value.is_number_integer() || value.get<int64_t>() < 0 ||
        value.get<std::size_t>() >= study.n_objectives()) {
        fail(HPO_EINVAL, "figure '" + kind_ + "': option 'objective' must be an index below " +
                             std::to_string(study.n_objectives()) + " (the study's objectives), got " + value.dump());
    }
    return value.get<std::size_t>();
}

std::vector<const ParamInfo *> FigureOptions::params(const FigureStudy &study) const {
    std::vector<const ParamInfo *> chosen;
    if (!options_.contains("params")) {
        for (const auto &param : study.params) chosen.push_back(&param);
        return chosen;
    }
    const json &names = options_.at("params");
    if (!names.is_array()) fail(HPO_EINVAL, "figure '" + kind_ + "': option 'params' must be an array of names");
    for (const auto &name : names) {
        if (!name.is_string()) fail(HPO_EINVAL, "figure '" + kind_ + "': option 'params' holds " + name.dump() + ", not a name");
        chosen.push_back(&study.param(name.get<std::string>()));
    }
    return chosen;
}

std::size_t FigureOptions::max_points(std::size_t fallback) const {
    const json value = options_.value("max_points", json(fallback));
    if (!value.is_number_integer() || value.get<int64_t>() < 1) {
        fail(HPO_EINVAL, "figure '" + kind_ + "': option 'max_points' must be a whole number >= 1, got " + value.dump());
    }
    return value.get<std::size_t>();
}

std::vector<const TrialPoint *> completed(const FigureStudy &study, std::size_t objective) {
    std::vector<const TrialPoint *> out;
    for (const auto &trial : study.trials) {
        if (trial.state == "COMPLETE" && objective < trial.values.size() && !std::isnan(trial.values[objective])) {
            out.push_back(&trial);
        }
    }
    return out;
}

std::vector<const TrialPoint *> sample(const std::vector<const TrialPoint *> &trials, std::size_t max,
                                       std::string &note) {
    if (trials.size() <= max) return trials;
    std::vector<const TrialPoint *> kept;
    kept.reserve(max);
    for (std::size_t i = 0; i < max; ++i) kept.push_back(trials[i * trials.size() / max]);
    note = "showing " + std::to_string(max) + " of " + std::to_string(trials.size()) + " trials, evenly sampled";
    return kept;
}

std::string objective_label(const FigureStudy &study, std::size_t objective) {
    if (study.n_objectives() == 1) return "Objective value";
    return "Objective " + std::to_string(objective) + (study.maximize[objective] ? " (maximize)" : " (minimize)");
}

json axis_value(const ParamInfo &param, const json &value) {
    if (!param.categorical) return value;
    return value.is_string() ? value : json(value.dump());
}

json param_axis(const ParamInfo &param) {
    json axis = {{"title", {{"text", param.name}}}};
    if (param.categorical) {
        axis["type"] = "category";
        axis["categoryorder"] = "array";
        axis["categoryarray"] = param.choices;
    } else if (param.log) {
        axis["type"] = "log";
    }
    return axis;
}

json figure(json data, json layout, const std::string &title, const std::string &note) {
    layout["title"] = {{"text", note.empty() ? title : title + "<br><sub>" + note + "</sub>"}};
    return {{"data", std::move(data)}, {"layout", std::move(layout)}};
}

}  // namespace hpo::figures
