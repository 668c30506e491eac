// Acquisition functions over a GP posterior of a minimized target, each as a score to
// maximize, like scikit-optimize's acq_func:
// - "ei":  log expected improvement below the best target minus xi (log form: stays finite
//          and climbable far from the incumbent, where EI itself underflows);
// - "pi":  log probability of improvement below the best target minus xi;
// - "lcb": the negated lower confidence bound, -(mean - kappa * sd).
#pragma once

#include "gp_posterior.hpp"

#include <Eigen/Core>

#include <string_view>

namespace hpo::gp {

enum class AcquisitionKind { ExpectedImprovement, ProbabilityOfImprovement, LowerConfidenceBound };

// "ei", "pi" or "lcb"; throws std::invalid_argument naming the option otherwise.
AcquisitionKind parse_acquisition(std::string_view name);

// What the acquisition optimizer maximizes: scores of many points at once, and one point's
// score with its gradient.
class AcquisitionSurface {
public:
    virtual ~AcquisitionSurface() = default;
    virtual Eigen::VectorXd scores(const Eigen::MatrixXd &points) const = 0;
    virtual double score_with_gradient(const Eigen::VectorXd &point,
                                       Eigen::VectorXd &gradient) const = 0;
};

struct AcquisitionSettings {
    AcquisitionKind kind = AcquisitionKind::ExpectedImprovement;
    // ei, pi: improvement sought beyond the best, in standardized units. 0 (skopt's is 0.01):
    // with warped outputs a positive xi mostly kept the search from closing in on a minimum.
    double xi = 0.0;
    double kappa = 1.96; // lcb: weight of the standard deviation
};

// The score given the posterior mean and standard deviation, with its partial derivatives.
double acquisition_score(const AcquisitionSettings &settings, double best, double mean, double sd,
                         double *d_mean, double *d_sd);

class GpAcquisition final : public AcquisitionSurface {
public:
    // `best` is the lowest standardized target observed.
    GpAcquisition(const GpPosterior &posterior, AcquisitionSettings settings, double best)
        : posterior_(posterior), settings_(settings), best_(best) {}

    Eigen::VectorXd scores(const Eigen::MatrixXd &points) const override;
    double score_with_gradient(const Eigen::VectorXd &point,
                               Eigen::VectorXd &gradient) const override;

private:
    const GpPosterior &posterior_;
    AcquisitionSettings settings_;
    double best_;
};

}  // namespace hpo::gp
