#include "forest.hpp"

#include "fanova.hpp"
#include "random.hpp"

#include <oneapi/tbb/parallel_for.h>

#include <cmath>

namespace hpo::importance {

ForestImportances fanova_importances(const Dataset &data, const ForestOptions &options) {
    const auto n_trees = static_cast<std::size_t>(options.n_trees);
    std::vector<TreeVariances> variances(n_trees);
    tbb::parallel_for(std::size_t{0}, n_trees, [&](std::size_t k) {
        const Tree tree = Tree::fit(data, options.tree, stream_seed(options.seed, k));
        variances[k] = decompose(tree, data.features);
    });
    // Reduced in tree order, so the sums do not depend on the threads.
    const std::size_t d = data.n_features();
    ForestImportances out;
    out.features.resize(d);
    std::vector<double> sum(d, 0.0), sum_sq(d, 0.0);
    for (const TreeVariances &tree : variances) {
        if (!(tree.total > 0)) continue;
        ++out.n_trees_used;
        for (std::size_t f = 0; f < d; ++f) {
            const double fraction = tree.marginal[f] / tree.total;
            sum[f] += fraction;
            sum_sq[f] += fraction * fraction;
        }
    }
    if (out.n_trees_used == 0) return out;
    const double n = out.n_trees_used;
    for (std::size_t f = 0; f < d; ++f) {
        out.features[f].mean = sum[f] / n;
        out.features[f].std = std::sqrt(std::max(0.0, sum_sq[f] / n - out.features[f].mean * out.features[f].mean));
    }
    return out;
}

}  // namespace hpo::importance
