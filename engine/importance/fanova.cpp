#include "fanova.hpp"

#include <algorithm>
#include <cstdint>

namespace hpo::importance {
namespace {

// A leaf's box: per feature the share of the domain it covers, and where it lies.
struct Leaf {
    double value = 0;
    double volume = 0;  // share of the whole domain
};

class Decomposer {
public:
    Decomposer(const Tree &tree, const std::vector<Feature> &features) : tree_(tree), features_(features) {
        const std::size_t d = features.size();
        lows_.resize(d);
        highs_.resize(d);
        for (std::size_t f = 0; f < d; ++f) {
            lows_[f] = features[f].low;
            highs_[f] = features[f].high;
            if (features[f].categorical) {
                category_offset_.push_back(static_cast<int32_t>(categories_.size()));
                categories_.insert(categories_.end(), static_cast<std::size_t>(features[f].n_categories), 1);
            } else {
                category_offset_.push_back(-1);
            }
        }
    }

    TreeVariances run() {
        walk(0);
        const std::size_t d = features_.size();
        TreeVariances out;
        out.marginal.assign(d, 0.0);
        double total_volume = 0, mean = 0;
        for (const Leaf &leaf : leaves_) {
            total_volume += leaf.volume;
            mean += leaf.volume * leaf.value;
        }
        if (total_volume <= 0) return out;
        mean /= total_volume;
        for (const Leaf &leaf : leaves_) out.total += leaf.volume * (leaf.value - mean) * (leaf.value - mean);
        out.total /= total_volume;
        if (!(out.total > 0)) {
            out.total = 0;
            return out;
        }
        for (std::size_t f = 0; f < d; ++f) out.marginal[f] = marginal_variance(f, mean, total_volume);
        return out;
    }

private:
    // Share of feature f's domain covered by leaf l.
    double share(std::size_t l, std::size_t f) const {
        const Feature &feature = features_[f];
        if (feature.categorical) {
            const auto n = static_cast<std::size_t>(feature.n_categories);
            std::size_t in = 0;
            for (std::size_t c = 0; c < n; ++c) in += leaf_categories_[l * n_category_cells() + offset(f) + c];
            return static_cast<double>(in) / static_cast<double>(n);
        }
        return (leaf_highs_[l * features_.size() + f] - leaf_lows_[l * features_.size() + f]) / feature.size();
    }
    std::size_t n_category_cells() const { return categories_.size(); }
    std::size_t offset(std::size_t f) const { return static_cast<std::size_t>(category_offset_[f]); }

    // Collects the leaves with their boxes (depth first; the current box in lows_/highs_ and
    // categories_).
    void walk(int32_t at) {
        const Node &node = tree_.nodes()[static_cast<std::size_t>(at)];
        if (node.feature < 0) {
            Leaf leaf;
            leaf.value = node.value;
            leaf.volume = 1;
            for (std::size_t f = 0; f < features_.size(); ++f) {
                const Feature &feature = features_[f];
                if (feature.categorical) {
                    std::size_t in = 0;
                    for (int32_t c = 0; c < feature.n_categories; ++c) in += categories_[offset(f) + static_cast<std::size_t>(c)];
                    leaf.volume *= static_cast<double>(in) / static_cast<double>(feature.n_categories);
                } else {
                    leaf.volume *= (highs_[f] - lows_[f]) / feature.size();
                }
            }
            leaves_.push_back(leaf);
            leaf_lows_.insert(leaf_lows_.end(), lows_.begin(), lows_.end());
            leaf_highs_.insert(leaf_highs_.end(), highs_.begin(), highs_.end());
            leaf_categories_.insert(leaf_categories_.end(), categories_.begin(), categories_.end());
            return;
        }
        const auto f = static_cast<std::size_t>(node.feature);
        if (features_[f].categorical) {
            const auto n = static_cast<std::size_t>(features_[f].n_categories);
            const std::vector<uint8_t> saved(categories_.begin() + static_cast<std::ptrdiff_t>(offset(f)),
                                             categories_.begin() + static_cast<std::ptrdiff_t>(offset(f) + n));
            for (const bool left : {true, false}) {
                for (std::size_t c = 0; c < n; ++c) {
                    const bool goes_left = tree_.goes_left(node, static_cast<int32_t>(c));
                    categories_[offset(f) + c] = saved[c] && goes_left == left ? 1 : 0;
                }
                walk(left ? node.left : node.right);
            }
            std::copy(saved.begin(), saved.end(), categories_.begin() + static_cast<std::ptrdiff_t>(offset(f)));
            return;
        }
        const double low = lows_[f], high = highs_[f];
        const double cut = std::clamp(node.threshold, low, high);
        highs_[f] = cut;
        walk(node.left);
        highs_[f] = high;
        lows_[f] = cut;
        walk(node.right);
        lows_[f] = low;
    }

