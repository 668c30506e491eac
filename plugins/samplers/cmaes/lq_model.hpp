// A linear-quadratic model of the loss, the surrogate of lq-CMA-ES (Hansen 2019, "A Global
// Surrogate Assisted CMA-ES", GECCO): fitted by weighted least squares to the recent samples
// of a run, it ranks a generation before its trials run, so that the likeliest best run first,
// and, where it ranks what was measured as the measures do, stands in for the rest.
//
// Its form grows with the data: affine while few samples are known, then with a diagonal
// quadratic term, then a full quadratic one, each taken once the better three quarters of the
// samples number 1.1 times its coefficients. The full form is kept to 20 dimensions (231
// coefficients): its fit grows with the square of its coefficients times the samples, which
// in 50 dimensions (1,326 coefficients, 2,652 samples) would take seconds an ask. The worse
// quarter is left out of the fit (a quadratic cannot follow a plateau far from the optimum),
// and the samples kept are weighted linearly from 20 (the best) to 1 (the worst kept), as the
// paper does.
#pragma once

#include <Eigen/Core>

#include <optional>
#include <span>
#include <vector>

namespace hpo::cmaes {

struct Observation {
    Eigen::VectorXd x;
    double loss;
};

class LqModel {
public:
    enum class Form { affine, diagonal, full };

    // The model of `observations` (points of one dimension n), or nullopt for fewer than
    // n + 2 of them, when not even the affine form is determined.
    static std::optional<LqModel> fit(std::span<const Observation> observations);

    double predict(const Eigen::VectorXd &x) const;
    Form form() const { return form_; }

    // The coefficients of the richest form the model takes in n dimensions; an archive of
    // twice this many samples is what it learns from (older ones describe where the run was).
    static Eigen::Index capacity(Eigen::Index n);

private:
    LqModel(Form form, Eigen::VectorXd centre, double scale)
        : form_(form), centre_(std::move(centre)), scale_(scale) {}
    Eigen::VectorXd features(const Eigen::VectorXd &x) const;

    Form form_;
    // Points are centred and scaled before their features are taken, so that a run whose
    // step size has shrunk to 1e-6 is fitted as well conditioned as one at 0.1.
    Eigen::VectorXd centre_;
    double scale_;
    Eigen::VectorXd coefficients_;
};

// Kendall's rank correlation of two sequences of one length (tau-a: a pair tied in either
// counts zero); 0 for fewer than two entries.
double kendall_tau(std::span<const double> a, std::span<const double> b);

} // namespace hpo::cmaes
