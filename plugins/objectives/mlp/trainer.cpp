#include "trainer.hpp"

#include <hpo_kit/random_stream.hpp>

#include <algorithm>
#include <numeric>

namespace hpo::mlp {
namespace {

enum Stream : uint64_t { initial_weights = 1, batches = 2 };

} // namespace

Trainer::Trainer(const Split &split, const TrainConfig &config, uint64_t seed)
    : split_(split), batch_size_(config.batch_size),
      init_random_(plugin_kit::stream_key({seed, initial_weights})),
      batch_random_(plugin_kit::stream_key({seed, batches})),
      network_(split.train.features.cols(), config.hidden_units, config.activation,
               config.dropout, init_random_),
      optimizer_(config.optimizer, config.learning_rate, config.weight_decay),
      order_(static_cast<size_t>(split.train.size())) {
    std::iota(order_.begin(), order_.end(), Eigen::Index{0});
}

double Trainer::train_epoch() {
    for (size_t i = order_.size(); i > 1; --i) {
        std::swap(order_[i - 1], order_[batch_random_.below(i)]);
    }
    const Dataset &train = split_.train;
    double loss_sum = 0;
    int n_batches = 0;
    for (size_t start = 0; start < order_.size(); start += static_cast<size_t>(batch_size_)) {
        const size_t end = std::min(order_.size(), start + static_cast<size_t>(batch_size_));
        const auto n = static_cast<Eigen::Index>(end - start);
        Matrix inputs(n, train.features.cols());
        Vector labels(n);
        for (Eigen::Index row = 0; row < n; ++row) {
            const Eigen::Index example = order_[start + static_cast<size_t>(row)];
            inputs.row(row) = train.features.row(example);
            labels(row) = train.labels(example);
        }
        loss_sum += network_.backpropagate(inputs, labels, batch_random_, gradients_);
        optimizer_.step(network_.parameters(), gradients_, &Network::is_bias);
        ++n_batches;
    }
    return loss_sum / n_batches;
}

Evaluation Trainer::evaluate_validation() const {
    const Dataset &validation = split_.validation;
    const Vector logits = network_.logits(validation.features);
    const auto wrong = ((logits.array() >= 0).cast<Scalar>() != validation.labels.array()).count();
    return {cross_entropy(logits, validation.labels),
            static_cast<double>(wrong) / static_cast<double>(validation.size())};
}

} // namespace hpo::mlp