    // Variance of feature f's marginal: each leaf adds its value, weighted by its volume
    // outside f, to every cell of f it covers.
    double marginal_variance(std::size_t f, double mean, double total_volume) {
        const Feature &feature = features_[f];
        const std::size_t d = features_.size();
        if (feature.categorical) {
            const auto n = static_cast<std::size_t>(feature.n_categories);
            std::vector<double> sums(n, 0.0);
            for (std::size_t l = 0; l < leaves_.size(); ++l) {
                const double s = share(l, f);
                if (s <= 0) continue;
                const double other = leaves_[l].volume / s;
                for (std::size_t c = 0; c < n; ++c) {
                    if (leaf_categories_[l * n_category_cells() + offset(f) + c]) sums[c] += other * leaves_[l].value;
                }
            }
            double variance = 0;
            for (const double a : sums) variance += (a / total_volume - mean) * (a / total_volume - mean);
            return std::max(0.0, variance / static_cast<double>(n));
        }
        // The cells: between the distinct cuts of f's leaves.
        std::vector<double> edges;
        edges.reserve(2 * leaves_.size());
        for (std::size_t l = 0; l < leaves_.size(); ++l) {
            edges.push_back(leaf_lows_[l * d + f]);
            edges.push_back(leaf_highs_[l * d + f]);
        }
        std::sort(edges.begin(), edges.end());
        edges.erase(std::unique(edges.begin(), edges.end()), edges.end());
        if (edges.size() < 3) return 0;  // never cut: the marginal is constant
        std::vector<double> delta(edges.size(), 0.0);
        for (std::size_t l = 0; l < leaves_.size(); ++l) {
            const double s = share(l, f);
            if (s <= 0) continue;
            const double add = leaves_[l].volume / s * leaves_[l].value;
            const auto from = std::lower_bound(edges.begin(), edges.end(), leaf_lows_[l * d + f]) - edges.begin();
            const auto to = std::lower_bound(edges.begin(), edges.end(), leaf_highs_[l * d + f]) - edges.begin();
            delta[static_cast<std::size_t>(from)] += add;
            delta[static_cast<std::size_t>(to)] -= add;
        }
        double variance = 0, running = 0, covered = 0;
        for (std::size_t c = 0; c + 1 < edges.size(); ++c) {
            running += delta[c];
            const double width = edges[c + 1] - edges[c];
            const double a = running / total_volume - mean;
            variance += width * a * a;
            covered += width;
        }
        return covered > 0 ? std::max(0.0, variance / covered) : 0.0;
    }

    const Tree &tree_;
    const std::vector<Feature> &features_;
    std::vector<double> lows_, highs_;
    std::vector<uint8_t> categories_;
    std::vector<int32_t> category_offset_;
    std::vector<Leaf> leaves_;
    std::vector<double> leaf_lows_, leaf_highs_;
    std::vector<uint8_t> leaf_categories_;
};

}  // namespace

TreeVariances decompose(const Tree &tree, const std::vector<Feature> &features) {
    return Decomposer(tree, features).run();
}

}  // namespace hpo::importance
