#include "optimizer.hpp"

#include <cmath>

namespace hpo::mlp {

Optimizer::Optimizer(OptimizerKind kind, double learning_rate, double weight_decay)
    : kind_(kind), learning_rate_(learning_rate), weight_decay_(weight_decay) {}

void Optimizer::step(std::vector<Matrix> &parameters,
                     std::vector<Matrix> &gradients, bool (*is_bias)(size_t block)) {
    if (first_moment_.empty()) {
        for (const Matrix &block : parameters) {
            first_moment_.push_back(Matrix::Zero(block.rows(), block.cols()));
            if (kind_ == OptimizerKind::adam) {
                second_moment_.push_back(Matrix::Zero(block.rows(), block.cols()));
            }
        }
    }
    ++steps_;
    // Adam's bias corrections for moments that started at zero.
    const auto correction1 = static_cast<Scalar>(1 - std::pow(beta1, static_cast<double>(steps_)));
    const auto correction2 = static_cast<Scalar>(1 - std::pow(beta2, static_cast<double>(steps_)));
    const auto rate = static_cast<Scalar>(learning_rate_);
    const auto decay = static_cast<Scalar>(weight_decay_);
    for (size_t block = 0; block < parameters.size(); ++block) {
        Matrix &gradient = gradients[block];
        if (!is_bias(block)) gradient += decay * parameters[block];
        Matrix &m = first_moment_[block];
        if (kind_ == OptimizerKind::sgd) {
            m = Scalar{momentum} * m + gradient;
            parameters[block] -= rate * m;
            continue;
        }
        Matrix &v = second_moment_[block];
        m = Scalar{beta1} * m + Scalar{1 - beta1} * gradient;
        v = Scalar{beta2} * v + Scalar{1 - beta2} * gradient.cwiseAbs2();
        parameters[block].array() -=
            rate * (m.array() / correction1) / ((v.array() / correction2).sqrt() + Scalar{epsilon});
    }
}

} // namespace hpo::mlp
