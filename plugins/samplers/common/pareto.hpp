// Non-dominated sorting and crowding distance over loss vectors (every objective minimized),
// plain or under Deb's constrained domination: what a multi-objective split (TPE) or
// selection (NSGA-II) ranks points by.
#pragma once

#include <cstddef>
#include <span>
#include <vector>

namespace hpo::samplers {

// Whether loss vector a dominates b: no worse in any objective, better in one.
bool dominates(std::span<const double> a, std::span<const double> b);

// Deb's constrained domination, each point with its constraint violation (0: feasible): a
// feasible point dominates an infeasible one, of two infeasible ones the smaller violation
// dominates, and of two feasible ones plain domination decides.
bool constrained_dominates(std::span<const double> a, double a_violation,
                           std::span<const double> b, double b_violation);

// losses holds n points of m objectives, row after row; violations is empty (plain
// domination) or holds one constraint violation per point (constrained domination). Returns
// each point's front: 0 for the non-dominated points, 1 for those dominated only by front 0,
// and so on.
std::vector<int> non_domination_fronts(const std::vector<double> &losses, std::size_t m,
                                       std::span<const double> violations = {});

// Each point's crowding distance within its front (NSGA-II's: the sum over objectives of
// the normalized gap between its neighbours; infinite at a front's extremes).
std::vector<double> crowding_distances(const std::vector<double> &losses, std::size_t m,
                                       const std::vector<int> &fronts);

} // namespace hpo::samplers
