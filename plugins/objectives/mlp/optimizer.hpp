// First-order optimizers over a network's parameter blocks: SGD with momentum, and Adam
// (Kingma & Ba 2015). Weight decay is an L2 penalty on weights (never biases), added to the
// gradient as in torch.optim's weight_decay.
#pragma once

#include "linear_algebra.hpp"

#include <vector>

namespace hpo::mlp {

enum class OptimizerKind { sgd, adam };

class Optimizer {
public:
    Optimizer(OptimizerKind kind, double learning_rate, double weight_decay);

    // One step: parameters -= update(gradients). is_bias(block) exempts a block from decay.
    void step(std::vector<Matrix> &parameters, std::vector<Matrix> &gradients,
              bool (*is_bias)(size_t block));

    static constexpr Scalar momentum = 0.9F;
    static constexpr Scalar beta1 = 0.9F;
    static constexpr Scalar beta2 = 0.999F;
    static constexpr Scalar epsilon = 1e-8F;

private:
    OptimizerKind kind_;
    double learning_rate_;
    double weight_decay_;
    long steps_ = 0;
    std::vector<Matrix> first_moment_;  // SGD's velocity, Adam's m
    std::vector<Matrix> second_moment_; // Adam's v
};

} // namespace hpo::mlp
