// CMA-ES's search distribution N(m, sigma^2 A C A) over the unit cube [0, 1]^n and its update
// from one generation's ranked samples, as Hansen's tutorial (arXiv:1604.00772) gives it:
// positive recombination weights for the better half and negative ones for the worse half
// (active CMA: C also learns where not to look), plus:
// - the separable variant (Ros and Hansen 2008): a diagonal C, learning rates raised by
//   (n + 2) / 3;
// - learning-rate adaptation (Nomura, Akimoto, Ono 2023): the mean's and the covariance's
//   learning rates follow the signal-to-noise ratio of their updates, measured in the
//   distribution's own coordinates, so noisy or multimodal problems get smaller steps;
// - a margin for discrete coordinates (Hamano et al. 2022): a correction of the mean and of a
//   diagonal scaling A keeps, in each discrete coordinate, a probability of at least
//   1 / (n lambda) of leaving the grid cell the mean is in, so the search does not freeze on
//   one integer;
// - the stopping tests that start an IPOP restart (Auger and Hansen 2005): flat values,
//   a vanished step size, an ill-conditioned C.
// A distribution is a value: it is saved to and read from JSON, the study's system
// attributes, whole.
#pragma once

#include <Eigen/Core>
#include <nlohmann/json.hpp>

#include <cstddef>
#include <cstdint>
#include <utility>
#include <vector>

namespace hpo::cmaes {

struct CmaSettings {
    bool separable = false;
    bool lr_adapt = false;
    // Per coordinate: the cell edges (in the cube) of a discrete coordinate's grid, empty for a
    // continuous one. Edges are increasing, the first 0 and the last 1.
    std::vector<std::vector<double>> cells;
};

class CmaDistribution {
public:
    // A fresh distribution at `mean` with step size sigma, C = I, population lambda.
    CmaDistribution(Eigen::VectorXd mean, double sigma, int lambda);

    int dimension() const { return static_cast<int>(mean_.size()); }
    int lambda() const { return lambda_; }
    int64_t generation() const { return generation_; }
    const Eigen::VectorXd &mean() const { return mean_; }
    double sigma() const { return sigma_; }
    const Eigen::MatrixXd &covariance() const { return cov_; }

    // A sample of the distribution from standard normal draws z, clipped into the cube.
    Eigen::VectorXd sample(const Eigen::VectorXd &z) const;
    // Samples from several draws at once: C is decomposed once for all.
    std::vector<Eigen::VectorXd> sample(const std::vector<Eigen::VectorXd> &draws) const;

    // The next generation from this one's samples and their losses (every objective
    // minimized); at least one pair.
    void tell(const std::vector<std::pair<Eigen::VectorXd, double>> &ranked_input,
              const CmaSettings &settings);

    // Whether the run has stalled: flat values over the recent generations, a step size
    // that vanished, or a covariance too ill-conditioned to sample.
    bool stalled() const;

    // Replaces the covariance and step size (a warm start), keeping the rest.
    void set_shape(double sigma, const Eigen::MatrixXd &cov);

    nlohmann::json to_json() const;
    static CmaDistribution from_json(const nlohmann::json &state);

private:
    // The generations over which flat best values mean a stall: 10 + 30 n / lambda.
    std::size_t stall_window() const;
    // The margin's correction of each discrete coordinate's mean and scaling (margin_correction.hpp).
    void correct_margin(const CmaSettings &settings);

    Eigen::VectorXd mean_;
    double sigma_;
    int lambda_;
    int64_t generation_ = 0;
    Eigen::MatrixXd cov_;
    Eigen::VectorXd path_sigma_, path_c_;
    Eigen::VectorXd margin_; // A's diagonal, kept from one generation to the next
    std::vector<double> best_history_; // each generation's best loss, newest last
    double last_range_ = 0;            // the spread of the newest generation's losses
    // Learning-rate adaptation's state.
    double eta_mean_ = 1, eta_cov_ = 1;
    Eigen::VectorXd snr_mean_e_, snr_cov_e_;
    double snr_mean_v_ = 0, snr_cov_v_ = 0;
};

} // namespace hpo::cmaes
