// What the forest learns from: one row per trial, one column (feature) per parameter, as the
// engine encodes parameters for samplers, and the bounded domain each feature ranges over.
//
// - float and int: the internal value (the log of it for a log parameter), over [low, high]
//   (their logs). A step or an int changes nothing: splits fall between observed values.
// - categorical: the choice's index, split by subsets of categories (a categorical split);
//   every category weighs the same in the decomposition.
// - a parameter inactive in some of the trials (a condition, or define-by-run and not asked)
//   gets one more value for "inactive": a last category, or for a number a cell [low - width,
//   low) below its range, as wide as the range, so inactive weighs as much as all of it.
#pragma once

#include <Eigen/Core>

#include <cstdint>
#include <vector>

namespace hpo::importance {

struct Feature {
    bool categorical = false;
    double low = 0, high = 1;        // numeric: the domain, inactive cell included
    double active_low = 0;           // numeric: where active values start (== low without one)
    bool has_inactive = false;
    int32_t n_categories = 0;        // categorical: the cells (choices, + 1 for inactive)

    // The domain's measure: the width of a number's range, a categorical's count.
    double size() const { return categorical ? static_cast<double>(n_categories) : high - low; }
};

struct Dataset {
    std::vector<Feature> features;
    Eigen::MatrixXd x;  // rows: samples; columns: features
    Eigen::VectorXd y;

    std::size_t n_samples() const { return static_cast<std::size_t>(x.rows()); }
    std::size_t n_features() const { return features.size(); }
};

}  // namespace hpo::importance
