#include "evaluator.hpp"

#include "../error.hpp"
#include "../trial_record.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>

namespace hpo::importance {
namespace {

const char *const where = "param importances: ";

[[noreturn]] void bad(const std::string &field, const std::string &what) {
    fail(HPO_EINVAL, std::string(where) + "\"" + field + "\" " + what);
}

int64_t integer_field(const json &value, const std::string &field, int64_t min, int64_t max) {
    if (!value.is_number_integer()) bad(field, "must be an integer, not " + value.dump());
    const bool is_unsigned = value.is_number_unsigned();
    if (is_unsigned && value.get<uint64_t>() > static_cast<uint64_t>(max)) {
        bad(field, "must be at most " + std::to_string(max) + ", not " + value.dump());
    }
    const auto v = is_unsigned ? static_cast<int64_t>(value.get<uint64_t>()) : value.get<int64_t>();
    if (v < min) bad(field, "must be at least " + std::to_string(min) + ", not " + value.dump());
    if (v > max) bad(field, "must be at most " + std::to_string(max) + ", not " + value.dump());
    return v;
}

// Every parameter we fit: its column in the study's trials and how it is encoded.
struct Column {
    std::size_t param = 0;  // index in the space
    bool fitted = true;     // false: a single-valued distribution, importance 0
};

Feature make_feature(const Param &param, bool has_inactive) {
    Feature feature;
    feature.has_inactive = has_inactive;
    if (param.kind == HPO_PARAM_CATEGORICAL) {
        feature.categorical = true;
        feature.n_categories = static_cast<int32_t>(param.choices.size()) + (has_inactive ? 1 : 0);
        feature.low = 0;
        feature.high = feature.n_categories;
        return feature;
    }
    const double low = param.log ? std::log(param.low) : param.low;
    const double high = param.log ? std::log(param.high) : param.high;
    feature.active_low = low;
    feature.low = has_inactive ? low - (high - low) : low;
    feature.high = high;
    return feature;
}

double encode(const Param &param, const Feature &feature, double internal) {
    if (std::isnan(internal)) return feature.categorical ? feature.n_categories - 1 : feature.low;
    if (feature.categorical) return internal;
    const double v = param.log ? std::log(internal) : internal;
    return std::clamp(v, feature.active_low, feature.high);
}

bool single_valued(const Param &param) {
    if (param.kind == HPO_PARAM_CATEGORICAL) return param.choices.size() <= 1;
    return !(param.high > param.low);
}

}  // namespace

Request Request::from_json(const json &options) {
    Request request;
    if (options.is_null()) return request;
    if (!options.is_object()) fail(HPO_EINVAL, std::string(where) + "options must be a JSON object, not " + options.dump());
    for (const auto &[key, value] : options.items()) {
        if (key == "params") {
            if (!value.is_array()) bad(key, "must be an array of parameter names");
            std::vector<std::string> names;
            for (const auto &name : value) {
                if (!name.is_string()) bad(key, "must be an array of parameter names, not " + value.dump());
                const auto text = name.get<std::string>();
                if (std::find(names.begin(), names.end(), text) != names.end()) bad(key, "names \"" + text + "\" twice");
                names.push_back(text);
            }
            request.params = std::move(names);
        } else if (key == "trials") {
            if (!value.is_array()) bad(key, "must be an array of trial numbers");
            std::set<int64_t> numbers;
            for (const auto &n : value) numbers.insert(integer_field(n, key, 0, std::numeric_limits<int64_t>::max()));
            request.trials = std::move(numbers);
        } else if (key == "states") {
            if (!value.is_array() || value.empty()) bad(key, "must be a non-empty array of trial states");
            request.states.clear();
            for (const auto &s : value) {
                bool known = false;
                for (const auto state : {HPO_TRIAL_WAITING, HPO_TRIAL_RUNNING, HPO_TRIAL_COMPLETE, HPO_TRIAL_PRUNED,
                                         HPO_TRIAL_FAIL}) {
                    if (s.is_string() && s.get<std::string>() == trial_state_name(state)) {
                        request.states.insert(state);
                        known = true;
                    }
                }
                if (!known) bad(key, "has " + s.dump() + ", not one of COMPLETE, PRUNED, FAIL, RUNNING, WAITING");
            }
        } else if (key == "objective") {
            if (!value.is_null()) request.objective = static_cast<int32_t>(integer_field(value, key, 0, 1 << 20));
        } else if (key == "values") {
            if (!value.is_object()) bad(key, "must be an object of trial number -> target value");
            std::map<int64_t, double> targets;
            for (const auto &[number, target] : value.items()) {
                std::size_t used = 0;
                int64_t n = -1;
                try {
                    n = std::stoll(number, &used);
                } catch (const std::exception &) {
                    used = 0;
                }
                if (used != number.size() || n < 0) bad(key, "has the key \"" + number + "\", not a trial number");
                if (!target.is_number() && !target.is_string() && !target.is_null()) {
                    bad(key, "has " + target.dump() + " for trial " + number + ", not a number");
                }
                double v = std::numeric_limits<double>::quiet_NaN();
                try {
                    v = target.is_null() ? v : decode_number(target);
                } catch (const std::exception &) {
                    bad(key, "has " + target.dump() + " for trial " + number + ", not a number");
                }
                targets[n] = v;
            }
            request.values = std::move(targets);
        } else if (key == "seed") {
            if (!value.is_number_integer() || (value.is_number_integer() && !value.is_number_unsigned() && value.get<int64_t>() < 0)) {
                bad(key, "must be an integer >= 0, not " + value.dump());
            }
            request.seed = value.is_number_unsigned() ? value.get<uint64_t>() : static_cast<uint64_t>(value.get<int64_t>());
        } else if (key == "n_trees") {
            request.forest.n_trees = static_cast<int32_t>(integer_field(value, key, 1, 100000));
        } else if (key == "max_depth") {
            request.forest.tree.max_depth = static_cast<int32_t>(integer_field(value, key, 1, 100000));
        } else if (key == "min_samples_split") {
            request.forest.tree.min_samples_split = static_cast<int32_t>(integer_field(value, key, 2, 1 << 30));
        } else if (key == "min_samples_leaf") {
            request.forest.tree.min_samples_leaf = static_cast<int32_t>(integer_field(value, key, 1, 1 << 30));
        } else if (key == "max_features") {
            if (value.is_number_integer()) {
                request.forest.tree.max_features = static_cast<int32_t>(integer_field(value, key, 1, 1 << 20));
            } else if (value.is_number() && value.get<double>() > 0 && value.get<double>() <= 1) {
                request.max_features_share = value.get<double>();
            } else {
                bad(key, "must be a count (an integer >= 1) or a fraction in (0, 1], not " + value.dump());
            }
        } else if (key == "bootstrap") {
            if (!value.is_boolean()) bad(key, "must be true or false, not " + value.dump());
            request.forest.tree.bootstrap = value.get<bool>();
        } else if (key == "normalize") {
            if (!value.is_boolean()) bad(key, "must be true or false, not " + value.dump());
            request.normalize = value.get<bool>();
        } else {
            fail(HPO_EINVAL, std::string(where) + "unknown option \"" + key +
                                 "\" (known: params, trials, states, objective, values, seed, n_trees, max_depth, "
                                 "min_samples_split, min_samples_leaf, max_features, bootstrap, normalize)");
        }
    }
    if (request.values && request.objective) bad("values", "and \"objective\" cannot both be given");
    return request;
}

bool Request::selects(int64_t number, hpo_trial_state state) const {
    if (trials && trials->count(number) == 0) return false;
    if (values && values->count(number) == 0) return false;
    return states.count(state) != 0;
}

json evaluate(const Request &request, const Space &space, const std::vector<int32_t> &directions,
              const std::vector<TrialData> &trials, std::size_t n_trials, uint64_t study_seed) {
    if (request.trials) {
        for (const int64_t number : *request.trials) {
            if (number >= static_cast<int64_t>(n_trials)) {
                bad("trials", "has " + std::to_string(number) + ", but the study has " + std::to_string(n_trials) +
                                  " trial(s)");
            }
        }
    }
    if (request.objective && static_cast<std::size_t>(*request.objective) >= directions.size()) {
        bad("objective", "is " + std::to_string(*request.objective) + ", but the study has " +
                             std::to_string(directions.size()) + " objective(s)");
    }
    // The parameters: named ones must exist; by default every one active in some trial.
    std::vector<std::size_t> chosen;
    if (request.params) {
        for (const std::string &name : *request.params) {
            const int index = space.index_of(name);
            if (index < 0) {
                std::string known;
                for (std::size_t i = 0; i < space.size(); ++i) known += (i ? ", " : "") + space[i].name;
                bad("params", "names an unknown parameter \"" + name + "\" (the study has: " + known + ")");
            }
            chosen.push_back(static_cast<std::size_t>(index));
        }
    } else {
        for (std::size_t i = 0; i < space.size(); ++i) {
            const bool seen = std::any_of(trials.begin(), trials.end(), [&](const TrialData &t) {
                return i < t.params.size() && !std::isnan(t.params[i]);
            });
            if (seen) chosen.push_back(i);
        }
    }
    const uint64_t seed = request.seed.value_or(study_seed);

    json out = json::object();
    out["method"] = "fanova";
    out["n_trees"] = request.forest.n_trees;
    out["max_depth"] = request.forest.tree.max_depth;
    out["seed"] = seed;
    out["normalized"] = request.normalize;
    json names = json::array();
    for (const std::size_t p : chosen) names.push_back(space[p].name);
    out["params"] = names;
    out["objectives"] = json::array();

    // One entry per target: the study's objectives (or the one asked), or the values given.
    std::vector<std::optional<std::size_t>> targets;
    if (request.values) {
        targets.emplace_back(std::nullopt);
    } else if (request.objective) {
        targets.emplace_back(static_cast<std::size_t>(*request.objective));
    } else {
        for (std::size_t k = 0; k < directions.size(); ++k) targets.emplace_back(k);
    }
    for (const auto &target : targets) {
        // The trials with a finite target value.
        std::vector<const TrialData *> rows;
        std::vector<double> y;
        for (const TrialData &trial : trials) {
            double v = std::numeric_limits<double>::quiet_NaN();
            if (target) {
                if (*target < trial.values.size()) v = trial.values[*target];
            } else {
                const auto found = request.values->find(trial.number);
                if (found != request.values->end()) v = found->second;
            }
            if (!std::isfinite(v)) continue;
            rows.push_back(&trial);
            y.push_back(v);
        }
        const std::string what = target ? "objective " + std::to_string(*target) : std::string("the values given");
        if (rows.size() < 2) {
            fail(HPO_EINVAL, std::string(where) + "needs at least 2 trials with a finite value for " + what + "; " +
                                 std::to_string(rows.size()) + " of the selected trials ha" +
                                 (rows.size() == 1 ? "s" : "ve") + " one (states, trials and values select them)");
        }
        // Features: the chosen parameters that can vary.
        std::vector<std::size_t> fitted;
        Dataset data;
        for (const std::size_t p : chosen) {
            if (single_valued(space[p])) continue;
            bool inactive = false;
            for (const TrialData *row : rows) inactive = inactive || p >= row->params.size() || std::isnan(row->params[p]);
            fitted.push_back(p);
            data.features.push_back(make_feature(space[p], inactive));
        }
        data.x.resize(static_cast<Eigen::Index>(rows.size()), static_cast<Eigen::Index>(fitted.size()));
        data.y = Eigen::Map<const Eigen::VectorXd>(y.data(), static_cast<Eigen::Index>(y.size()));
        for (std::size_t f = 0; f < fitted.size(); ++f) {
            const std::size_t p = fitted[f];
            for (std::size_t r = 0; r < rows.size(); ++r) {
                const double internal = p < rows[r]->params.size() ? rows[r]->params[p] : std::nan("");
                data.x(static_cast<Eigen::Index>(r), static_cast<Eigen::Index>(f)) = encode(space[p], data.features[f], internal);
            }
        }
        ForestOptions forest = request.forest;
        forest.seed = seed;
        if (request.max_features_share > 0) {
            const double count = std::ceil(request.max_features_share * static_cast<double>(fitted.size()) - 1e-9);
            forest.tree.max_features = std::max<int32_t>(1, static_cast<int32_t>(count));
        }
        ForestImportances result;
        if (!fitted.empty()) result = fanova_importances(data, forest);

        std::vector<double> mean(chosen.size(), 0.0), spread(chosen.size(), 0.0);
        for (std::size_t f = 0; f < fitted.size(); ++f) {
            const auto at = static_cast<std::size_t>(std::find(chosen.begin(), chosen.end(), fitted[f]) - chosen.begin());
            mean[at] = result.features[f].mean;
            spread[at] = result.features[f].std;
        }
        if (request.normalize && !chosen.empty()) {
            const double total = std::accumulate(mean.begin(), mean.end(), 0.0);
            for (std::size_t i = 0; i < chosen.size(); ++i) {
                if (total > 0) {
                    mean[i] /= total;
                    spread[i] /= total;
                } else {
                    mean[i] = 1.0 / static_cast<double>(chosen.size());
                }
            }
        }
        std::vector<std::size_t> order(chosen.size());
        std::iota(order.begin(), order.end(), 0);
        std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return mean[a] > mean[b]; });

        json entry = json::object();
        if (target) {
            entry["objective"] = *target;
            entry["direction"] = directions[*target] == HPO_MAXIMIZE ? "maximize" : "minimize";
        } else {
            entry["objective"] = nullptr;
            entry["target"] = "values";
        }
        entry["n_trials"] = rows.size();
        entry["n_trees_used"] = result.n_trees_used;
        json importances = json::array();
        for (const std::size_t i : order) {
            importances.push_back({{"param", space[chosen[i]].name}, {"importance", mean[i]}, {"std", spread[i]}});
        }
        entry["importances"] = std::move(importances);
        out["objectives"].push_back(std::move(entry));
    }
    return out;
}

}  // namespace hpo::importance
