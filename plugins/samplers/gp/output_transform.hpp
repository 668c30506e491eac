// Warping the observed values before they are standardized, so that objectives whose values
// span orders of magnitude (Rosenbrock's reach 1e6 far from a minimum of 0) do not leave the
// GP fitting a few huge outliers while every promising point looks alike.
//
// The values are first shifted and scaled, u = (y - min y) / sd(y), which makes the warp
// blind to the objective's offset and units; then warped by Yeo-Johnson's power transform
// (Yeo & Johnson 2000), monotone increasing for every lambda, so the best point stays the
// best:
//   "power": lambda fitted by maximum likelihood (the warped values as Gaussian as they can
//            be), as HEBO and scikit-learn's PowerTransformer do;
//   "log":   lambda = 0, i.e. log(1 + u);
//   "none":  the values as they are.
#pragma once

#include <Eigen/Core>

#include <string_view>

namespace hpo::gp {

enum class OutputTransform { None, Log, Power };

// "none", "log" or "power"; the schema admits nothing else.
OutputTransform parse_output_transform(std::string_view name);

// Yeo-Johnson's transform of one value, and its inverse.
double yeo_johnson(double y, double lambda);
double yeo_johnson_inverse(double t, double lambda);

// The profile log likelihood of lambda: the log density of y under "yeo_johnson(y, lambda) is
// Gaussian", with the mean and variance at their maximum, up to a constant.
double yeo_johnson_log_likelihood(const Eigen::VectorXd &y, double lambda);

// The lambda in [-3, 3] of greatest likelihood (golden-section search: the likelihood is
// unimodal in lambda).
double fit_yeo_johnson(const Eigen::VectorXd &y);

// The warped values, in the same order; fewer than three values, or values all alike, come
// back as they are (standardizing copes with those).
Eigen::VectorXd transform_outputs(const Eigen::VectorXd &y, OutputTransform kind);

}  // namespace hpo::gp
