#include "tree.hpp"

#include "random.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <utility>

namespace hpo::importance {

// Builds one tree, depth first, over the distinct samples of a bootstrap (each weighted by
// how often it was drawn), partitioning an index array in place as CART does.
class TreeBuilder {
public:
    TreeBuilder(const Dataset &data, const TreeOptions &options, uint64_t seed)
        : data_(data), options_(options), random_(seed) {}

    Tree build() {
        const std::size_t n = data_.n_samples();
        weights_.assign(n, 0.0);
        if (options_.bootstrap) {
            for (std::size_t i = 0; i < n; ++i) weights_[random_.below(n)] += 1.0;
        } else {
            std::fill(weights_.begin(), weights_.end(), 1.0);
        }
        for (std::size_t i = 0; i < n; ++i) {
            if (weights_[i] > 0) samples_.push_back(static_cast<int32_t>(i));
        }
        features_.resize(data_.n_features());
        std::iota(features_.begin(), features_.end(), 0);
        grow(0, samples_.size(), 0);
        return std::move(tree_);
    }

private:
    struct Split {
        int32_t feature = -1;
        double score = 0;            // sum_L^2 / w_L + sum_R^2 / w_R: larger is better
        double threshold = 0;
        std::vector<uint8_t> left;   // categoricals: per category, 1 when it goes left
    };

    double x(int32_t sample, int32_t feature) const { return data_.x(sample, feature); }

    // Adds the node for samples_[begin, end) and its subtree; returns its index.
    int32_t grow(std::size_t begin, std::size_t end, int32_t depth) {
        double w = 0, s = 0, ss = 0;
        for (std::size_t i = begin; i < end; ++i) {
            const int32_t k = samples_[i];
            const double y = data_.y[k];
            w += weights_[k];
            s += weights_[k] * y;
            ss += weights_[k] * y * y;
        }
        const int32_t index = static_cast<int32_t>(tree_.nodes_.size());
        tree_.nodes_.push_back(Node{});
        tree_.nodes_[index].value = s / w;
        const double sse = ss - s * s / w;
        const auto count = static_cast<int32_t>(end - begin);
        if (depth >= options_.max_depth || count < options_.min_samples_split ||
            count < 2 * options_.min_samples_leaf || sse <= 1e-12 * std::max(1.0, ss)) {
            return index;
        }
        Split best = find_split(begin, end, s * s / w);
        if (best.feature < 0) return index;

        // Partition: left samples first.
        const auto middle = std::stable_partition(samples_.begin() + static_cast<std::ptrdiff_t>(begin),
                                                  samples_.begin() + static_cast<std::ptrdiff_t>(end),
                                                  [&](int32_t k) { return left_of(best, x(k, best.feature)); });
        const auto split_at = static_cast<std::size_t>(middle - samples_.begin());
        Node node;
        node.feature = best.feature;
        node.threshold = best.threshold;
        node.value = s / w;
        if (!best.left.empty()) {
            node.categories = static_cast<int32_t>(tree_.masks_.size());
            tree_.masks_.insert(tree_.masks_.end(), best.left.begin(), best.left.end());
        }
        node.left = grow(begin, split_at, depth + 1);
        node.right = grow(split_at, end, depth + 1);
        tree_.nodes_[index] = node;
        return index;
    }

    static bool left_of(const Split &split, double value) {
        if (!split.left.empty()) return split.left[static_cast<std::size_t>(value)] != 0;
        return value <= split.threshold;
    }

    // The best split among a random subset of the features (more are tried while none of
    // those drawn can split the node, as scikit-learn does); feature -1 when none can.
    Split find_split(std::size_t begin, std::size_t end, double parent_score) {
        const auto n_features = static_cast<int32_t>(features_.size());
        const int32_t wanted = options_.max_features <= 0 ? n_features : std::min(options_.max_features, n_features);
        Split best;
        best.score = parent_score + 1e-12 * std::abs(parent_score);
        int32_t tried = 0;
        for (int32_t i = 0; i < n_features; ++i) {
            const auto j = i + static_cast<int32_t>(random_.below(static_cast<uint64_t>(n_features - i)));
            std::swap(features_[i], features_[j]);
            if (tried >= wanted && best.feature >= 0) break;
            const int32_t f = features_[i];
            const bool varied = data_.features[f].categorical ? categorical_split(f, begin, end, best)
                                                              : numeric_split(f, begin, end, best);
            if (varied) ++tried;
        }
        return best;
    }

