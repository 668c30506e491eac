#include "model_cache.hpp"

#include "gp_posterior.hpp"

namespace hpo::gp {

Hyperparameters ModelCache::hyperparameters(const Eigen::MatrixXd &points,
                                            const Eigen::VectorXd &targets,
                                            const RefitSchedule &schedule, uint64_t seed,
                                            const FitSettings &settings) {
    const Eigen::Index n = points.cols();
    const bool small = n < schedule.refit_always_below;
    const bool due = !fitted_ || fitted_->n_inputs() != points.rows() || small ||
                     n - fitted_at_ >= schedule.refit_every;
    if (due) {
        FitSettings fit = settings;
        // A large history: from the previous optimum alone, with fewer iterations.
        fit.warm_start_only = !small;
        fitted_ = fit_hyperparameters(points, targets, fitted_, seed, fit);
        fitted_at_ = n;
    }
    return *fitted_;
}

IncrementalCholesky ModelCache::factor(const Eigen::MatrixXd &points, const Hyperparameters &h) {
    const Eigen::Index cached = factor_points_.cols();
    const bool reusable = has_factor_ && factor_hyperparameters_ == h &&
                          factor_points_.rows() == points.rows() && cached <= points.cols() &&
                          points.leftCols(cached) == factor_points_;
    if (reusable && cached < points.cols()) {
        append_points(factor_, factor_points_, points.rightCols(points.cols() - cached), h);
        ++appends_;
    } else if (!reusable) {
        factor_.reset(noisy_kernel_matrix(points, h));
        ++full_factorizations_;
    }
    factor_hyperparameters_ = h;
    factor_points_ = points;
    has_factor_ = true;
    return factor_;
}

}  // namespace hpo::gp
