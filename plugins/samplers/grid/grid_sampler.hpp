// The `grid` sampler: every configuration of a declared space once, in a seeded shuffle,
// skipping those any trial (running ones included) already holds; HPO_DONE when none is left.
// Not thread-safe: it caches the grid of the last subspace it saw.
#pragma once

#include "grid_space.hpp"

#include <hpo/plugin.h>
#include <hpo_kit/plugin_library.hpp>

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>

namespace hpo::grid {

class GridSampler {
public:
    static constexpr plugin_kit::About about{
        "grid",
        "Exhaustive search over a declared space, each configuration once, in a seeded order",
        R"json({
  "values": {"type": "object", "default": {}, "description": "parameter name -> the values to try (required for a float without step; overrides any parameter's values)"},
  "shuffle": {"type": "boolean", "default": true, "description": "visit the grid in a seeded random order rather than in order"},
  "max_points": {"type": "integer", "default": 1000000, "minimum": 1, "description": "refuse a grid larger than this"}
})json",
        0};

    GridSampler(const plugin_kit::Options &options, const plugin_kit::Host &host);

    // The next point no other trial holds; false when the grid is exhausted.
    bool sample_relative(const hpo_study_view &study, int64_t trial_index,
                         std::span<const int32_t> subspace, std::span<double> out);
    // Everything the grid covers comes from sample_relative; a parameter asked for on its own
    // was not declared, and a grid cannot enumerate what it does not know in advance: throws.
    double sample_independent(const hpo_study_view &study, int64_t trial_index,
                              int32_t param_index) const;

private:
    const Grid &grid_for(const hpo_study_view &study, std::span<const int32_t> subspace);

    ValueOverrides values_;
    bool shuffle_;
    std::size_t max_points_;
    plugin_kit::Host host_;
    std::optional<Grid> grid_;
};

} // namespace hpo::grid
