// Non-dominated sorting and crowding distance over loss vectors (every objective
// minimized), for the multi-objective split.
#pragma once

#include <cstddef>
#include <vector>

namespace hpo::tpe {

// losses holds n points of m objectives, row after row. Returns each point's front:
// 0 for the non-dominated points, 1 for those dominated only by front 0, and so on.
std::vector<int> non_domination_fronts(const std::vector<double> &losses, std::size_t m);

// Each point's crowding distance within its front (NSGA-II's: the sum over objectives of
// the normalized gap between its neighbours; infinite at a front's extremes).
std::vector<double> crowding_distances(const std::vector<double> &losses, std::size_t m,
                                       const std::vector<int> &fronts);

} // namespace hpo::tpe
