// NSGA-III's selection from the last front that fits only in part (Deb and Jain 2014): the
// objectives are normalized by the ideal point and the intercepts of the hyperplane through
// the extreme points, each point is associated with the nearest reference direction (the
// Das-Dennis points of the unit simplex), and the front's points are taken one by one for
// the direction that has the fewest members so far, keeping the population spread along the
// whole front where crowding distance thins out in three or more objectives.
#pragma once

#include <trial_streams.hpp>

#include <cstddef>
#include <cstdint>
#include <vector>

namespace hpo::nsga2 {

// The Das-Dennis points of the unit simplex in m dimensions with `divisions` parts per axis,
// row after row: C(divisions + m - 1, m - 1) points whose coordinates are multiples of
// 1 / divisions summing to 1.
std::vector<double> das_dennis_points(std::size_t m, int divisions);

// The fewest divisions whose points number at least `population`.
int divisions_for(std::size_t m, int64_t population);

// losses: n points of m objectives, row after row (every objective minimized). `chosen` are
// points already kept (whole fronts), `front` the last front's points; returns `count` of
// the front's, in the order NSGA-III's niching takes them, ties broken by rng.
std::vector<std::size_t> niche_select(const std::vector<double> &losses, std::size_t m,
                                      const std::vector<std::size_t> &chosen,
                                      const std::vector<std::size_t> &front, std::size_t count,
                                      const std::vector<double> &references,
                                      samplers::RandomStream &rng);

} // namespace hpo::nsga2
