// The hypervolume indicator of a set of points (every objective minimized): the volume of the
// region they dominate, bounded by a reference point. Exact in two and three objectives: a
// sweep along the first objective in two; in three, a sweep along the third that adds, slab
// by slab, the two-dimensional hypervolume of the points seen so far.
#pragma once

#include <vector>

namespace hpo::bench {

// Points that do not strictly dominate the reference contribute nothing. Throws
// std::invalid_argument for other than 2 or 3 objectives or points of another size.
double hypervolume(const std::vector<std::vector<double>> &points,
                   const std::vector<double> &reference);

} // namespace hpo::bench
