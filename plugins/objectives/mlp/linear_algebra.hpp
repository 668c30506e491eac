// The matrix types of training: single precision, as deep-learning frameworks train, which
// doubles the SIMD width over double; losses are still summed in double.
#pragma once

#include <Eigen/Dense>

namespace hpo::mlp {

using Scalar = float;
using Matrix = Eigen::Matrix<Scalar, Eigen::Dynamic, Eigen::Dynamic>;
using Vector = Eigen::Matrix<Scalar, Eigen::Dynamic, 1>;
using RowVector = Eigen::Matrix<Scalar, 1, Eigen::Dynamic>;

} // namespace hpo::mlp
