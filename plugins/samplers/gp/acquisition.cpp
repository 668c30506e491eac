#include "acquisition.hpp"

#include "normal_tail.hpp"

#include <cmath>
#include <stdexcept>
#include <string>

namespace hpo::gp {

AcquisitionKind parse_acquisition(std::string_view name) {
    if (name == "ei")
        return AcquisitionKind::ExpectedImprovement;
    if (name == "pi")
        return AcquisitionKind::ProbabilityOfImprovement;
    if (name == "lcb")
        return AcquisitionKind::LowerConfidenceBound;
    throw std::invalid_argument("gp: option 'acquisition' must be \"ei\", \"pi\" or \"lcb\", not \"" +
                                std::string(name) + "\"");
}

double acquisition_score(const AcquisitionSettings &settings, double best, double mean, double sd,
                         double *d_mean, double *d_sd) {
    const double z = (best - settings.xi - mean) / sd;
    double score = 0, d_z = 0, d_sd_direct = 0;
    switch (settings.kind) {
    case AcquisitionKind::ExpectedImprovement:
        // log EI = log sd + log h(z)
        score = std::log(sd) + log_ei_h(z);
        d_z = d_log_ei_h(z);
        d_sd_direct = 1.0 / sd;
        break;
    case AcquisitionKind::ProbabilityOfImprovement:
        score = log_normal_cdf(z);
        d_z = d_log_normal_cdf(z);
        break;
    case AcquisitionKind::LowerConfidenceBound:
        if (d_mean)
            *d_mean = -1.0;
        if (d_sd)
            *d_sd = settings.kappa;
        return -(mean - settings.kappa * sd);
    }
    // dz/dmean = -1/sd, dz/dsd = -z/sd
    if (d_mean)
        *d_mean = -d_z / sd;
    if (d_sd)
        *d_sd = d_sd_direct - d_z * z / sd;
    return score;
}

Eigen::VectorXd GpAcquisition::scores(const Eigen::MatrixXd &points) const {
    Eigen::VectorXd mean, variance;
    posterior_.predict(points, mean, variance);
    Eigen::VectorXd out(points.cols());
    for (Eigen::Index i = 0; i < out.size(); ++i)
        out[i] = acquisition_score(settings_, best_, mean[i], std::sqrt(variance[i]), nullptr,
                                   nullptr);
    return out;
}

double GpAcquisition::score_with_gradient(const Eigen::VectorXd &point,
                                          Eigen::VectorXd &gradient) const {
    double mean = 0, variance = 0;
    Eigen::VectorXd d_mean, d_variance;
    posterior_.predict_with_gradient(point, mean, variance, d_mean, d_variance);
    const double sd = std::sqrt(variance);
    double ds_mean = 0, ds_sd = 0;
    const double score = acquisition_score(settings_, best_, mean, sd, &ds_mean, &ds_sd);
    // dsd/dx = dvar/dx / (2 sd)
    gradient = ds_mean * d_mean + (ds_sd / (2.0 * sd)) * d_variance;
    return score;
}

}  // namespace hpo::gp
