#include "grid_sampler.hpp"

#include "grid_space.hpp"

#include <hpo_kit/options.hpp>
#include <hpo_kit/plugin_kit.hpp>
#include <hpo_kit/random_stream.hpp>

#include <cmath>
#include <optional>
#include <stdexcept>
#include <string>
#include <unordered_map>
#include <utility>

namespace hpo::grid {

namespace {

const char *const options_schema = R"json({
  "values": {"type": "object", "default": {}, "description": "parameter name -> the values to try (required for a float without step; overrides any parameter's values)"},
  "shuffle": {"type": "boolean", "default": true, "description": "visit the grid in a seeded random order rather than in order"},
  "max_points": {"type": "integer", "default": 1000000, "minimum": 1, "description": "refuse a grid larger than this"}
})json";

struct Options {
    ValueOverrides values;
    bool shuffle;
    std::size_t max_points;
};

// What the schema cannot say about "values": each parameter's list is a non-empty array.
Options parse_options(const char *options_json) {
    const plugin_kit::Options given(options_schema, options_json);
    Options options{{}, given.boolean("shuffle"),
                    static_cast<std::size_t>(given.integer("max_points"))};
    for (const auto &[param, list] : given.object("values").items()) {
        if (!list.is_array() || list.empty())
            throw plugin_kit::InvalidOption("option \"values\" of '" + param + "' must be a non-empty array");
        options.values[param] = list;
    }
    return options;
}

// What the grid of a subspace depends on: when any of it changes, the grid is built again.
std::string signature(const hpo_study_view &study, const std::vector<int32_t> &subspace) {
    nlohmann::json shape = nlohmann::json::array();
    for (int32_t index : subspace) {
        const hpo_param_info &p = study.params[index];
        nlohmann::json choices = nlohmann::json::array();
        for (int32_t i = 0; i < p.n_choices; ++i) choices.push_back(p.choices_json[i]);
        shape.push_back({index, p.name, p.kind, p.low, p.high, p.step, p.parent, choices,
                         std::vector<double>(p.parent_values, p.parent_values + p.n_parent_values)});
    }
    return shape.dump();
}

std::string key_of(const int32_t *indices, std::size_t width) {
    return {reinterpret_cast<const char *>(indices), width * sizeof(int32_t)};
}

// The grid of one subspace, in the order points are handed out.
struct Grid {
    std::string signature;
    std::vector<int32_t> subspace;
    std::vector<Axis> axes;
    Points points;
    std::vector<std::size_t> order;
    std::unordered_map<std::string, std::size_t> index_of_key;

    // The point a trial holds on this subspace, or none when any of its values is off the grid.
    std::optional<std::size_t> point_of(const hpo_trial_view &trial) const {
        if (!trial.params) return std::nullopt;
        std::vector<int32_t> indices(subspace.size());
        for (std::size_t j = 0; j < subspace.size(); ++j) {
            const double value = trial.params[subspace[j]];
            indices[j] = std::isnan(value) ? -1 : axes[j].index_of(value);
            if (!std::isnan(value) && indices[j] < 0) return std::nullopt;
        }
        const auto found = index_of_key.find(key_of(indices.data(), indices.size()));
        if (found == index_of_key.end()) return std::nullopt;
        return found->second;
    }
};

class GridSampler {
public:
    GridSampler(Options options, const hpo_host *host) : options_(std::move(options)), host_(host) {}

    const hpo_host *host() const { return host_; }

    int32_t sample_relative(const hpo_study_view &study, int64_t trial_index,
                            const std::vector<int32_t> &subspace, double *out_values) {
        if (subspace.empty()) return HPO_OK;
        const Grid &grid = grid_for(study, subspace);
        std::vector<bool> taken(grid.points.size(), false);
        for (int64_t t = 0; t < study.n_trials; ++t)
            if (t != trial_index)
                if (const auto point = grid.point_of(study.trials[t])) taken[*point] = true;
        for (std::size_t point : grid.order) {
            if (taken[point]) continue;
            const int32_t *indices = grid.points.at(point);
            for (std::size_t j = 0; j < subspace.size(); ++j)
                out_values[j] = indices[j] < 0 ? std::nan("") : grid.axes[j].values[indices[j]];
            return HPO_OK;
        }
        plugin_kit::report_error(
            host_, ("grid of " + std::to_string(grid.points.size()) + " points exhausted").c_str());
        return HPO_DONE;
    }

private:
    const Grid &grid_for(const hpo_study_view &study, const std::vector<int32_t> &subspace) {
        std::string shape = signature(study, subspace);
        if (grid_ && grid_->signature == shape) return *grid_;
        grid_.reset();
        Grid grid{std::move(shape), subspace, {}, {}, {}, {}};
        for (int32_t index : subspace) grid.axes.push_back(make_axis(study.params[index], options_.values));
        grid.points = enumerate_points(study, subspace, grid.axes, options_.max_points);
        for (std::size_t i = 0; i < grid.points.size(); ++i) {
            grid.order.push_back(i);
            grid.index_of_key.emplace(key_of(grid.points.at(i), grid.points.width), i);
        }
        if (options_.shuffle) {
            // Fisher-Yates: the same seed gives the same order on every platform.
            plugin_kit::RandomStream stream(host_->seed);
            for (std::size_t i = grid.order.size(); i > 1; --i)
                std::swap(grid.order[i - 1], grid.order[stream.below(i)]);
        }
        grid_ = std::move(grid);
        return *grid_;
    }

    Options options_;
    const hpo_host *host_;
    std::optional<Grid> grid_;
};

using plugin_kit::guarded;

int32_t create(const char *options_json, const hpo_host *host, void **out_self) {
    return guarded(host, [&] {
        *out_self = new GridSampler(parse_options(options_json), host);
        return HPO_OK;
    });
}

void destroy(void *self) { delete static_cast<GridSampler *>(self); }

int32_t sample_relative(void *self, const hpo_study_view *study, int64_t trial_index,
                        const int32_t *subspace, int32_t n_subspace, double *out_values) {
    auto &sampler = *static_cast<GridSampler *>(self);
    return guarded(sampler.host(), [&] {
        return sampler.sample_relative(*study, trial_index,
                                       std::vector<int32_t>(subspace, subspace + n_subspace), out_values);
    });
}

// Everything the grid covers comes from sample_relative; a parameter asked for on its own was
// not declared, and a grid cannot enumerate what it does not know in advance.
int32_t sample_independent(void *self, const hpo_study_view *study, int64_t, int32_t param_index,
                           double *) {
    const auto &sampler = *static_cast<GridSampler *>(self);
    return guarded(sampler.host(), [&]() -> int32_t {
        const std::string name = param_index >= 0 && param_index < study->n_params
                                     ? std::string(study->params[param_index].name)
                                     : std::to_string(param_index);
        throw std::invalid_argument("parameter '" + name + "' is not in the grid: the grid sampler needs a "
                                    "declared space (declare '" + name + "' in the study's space)");
    });
}

const hpo_sampler_ops ops = {
    sizeof(hpo_sampler_ops), create, destroy, sample_relative, sample_independent, nullptr, nullptr, nullptr,
};

}  // namespace

const hpo_plugin_info &plugin_info() {
    static const hpo_plugin_info info = {
        sizeof(hpo_plugin_info),
        HPO_PLUGIN_SAMPLER,
        "grid",
        "Exhaustive search over a declared space, each configuration once, in a seeded order",
        0,
        options_schema,
        &ops,
    };
    return info;
}

}  // namespace hpo::grid
