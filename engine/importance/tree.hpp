// A regression tree (CART, squared error) fitted on a bootstrap sample of a Dataset, with a
// random subset of the features tried at each node. Numbers split at a threshold (x <= t goes
// left), categoricals by a subset of their categories (Breiman's ordering by mean value:
// the best subset split for squared error).
#pragma once

#include "dataset.hpp"

#include <cstdint>
#include <vector>

namespace hpo::importance {

struct TreeOptions {
    int32_t max_depth = 64;
    int32_t min_samples_split = 2;  // distinct samples a node needs to be split
    int32_t min_samples_leaf = 1;   // distinct samples each child keeps
    int32_t max_features = 0;       // features tried at a node; 0: every one
    bool bootstrap = true;
};

struct Node {
    int32_t feature = -1;        // -1: a leaf
    int32_t left = -1, right = -1;
    double threshold = 0;        // numbers: x <= threshold goes left
    int32_t categories = -1;     // categoricals: offset in Tree::masks (n_categories bytes; 1: left)
    double value = 0;            // the mean of the node's samples
};

class Tree {
public:
    // Deterministic for a seed.
    static Tree fit(const Dataset &data, const TreeOptions &options, uint64_t seed);

    const std::vector<Node> &nodes() const { return nodes_; }
    // Whether category c goes left at a categorical node.
    bool goes_left(const Node &node, int32_t c) const {
        return masks_[static_cast<std::size_t>(node.categories + c)] != 0;
    }
    double predict(const double *row, std::size_t stride) const;

private:
    friend class TreeBuilder;
    std::vector<Node> nodes_;
    std::vector<uint8_t> masks_;
};

}  // namespace hpo::importance
