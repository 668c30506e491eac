// The training data: features and 0/1 labels, split into training and validation sets.
#pragma once

#include "linear_algebra.hpp"

#include <cstdint>

namespace hpo::mlp {

struct Dataset {
    Matrix features; // one row per example
    Vector labels;   // 0 or 1

    [[nodiscard]] Eigen::Index size() const { return features.rows(); }
};

struct Split {
    Dataset train;
    Dataset validation;
};

// The embedded breast-cancer table as a data set.
[[nodiscard]] Dataset breast_cancer();

// A stratified split: each class keeps its share in both parts (validation_fraction of each
// class, rounded), examples drawn by a shuffle seeded with `seed`. The features are then
// standardized with the training part's mean and standard deviation alone, so nothing of
// the validation set leaks into training.
[[nodiscard]] Split stratified_split(const Dataset &data, double validation_fraction,
                                     uint64_t seed);

} // namespace hpo::mlp
