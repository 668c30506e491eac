// The grid itself: each parameter's values (its axis) and the distinct active configurations
// they make, children of an unmet condition collapsing to a single "inactive" value.
#pragma once

#include <hpo/plugin.h>

#include <nlohmann/json.hpp>

#include <cstdint>
#include <map>
#include <optional>
#include <span>
#include <string>
#include <unordered_map>
#include <vector>

namespace hpo::grid {

// The "values" option: parameter name -> the values it takes, as the user writes them
// (a categorical's choices, not their indices).
using ValueOverrides = std::map<std::string, nlohmann::json>;

// One parameter's values as internal doubles, in the order they are given or stepped.
struct Axis {
    std::vector<double> values;
    // The position of `value` (to the samplers' kGridTolerance), -1 when it is not on the axis.
    int32_t index_of(double value) const;
};

// The axis of a categorical (every choice), an int or a stepped float (every step from low to
// high), or the parameter's override. Throws std::invalid_argument naming the parameter for a
// float without step and without override, or an override value outside the domain.
Axis make_axis(const hpo_param_info &param, const ValueOverrides &overrides);

// Grid points over a subspace, stored flat: point i is indices[i * width .. (i + 1) * width),
// one axis position per subspace entry (width >= 1), -1 where that parameter is inactive.
struct Points {
    std::size_t width = 1;
    std::vector<int32_t> indices;
    std::size_t size() const { return indices.size() / width; }
    const int32_t *at(std::size_t i) const { return indices.data() + i * width; }
};

// Enumerates every distinct active configuration of the subspace. A parameter whose parent is
// in the subspace takes its axis only where the parent's value meets its condition; a parent
// outside the subspace is not known here, so the child always takes its axis. Throws
// std::invalid_argument when there are more than max_points.
Points enumerate_points(const hpo_study_view &study, std::span<const int32_t> subspace,
                        const std::vector<Axis> &axes, std::size_t max_points);

// What the grid of a subspace depends on (the parameters' names, kinds, bounds, steps, choices
// and conditions): when any of it changes, the grid is built again.
std::string signature(const hpo_study_view &study, std::span<const int32_t> subspace);

// The grid of one subspace, with the order its points are handed out in.
struct Grid {
    std::string signature;
    std::vector<int32_t> subspace;
    std::vector<Axis> axes;
    Points points;
    std::vector<std::size_t> order; // indices into points
    std::unordered_map<std::string, std::size_t> index_of_key;

    // The point a trial holds on this subspace, or none when any of its values is off the grid.
    std::optional<std::size_t> point_of(const hpo_study_view &study,
                                        const hpo_trial_view &trial) const;
};

// The grid of the subspace's axes (make_axis), its points in enumeration order.
Grid build_grid(const hpo_study_view &study, std::span<const int32_t> subspace,
                const ValueOverrides &overrides, std::size_t max_points);

}  // namespace hpo::grid
