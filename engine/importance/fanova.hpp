// The functional ANOVA of one tree (Hutter, Hoos and Leyton-Brown 2014): the tree cuts the
// bounded domain into boxes (its leaves), each with a constant prediction. Under the uniform
// measure on the domain, the total variance is that of the leaf values weighted by their
// boxes' volumes; the marginal of a feature (the prediction averaged over every other
// feature) is piecewise constant between the tree's cuts on that feature, and its variance
// is the share of the total that feature explains alone.
#pragma once

#include "dataset.hpp"
#include "tree.hpp"

#include <vector>

namespace hpo::importance {

struct TreeVariances {
    double total = 0;                // variance of the tree's prediction over the domain
    std::vector<double> marginal;    // per feature: variance of its marginal
};

TreeVariances decompose(const Tree &tree, const std::vector<Feature> &features);

}  // namespace hpo::importance
