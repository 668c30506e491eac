#include "network.hpp"

#include <cmath>

namespace hpo::mlp {
namespace {

Matrix uniform_matrix(Eigen::Index rows, Eigen::Index cols, double limit,
                      plugin_kit::RandomStream &random) {
    Matrix matrix(rows, cols);
    for (Eigen::Index j = 0; j < cols; ++j) {
        for (Eigen::Index i = 0; i < rows; ++i) {
            matrix(i, j) = static_cast<Scalar>(random.uniform(-limit, limit));
        }
    }
    return matrix;
}

// log(1 + e^z) without overflow.
double softplus(double z) { return std::max(z, 0.0) + std::log1p(std::exp(-std::abs(z))); }

Scalar sigmoid(Scalar z) {
    return z >= 0 ? 1 / (1 + std::exp(-z)) : std::exp(z) / (1 + std::exp(z));
}

} // namespace

Network::Network(Eigen::Index n_inputs, const std::vector<int> &hidden_units,
                 Activation activation, double dropout, plugin_kit::RandomStream &random)
    : activation_(activation), dropout_(dropout) {
    Eigen::Index fan_in = n_inputs;
    for (const int units : hidden_units) {
        const double limit = activation == Activation::relu
                                 ? std::sqrt(6.0 / static_cast<double>(fan_in))
                                 : std::sqrt(6.0 / static_cast<double>(fan_in + units));
        parameters_.push_back(uniform_matrix(fan_in, units, limit, random));
        parameters_.push_back(Matrix::Zero(1, units));
        fan_in = units;
    }
    parameters_.push_back(
        uniform_matrix(fan_in, 1, std::sqrt(6.0 / static_cast<double>(fan_in + 1)), random));
    parameters_.push_back(Matrix::Zero(1, 1));
}

Matrix Network::activate(const Matrix &pre_activation) const {
    if (activation_ == Activation::relu) return pre_activation.cwiseMax(Scalar{0});
    return pre_activation.array().tanh().matrix();
}

Matrix Network::derivative(const Matrix &activated) const {
    if (activation_ == Activation::relu) return (activated.array() > 0).cast<Scalar>().matrix();
    return (Scalar{1} - activated.array().square()).matrix();
}

Vector Network::logits(const Matrix &inputs) const {
    Matrix hidden = inputs;
    for (size_t layer = 0; layer < n_hidden(); ++layer) {
        hidden = activate((hidden * parameters_[2 * layer]).rowwise() +
                          parameters_[2 * layer + 1].row(0));
    }
    return (hidden * parameters_[parameters_.size() - 2]).array() + parameters_.back()(0, 0);
}

double Network::backpropagate(const Matrix &inputs, const Vector &labels,
                              plugin_kit::RandomStream &random,
                              std::vector<Matrix> &gradients) const {
    // Forward, keeping each layer's output (after dropout) and its activation's derivative.
    std::vector<Matrix> outputs{inputs};
    std::vector<Matrix> derivatives;
    const double keep = 1.0 - dropout_;
    const auto kept_scale = static_cast<Scalar>(1.0 / keep);
    for (size_t layer = 0; layer < n_hidden(); ++layer) {
        Matrix hidden = activate((outputs.back() * parameters_[2 * layer]).rowwise() +
                                          parameters_[2 * layer + 1].row(0));
        Matrix slope = derivative(hidden);
        if (dropout_ > 0) {
            // Inverted dropout: kept units are scaled by 1 / keep, so inference needs nothing.
            for (Eigen::Index j = 0; j < hidden.cols(); ++j) {
                for (Eigen::Index i = 0; i < hidden.rows(); ++i) {
                    const Scalar mask = random.uniform() < keep ? kept_scale : Scalar{0};
                    hidden(i, j) *= mask;
                    slope(i, j) *= mask;
                }
            }
        }
        outputs.push_back(std::move(hidden));
        derivatives.push_back(std::move(slope));
    }
    const Vector z =
        (outputs.back() * parameters_[parameters_.size() - 2]).array() + parameters_.back()(0, 0);

    // Backward: d(mean loss)/dz = (sigmoid(z) - y) / n.
    const auto n = static_cast<Scalar>(inputs.rows());
    Matrix delta = (z.unaryExpr(&sigmoid) - labels) / n;
    gradients.resize(parameters_.size());
    for (size_t block = parameters_.size(); block >= 2; block -= 2) {
        const size_t layer = block / 2 - 1;
        gradients[block - 2] = outputs[layer].transpose() * delta;
        gradients[block - 1] = delta.colwise().sum();
        if (layer == 0) break;
        delta = (delta * parameters_[block - 2].transpose()).cwiseProduct(derivatives[layer - 1]);
    }
    return cross_entropy(z, labels);
}

double cross_entropy(const Vector &logits, const Vector &labels) {
    double total = 0;
    for (Eigen::Index i = 0; i < logits.size(); ++i) {
        const double z = logits(i);
        total += softplus(z) - labels(i) * z;
    }
    return total / static_cast<double>(logits.size());
}

} // namespace hpo::mlp
