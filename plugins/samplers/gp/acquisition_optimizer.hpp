// Maximizing an acquisition over a mixed space:
// 1. score many starts at once: uniform random points and a randomly shifted Sobol sequence;
// 2. from the best few distinct starts, in parallel (oneTBB): L-BFGS-B over the active
//    continuous columns, then a local search over the discrete ones (an int one step up or
//    down, a categorical switched), moving to the best neighbour and refining again until no
//    neighbour improves;
// 3. the best result, chosen in start order so that it does not depend on thread timing.
#pragma once

#include "acquisition.hpp"

#include <space_encoding.hpp>

#include <Eigen/Core>

#include <cstdint>

namespace hpo::gp {

using samplers::SpaceEncoding;

struct OptimizerSettings {
    int n_random = 512;
    int n_sobol = 512;
    int n_refine = 5;
    int max_iterations = 50;  // L-BFGS-B iterations per refinement
    int max_moves = 20;       // discrete moves per refinement
};

struct AcquisitionMaximum {
    Eigen::VectorXd point;  // canonical
    double score;
};

AcquisitionMaximum maximize_acquisition(const AcquisitionSurface &surface,
                                        const SpaceEncoding &encoding,
                                        const OptimizerSettings &settings, uint64_t seed);

}  // namespace hpo::gp
