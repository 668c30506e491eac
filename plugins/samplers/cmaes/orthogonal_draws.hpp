// The standard normal draws of one generation's samples, drawn jointly: in blocks of n
// mutually orthogonal vectors, each with an independent chi-distributed length (orthogonal
// sampling, Wang, Emmerich and Baeck 2014). Each vector alone is still N(0, I), so CMA-ES's
// updates are unchanged in expectation, but a generation's samples no longer crowd into one
// direction by chance: with a population of about n, one generation explores every axis of
// the distribution once.
//
// A trial takes the draw of its offset in the generation (its number minus the number of the
// trial that opened the generation): numbers are unique, so two workers never share a draw,
// and any number of trials can join a generation (the offset's block is drawn when needed).
#pragma once

#include <Eigen/Core>

#include <cstdint>
#include <vector>

namespace hpo::cmaes {

// Vector `offset` (>= 0) of the generation whose draws come from `key`, in n >= 1 dimensions.
Eigen::VectorXd orthogonal_draw(uint64_t key, Eigen::Index n, int64_t offset);
// Vectors 0 .. count - 1 of that generation, each block drawn and factored once.
std::vector<Eigen::VectorXd> orthogonal_draws(uint64_t key, Eigen::Index n, int64_t count);

} // namespace hpo::cmaes
