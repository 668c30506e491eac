// What the sampler keeps between asks, so that an ask costs O(n^2) most of the time rather
// than a full hyperparameter fit and an O(n^3) factorization:
// - the last fitted hyperparameters, refit on a schedule (every ask below
//   `refit_always_below` observations, from several starts; then after every `refit_every`
//   new observations, from the previous optimum alone);
// - the Cholesky factor of the observations' kernel matrix, keyed on the hyperparameters and
//   the observed points: when the hyperparameters are unchanged and the cached points are a
//   prefix of the new ones, only the new points are appended.
// Not thread-safe: the plugin is declared without HPO_PLUGIN_THREAD_SAFE, so the engine
// serializes its calls.
#pragma once

#include "hyperparameter_fit.hpp"
#include "incremental_cholesky.hpp"
#include "matern_kernel.hpp"

#include <Eigen/Core>

#include <cstdint>
#include <optional>
#include <vector>

namespace hpo::gp {

struct RefitSchedule {
    int refit_every = 5;
    int refit_always_below = 50;
};

class ModelCache {
public:
    // The hyperparameters to use for these observations, refit when the schedule says so.
    Hyperparameters hyperparameters(const Eigen::MatrixXd &points, const Eigen::VectorXd &targets,
                                    const RefitSchedule &schedule, uint64_t seed,
                                    const FitSettings &settings);
    // A factor of the observations' noisy kernel matrix, reusing the cached one when it can.
    IncrementalCholesky factor(const Eigen::MatrixXd &points, const Hyperparameters &h);

    // Ids of the observations modeled last, in column order (see collect_history).
    const std::vector<int64_t> &order() const { return order_; }
    void set_order(std::vector<int64_t> order) { order_ = std::move(order); }

    // How the last factor() was obtained: for tests and timing.
    int full_factorizations() const { return full_factorizations_; }
    int appends() const { return appends_; }

private:
    std::optional<Hyperparameters> fitted_;
    Eigen::Index fitted_at_ = 0;  // observations at the last fit

    Hyperparameters factor_hyperparameters_;
    Eigen::MatrixXd factor_points_;
    IncrementalCholesky factor_;
    bool has_factor_ = false;

    std::vector<int64_t> order_;
    int full_factorizations_ = 0;
    int appends_ = 0;
};

}  // namespace hpo::gp
