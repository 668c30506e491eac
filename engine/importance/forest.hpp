// fANOVA over a random forest: n_trees trees, each fitted on its own bootstrap with its own
// random stream (tree k's seed comes from the forest's seed and k alone, so the result is
// the same on any number of threads), fitted and decomposed in parallel.
#pragma once

#include "dataset.hpp"
#include "tree.hpp"

#include <cstdint>
#include <vector>

namespace hpo::importance {

struct ForestOptions {
    int32_t n_trees = 64;
    TreeOptions tree;
    uint64_t seed = 0;
};

struct FeatureImportance {
    double mean = 0;  // the feature's share of the variance, averaged over the trees
    double std = 0;   // its standard deviation over the trees
};

struct ForestImportances {
    std::vector<FeatureImportance> features;
    int32_t n_trees_used = 0;  // trees whose prediction varies (the others say nothing)
};

ForestImportances fanova_importances(const Dataset &data, const ForestOptions &options);

}  // namespace hpo::importance
