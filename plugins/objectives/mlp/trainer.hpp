// Mini-batch training of a Network on a Split, one epoch at a time.
#pragma once

#include "dataset.hpp"
#include "network.hpp"
#include "optimizer.hpp"

#include <hpo_kit/random_stream.hpp>

#include <cstdint>
#include <vector>

namespace hpo::mlp {

struct TrainConfig {
    std::vector<int> hidden_units{32};
    Activation activation = Activation::relu;
    double learning_rate = 1e-3;
    int batch_size = 32;
    double dropout = 0;
    double weight_decay = 0;
    OptimizerKind optimizer = OptimizerKind::adam;
};

struct Evaluation {
    double loss;  // mean binary cross-entropy
    double error; // fraction misclassified at threshold 0.5
};

class Trainer {
public:
    // Everything random (initial weights, batch order, dropout) comes from streams derived
    // from `seed`: the same seed trains the same network.
    Trainer(const Split &split, const TrainConfig &config, uint64_t seed);

    // One pass over the training set in a fresh random order; returns its mean batch loss.
    double train_epoch();
    [[nodiscard]] Evaluation evaluate_validation() const;

private:
    const Split &split_;
    int batch_size_;
    plugin_kit::RandomStream init_random_;
    plugin_kit::RandomStream batch_random_;
    Network network_;
    Optimizer optimizer_;
    std::vector<Eigen::Index> order_;
    std::vector<Matrix> gradients_;
};

} // namespace hpo::mlp
