#include "grid_space.hpp"

#include <param_domain.hpp>

#include <hpo_kit/study_view.hpp>

#include <algorithm>
#include <cmath>
#include <stdexcept>

namespace hpo::grid {

namespace {

using samplers::ParamDomain;

std::string quoted(const hpo_param_info &param) { return std::string("'") + param.name + "'"; }

// An override value as an internal double, refused unless it lies in the parameter's domain.
double internal_value(const hpo_param_info &param, const ParamDomain &domain,
                      const nlohmann::json &value) {
    const std::string where = "option \"values\" of " + quoted(param) + ": " + value.dump();
    if (domain.categorical()) {
        for (int32_t i = 0; i < param.n_choices; ++i)
            if (nlohmann::json::parse(param.choices_json[i]) == value) return i;
        throw std::invalid_argument(where + " is not one of its choices");
    }
    if (!value.is_number()) throw std::invalid_argument(where + " is not a number");
    const double v = value.get<double>();
    if (v < domain.low() || v > domain.high())
        throw std::invalid_argument(where + " is outside [" + std::to_string(domain.low()) + ", " +
                                    std::to_string(domain.high()) + "]");
    if (domain.discrete() && !domain.on_grid(v))
        throw std::invalid_argument(where + " is not on its step grid (low + k * " +
                                    std::to_string(domain.step()) + ")");
    return v;
}

}  // namespace

int32_t Axis::index_of(double value) const {
    for (std::size_t i = 0; i < values.size(); ++i)
        if (samplers::nearly_equal(values[i], value)) return static_cast<int32_t>(i);
    return -1;
}

Axis make_axis(const hpo_param_info &param, const ValueOverrides &overrides) {
    const ParamDomain domain(param);
    Axis axis;
    if (const auto found = overrides.find(param.name); found != overrides.end()) {
        for (const auto &value : found->second) {
            const double v = internal_value(param, domain, value);
            if (axis.index_of(v) < 0) axis.values.push_back(v);
        }
        return axis;
    }
    if (domain.categorical()) {
        for (int32_t i = 0; i < domain.n_choices(); ++i) axis.values.push_back(i);
        return axis;
    }
    if (!domain.discrete())
        throw std::invalid_argument(
            "parameter " + quoted(param) + " is a float without step, so its grid values are unknown: "
            "give it a step, or list them in the option \"values\": {\"" + param.name + "\": [...]}");
    axis.values = domain.points();
    return axis;
}

namespace {

class Enumeration {
public:
    Enumeration(const hpo_study_view &study, std::span<const int32_t> subspace,
                const std::vector<Axis> &axes, std::size_t max_points)
        : study_(study), subspace_(subspace), axes_(axes), max_points_(max_points),
          current_(subspace.size(), -1) {
        points_.width = subspace.size();
    }

    Points run() {
        extend(0);
        return std::move(points_);
    }

private:
    // Position of parameter `index` in the subspace, -1 when absent.
    int32_t position_of(int32_t index) const {
        const auto found = std::find(subspace_.begin(), subspace_.end(), index);
        return found == subspace_.end() ? -1 : static_cast<int32_t>(found - subspace_.begin());
    }

    bool active(std::size_t position) const {
        const hpo_param_info &param = plugin_kit::param_at(study_, subspace_[position]);
        const int32_t parent = param.parent < 0 ? -1 : position_of(param.parent);
        if (parent < 0) return true;
        if (current_[parent] < 0) return false;
        const double value = axes_[parent].values[current_[parent]];
        return std::find(param.parent_values, param.parent_values + param.n_parent_values, value) !=
               param.parent_values + param.n_parent_values;
    }

    void extend(std::size_t position) {
        if (position == subspace_.size()) {
            if (points_.size() == max_points_)
                throw std::invalid_argument("the grid has more than " + std::to_string(max_points_) +
                                            " points (option \"max_points\"): coarsen the space or "
                                            "raise max_points");
            points_.indices.insert(points_.indices.end(), current_.begin(), current_.end());
            return;
        }
        if (!active(position)) {
            current_[position] = -1;
            extend(position + 1);
            return;
        }
        const auto n = static_cast<int32_t>(axes_[position].values.size());
        for (int32_t k = 0; k < n; ++k) {
            current_[position] = k;
            extend(position + 1);
        }
    }

    const hpo_study_view &study_;
    std::span<const int32_t> subspace_;
    const std::vector<Axis> &axes_;
    std::size_t max_points_;
    std::vector<int32_t> current_;
    Points points_;
};

}  // namespace

Points enumerate_points(const hpo_study_view &study, std::span<const int32_t> subspace,
                        const std::vector<Axis> &axes, std::size_t max_points) {
    return Enumeration(study, subspace, axes, max_points).run();
}

namespace {

// A point's axis positions as a hash key.
std::string key_of(const int32_t *indices, std::size_t width) {
    return {reinterpret_cast<const char *>(indices), width * sizeof(int32_t)};
}

} // namespace

std::string signature(const hpo_study_view &study, std::span<const int32_t> subspace) {
    nlohmann::json shape = nlohmann::json::array();
    for (int32_t index : subspace) {
        const hpo_param_info &p = plugin_kit::param_at(study, index);
        nlohmann::json choices = nlohmann::json::array();
        for (int32_t i = 0; i < p.n_choices; ++i) choices.push_back(p.choices_json[i]);
        const std::vector<double> parent_values(p.parent_values,
                                                p.parent_values + p.n_parent_values);
        shape.push_back(
            {index, p.name, p.kind, p.low, p.high, p.step, p.parent, choices, parent_values});
    }
    return shape.dump();
}

std::optional<std::size_t> Grid::point_of(const hpo_study_view &study,
                                          const hpo_trial_view &trial) const {
    if (trial.params == nullptr) return std::nullopt;
    const std::span<const double> values = plugin_kit::params_of(study, trial);
    std::vector<int32_t> indices(subspace.size());
    for (std::size_t j = 0; j < subspace.size(); ++j) {
        const double value = values[static_cast<std::size_t>(subspace[j])];
        indices[j] = std::isnan(value) ? -1 : axes[j].index_of(value);
        if (!std::isnan(value) && indices[j] < 0) return std::nullopt;
    }
    const auto found = index_of_key.find(key_of(indices.data(), indices.size()));
    if (found == index_of_key.end()) return std::nullopt;
    return found->second;
}

Grid build_grid(const hpo_study_view &study, std::span<const int32_t> subspace,
                const ValueOverrides &overrides, std::size_t max_points) {
    Grid grid;
    grid.subspace.assign(subspace.begin(), subspace.end());
    for (int32_t index : subspace)
        grid.axes.push_back(make_axis(plugin_kit::param_at(study, index), overrides));
    grid.points = enumerate_points(study, subspace, grid.axes, max_points);
    for (std::size_t i = 0; i < grid.points.size(); ++i) {
        grid.order.push_back(i);
        grid.index_of_key.emplace(key_of(grid.points.at(i), grid.points.width), i);
    }
    return grid;
}

}  // namespace hpo::grid
