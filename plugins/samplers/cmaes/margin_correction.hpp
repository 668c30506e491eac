// The margin of CMA-ES with Margin (Hamano, Saito, Nomura, Shirakawa, GECCO 2022), for one
// discrete coordinate: after each update the coordinate's mean and its diagonal scaling A are
// corrected, sigma and C kept, so that a sample leaves the grid cell holding the mean with
// probability at least alpha = 1 / (n lambda). Without it the step size of a coordinate whose
// samples all round to one value shrinks until the search freezes on that value.
#pragma once

#include <span>

namespace hpo::cmaes {

struct MarginedCoordinate {
    double mean;
    double scaling;  // A's diagonal entry: the coordinate's spread is scaling * sigma * sqrt(C_jj)
};

// The corrected mean and scaling of a coordinate whose cells have the increasing `edges`
// (the first 0, the last 1, at least one cell between), whose unscaled spread
// sigma * sqrt(C_jj) is `spread` (> 0), for the bound alpha in (0, 1/2).
// - An end cell has one edge to leave by: when the chance of crossing it is below alpha, the
//   mean moves towards it until the chance is alpha; the scaling is kept.
// - An inner cell has two: each side's chance is raised to at least alpha / 2, the mass added
//   taken from the three outcomes in proportion to what each holds above alpha / 2, and the
//   mean and scaling are those that give the two sides these chances. A coordinate whose
//   sides both keep alpha / 2 is left as it was.
MarginedCoordinate corrected_margin(std::span<const double> edges, MarginedCoordinate current, double spread,
                                    double alpha);

}  // namespace hpo::cmaes