    // Returns whether the feature varies in the node; updates `best` when it splits better.
    bool numeric_split(int32_t f, std::size_t begin, std::size_t end, Split &best) {
        order_.clear();
        for (std::size_t i = begin; i < end; ++i) order_.emplace_back(x(samples_[i], f), samples_[i]);
        std::sort(order_.begin(), order_.end());
        if (order_.front().first == order_.back().first) return false;
        double total_w = 0, total_s = 0;
        for (const auto &[value, k] : order_) {
            total_w += weights_[k];
            total_s += weights_[k] * data_.y[k];
        }
        const Feature &feature = data_.features[f];
        const auto n = order_.size();
        const auto min_leaf = static_cast<std::size_t>(options_.min_samples_leaf);
        double w = 0, s = 0;
        for (std::size_t i = 0; i + 1 < n; ++i) {
            const int32_t k = order_[i].second;
            w += weights_[k];
            s += weights_[k] * data_.y[k];
            const double here = order_[i].first, next = order_[i + 1].first;
            if (here == next || i + 1 < min_leaf || n - i - 1 < min_leaf) continue;
            const double score = s * s / w + (total_s - s) * (total_s - s) / (total_w - w);
            if (score > best.score) {
                best.score = score;
                best.feature = f;
                best.left.clear();
                if (feature.has_inactive && here < feature.active_low) {
                    // Inactive against active: the cut sits where active values start, so the
                    // inactive cell keeps its full width.
                    best.threshold = std::nextafter(feature.active_low, -INFINITY);
                } else {
                    best.threshold = here + (next - here) / 2;
                    if (best.threshold >= next) best.threshold = here;
                }
            }
        }
        return true;
    }

    bool categorical_split(int32_t f, std::size_t begin, std::size_t end, Split &best) {
        const auto n_categories = static_cast<std::size_t>(data_.features[f].n_categories);
        cat_w_.assign(n_categories, 0.0);
        cat_s_.assign(n_categories, 0.0);
        cat_n_.assign(n_categories, 0);
        for (std::size_t i = begin; i < end; ++i) {
            const int32_t k = samples_[i];
            const auto c = static_cast<std::size_t>(x(k, f));
            cat_w_[c] += weights_[k];
            cat_s_[c] += weights_[k] * data_.y[k];
            cat_n_[c] += 1;
        }
        present_.clear();
        for (std::size_t c = 0; c < n_categories; ++c) {
            if (cat_n_[c] > 0) present_.push_back(static_cast<int32_t>(c));
        }
        if (present_.size() < 2) return false;
        std::sort(present_.begin(), present_.end(), [&](int32_t a, int32_t b) {
            const double ma = cat_s_[a] / cat_w_[a], mb = cat_s_[b] / cat_w_[b];
            return ma != mb ? ma < mb : a < b;
        });
        double total_w = 0, total_s = 0;
        std::size_t total_n = 0;
        for (const int32_t c : present_) {
            total_w += cat_w_[c];
            total_s += cat_s_[c];
            total_n += cat_n_[c];
        }
        const auto min_leaf = static_cast<std::size_t>(options_.min_samples_leaf);
        double w = 0, s = 0;
        std::size_t n = 0;
        for (std::size_t i = 0; i + 1 < present_.size(); ++i) {
            const int32_t c = present_[i];
            w += cat_w_[c];
            s += cat_s_[c];
            n += cat_n_[c];
            if (n < min_leaf || total_n - n < min_leaf) continue;
            const double score = s * s / w + (total_s - s) * (total_s - s) / (total_w - w);
            if (score > best.score) {
                best.score = score;
                best.feature = f;
                // Categories the node has no sample of go with the side holding more weight.
                const bool absent_left = w >= total_w - w;
                best.left.assign(n_categories, absent_left ? 1 : 0);
                for (std::size_t j = 0; j < present_.size(); ++j) {
                    best.left[static_cast<std::size_t>(present_[j])] = j <= i ? 1 : 0;
                }
            }
        }
        return true;
    }

    const Dataset &data_;
    const TreeOptions &options_;
    Random random_;
    Tree tree_;
    std::vector<double> weights_;
    std::vector<int32_t> samples_;
    std::vector<int32_t> features_;
    std::vector<std::pair<double, int32_t>> order_;
    std::vector<double> cat_w_, cat_s_;
    std::vector<std::size_t> cat_n_;
    std::vector<int32_t> present_;
};

Tree Tree::fit(const Dataset &data, const TreeOptions &options, uint64_t seed) {
    return TreeBuilder(data, options, seed).build();
}

double Tree::predict(const double *row, std::size_t stride) const {
    int32_t at = 0;
    while (nodes_[static_cast<std::size_t>(at)].feature >= 0) {
        const Node &node = nodes_[static_cast<std::size_t>(at)];
        const double v = row[static_cast<std::size_t>(node.feature) * stride];
        const bool left = node.categories >= 0 ? goes_left(node, static_cast<int32_t>(v)) : v <= node.threshold;
        at = left ? node.left : node.right;
    }
    return nodes_[static_cast<std::size_t>(at)].value;
}

}  // namespace hpo::importance
