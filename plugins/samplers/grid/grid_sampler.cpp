#include "grid_sampler.hpp"

#include <hpo_kit/random_stream.hpp>
#include <hpo_kit/study_view.hpp>

#include <cmath>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

namespace hpo::grid {

namespace {

// What the schema cannot say about "values": each parameter's list is a non-empty array.
ValueOverrides value_overrides(const plugin_kit::Options &options) {
    ValueOverrides values;
    for (const auto &[param, list] : options.object("values").items()) {
        if (!list.is_array() || list.empty())
            throw plugin_kit::InvalidOption("option \"values\" of '" + param +
                                            "' must be a non-empty array");
        values[param] = list;
    }
    return values;
}

} // namespace

GridSampler::GridSampler(const plugin_kit::Options &options, const plugin_kit::Host &host)
    : values_(value_overrides(options)), shuffle_(options.boolean("shuffle")),
      max_points_(static_cast<std::size_t>(options.integer("max_points"))), host_(host) {}

bool GridSampler::sample_relative(const hpo_study_view &study, int64_t trial_index,
                                  std::span<const int32_t> subspace, std::span<double> out) {
    if (subspace.empty()) return true;
    const Grid &grid = grid_for(study, subspace);
    std::vector<bool> taken(grid.points.size(), false);
    for (int64_t t = 0; t < study.n_trials; ++t)
        if (t != trial_index)
            if (const auto point = grid.point_of(study, plugin_kit::trial_at(study, t)))
                taken[*point] = true;
    for (std::size_t point : grid.order) {
        if (taken[point]) continue;
        const int32_t *indices = grid.points.at(point);
        for (std::size_t j = 0; j < subspace.size(); ++j)
            out[j] = indices[j] < 0 ? std::nan("") : grid.axes[j].values[indices[j]];
        return true;
    }
    host_.error("grid of " + std::to_string(grid.points.size()) + " points exhausted");
    return false;
}

double GridSampler::sample_independent(const hpo_study_view &study, int64_t,
                                       int32_t param_index) const {
    const std::string name = plugin_kit::param_at(study, param_index).name;
    throw std::invalid_argument("parameter '" + name +
                                "' is not in the grid: the grid sampler needs a declared space "
                                "(declare '" + name + "' in the study's space)");
}

const Grid &GridSampler::grid_for(const hpo_study_view &study, std::span<const int32_t> subspace) {
    std::string shape = signature(study, subspace);
    if (grid_ && grid_->signature == shape) return *grid_;
    grid_.reset();
    Grid grid = build_grid(study, subspace, values_, max_points_);
    grid.signature = std::move(shape);
    if (shuffle_) {
        // Fisher-Yates: the same seed gives the same order on every platform.
        plugin_kit::RandomStream stream(host_.seed());
        for (std::size_t i = grid.order.size(); i > 1; --i)
            std::swap(grid.order[i - 1], grid.order[stream.below(i)]);
    }
    grid_ = std::move(grid);
    return *grid_;
}

} // namespace hpo::grid
