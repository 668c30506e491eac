// A multilayer perceptron for binary classification: hidden layers with ReLU or tanh and
// inverted dropout, one logit out, trained on the mean binary cross-entropy.
#pragma once

#include "linear_algebra.hpp"

#include <hpo_kit/random_stream.hpp>

#include <vector>

namespace hpo::mlp {

enum class Activation { relu, tanh };

class Network {
public:
    // Weights drawn from `random` (He-uniform for ReLU, Glorot-uniform for tanh and for the
    // output layer), biases zero.
    Network(Eigen::Index n_inputs, const std::vector<int> &hidden_units, Activation activation,
            double dropout, plugin_kit::RandomStream &random);

    // Parameter blocks, in the order [W_1, b_1, ..., W_out, b_out]; biases are 1 x n.
    [[nodiscard]] std::vector<Matrix> &parameters() { return parameters_; }
    [[nodiscard]] static bool is_bias(size_t block) { return block % 2 == 1; }

    // The logits of a batch of examples (rows), without dropout.
    [[nodiscard]] Vector logits(const Matrix &inputs) const;

    // One training pass over a batch with dropout drawn from `random`: fills `gradients`
    // (same blocks as parameters()) with the mean cross-entropy's gradient; returns the loss.
    double backpropagate(const Matrix &inputs, const Vector &labels,
                         plugin_kit::RandomStream &random, std::vector<Matrix> &gradients) const;

private:
    [[nodiscard]] size_t n_hidden() const { return parameters_.size() / 2 - 1; }
    [[nodiscard]] Matrix activate(const Matrix &pre_activation) const;
    // The activation's derivative, from its output.
    [[nodiscard]] Matrix derivative(const Matrix &activated) const;

    Activation activation_;
    double dropout_;
    std::vector<Matrix> parameters_;
};

// Mean binary cross-entropy of logits against 0/1 labels, computed stably for any logit.
[[nodiscard]] double cross_entropy(const Vector &logits, const Vector &labels);

} // namespace hpo::mlp
