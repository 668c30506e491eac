// L-BFGS-B (LBFGS++) within box bounds, as both the hyperparameter fit and the acquisition
// refinement use it: stop on a small projected gradient, or when an iteration no longer moves
// the objective; and return the best point evaluated, so that a line search that gives up
// (LBFGS++ throws then, typically in a flat or badly scaled region) loses nothing.
#pragma once

#include <Eigen/Core>
#include <LBFGSB.h>

#include <exception>
#include <limits>

namespace hpo::gp {

struct BoundedMinimum {
    Eigen::VectorXd x;
    double value = std::numeric_limits<double>::infinity();
};

// f(x, gradient) returns the objective and writes its gradient, in LBFGS++'s convention.
// Stops on a projected gradient below `tolerance`, or on an iteration that lowers the
// objective by less than `stall` times its size (at least 1); by default tolerance / 1000.
template <typename Objective>
BoundedMinimum minimize_bounded(Objective &f, const Eigen::VectorXd &start,
                                const Eigen::VectorXd &lower, const Eigen::VectorXd &upper,
                                int max_iterations, double tolerance, double stall = 0) {
    BoundedMinimum best{start.cwiseMax(lower).cwiseMin(upper)};
    auto tracked = [&](const Eigen::VectorXd &x, Eigen::VectorXd &gradient) {
        const double value = f(x, gradient);
        if (value < best.value)
            best = {x, value};
        return value;
    };
    LBFGSpp::LBFGSBParam<double> param;
    param.max_iterations = max_iterations;
    param.epsilon = tolerance;
    param.epsilon_rel = tolerance;
    param.past = 1;
    param.delta = stall > 0 ? stall : tolerance * 1e-3;
    LBFGSpp::LBFGSBSolver<double> solver(param);
    Eigen::VectorXd x = best.x;
    try {
        double value = 0;
        solver.minimize(tracked, x, value, lower, upper);
    } catch (const std::exception &) {
        // Gave up: the best point evaluated so far stands.
    }
    return best;
}

}  // namespace hpo::gp
