#include "lq_model.hpp"

#include <Eigen/Cholesky>

#include <algorithm>
#include <cmath>
#include <numeric>
#include <stdexcept>

namespace hpo::cmaes {

namespace {

// The share of the best samples a fit uses, the data each coefficient needs, and the weight
// of the best sample against the worst one used (Hansen 2019, section 3).
constexpr double kKeptShare = 0.75;
constexpr double kSamplesPerCoefficient = 1.1;
constexpr double kBestWeight = 20;
constexpr double kRidge = 1e-10; // relative to the normal equations' mean diagonal

constexpr Eigen::Index kMaxFullDimension = 20;

Eigen::Index coefficients(LqModel::Form form, Eigen::Index n) {
    switch (form) {
    case LqModel::Form::affine: return n + 1;
    case LqModel::Form::diagonal: return 2 * n + 1;
    case LqModel::Form::full: break;
    }
    return n * (n + 3) / 2 + 1;
}

LqModel::Form richest_form(Eigen::Index n) {
    return n <= kMaxFullDimension ? LqModel::Form::full : LqModel::Form::diagonal;
}

} // namespace

Eigen::Index LqModel::capacity(Eigen::Index n) { return coefficients(richest_form(n), n); }

std::optional<LqModel> LqModel::fit(std::span<const Observation> observations) {
    if (observations.empty()) return std::nullopt;
    const Eigen::Index n = observations.front().x.size();
    const auto total = static_cast<Eigen::Index>(observations.size());
    if (total < n + 2) return std::nullopt;
    Form form = Form::affine;
    for (const Form richer : {Form::diagonal, Form::full})
        if (richer <= richest_form(n) &&
            kKeptShare * static_cast<double>(total) >= kSamplesPerCoefficient * static_cast<double>(coefficients(richer, n)))
            form = richer;
    const Eigen::Index width = coefficients(form, n);
    const Eigen::Index kept = std::min(
        total, std::max(width + 2, static_cast<Eigen::Index>(kKeptShare * static_cast<double>(total + 1))));

    std::vector<std::size_t> by_loss(observations.size());
    std::iota(by_loss.begin(), by_loss.end(), std::size_t{0});
    std::stable_sort(by_loss.begin(), by_loss.end(),
                     [&](std::size_t a, std::size_t b) { return observations[a].loss < observations[b].loss; });
    by_loss.resize(static_cast<std::size_t>(kept));

    Eigen::VectorXd centre = Eigen::VectorXd::Zero(n);
    for (const std::size_t i : by_loss) centre += observations[i].x;
    centre /= static_cast<double>(kept);
    double spread = 0;
    for (const std::size_t i : by_loss) spread += (observations[i].x - centre).squaredNorm();
    spread = std::sqrt(spread / static_cast<double>(kept));
    LqModel model(form, std::move(centre), spread > 0 ? spread : 1.0);

    // Weighted least squares by its normal equations: a fit runs on most asks, and forming
    // them costs half a QR's work. Features of centred, scaled points stay near 1, so their
    // condition is fair; a small ridge settles the singular case (samples on a margin's grid,
    // or clipped onto one face of the cube).
    Eigen::MatrixXd design(width, kept); // a sample per column
    Eigen::VectorXd target(kept);
    for (Eigen::Index r = 0; r < kept; ++r) {
        const Observation &o = observations[by_loss[static_cast<std::size_t>(r)]];
        const double weight = kept == 1 ? kBestWeight
                                        : kBestWeight - (kBestWeight - 1) * static_cast<double>(r) /
                                                            static_cast<double>(kept - 1);
        const double root = std::sqrt(weight);
        design.col(r) = root * model.features(o.x);
        target(r) = root * o.loss;
    }
    Eigen::MatrixXd gram = Eigen::MatrixXd::Zero(width, width);
    gram.selfadjointView<Eigen::Lower>().rankUpdate(design);
    const double ridge = kRidge * gram.diagonal().mean();
    gram.diagonal().array() += ridge > 0 ? ridge : kRidge;
    model.coefficients_ = gram.selfadjointView<Eigen::Lower>().ldlt().solve(design * target);
    if (!model.coefficients_.allFinite()) return std::nullopt;
    return model;
}

Eigen::VectorXd LqModel::features(const Eigen::VectorXd &x) const {
    const Eigen::VectorXd u = (x - centre_) / scale_;
    const Eigen::Index n = u.size();
    Eigen::VectorXd f(coefficients(form_, n));
    f(0) = 1;
    f.segment(1, n) = u;
    if (form_ == Form::affine) return f;
    f.segment(1 + n, n) = u.cwiseAbs2();
    if (form_ == Form::diagonal) return f;
    Eigen::Index at = 1 + 2 * n;
    for (Eigen::Index i = 0; i < n; ++i)
        for (Eigen::Index j = i + 1; j < n; ++j) f(at++) = u(i) * u(j);
    return f;
}

double LqModel::predict(const Eigen::VectorXd &x) const { return features(x).dot(coefficients_); }

double kendall_tau(std::span<const double> a, std::span<const double> b) {
    if (a.size() != b.size()) throw std::invalid_argument("kendall_tau: sequences of different lengths");
    if (a.size() < 2) return 0;
    double concordance = 0;
    for (std::size_t i = 0; i < a.size(); ++i)
        for (std::size_t j = 0; j < i; ++j) {
            const double da = a[i] - a[j], db = b[i] - b[j];
            concordance += static_cast<double>((da > 0) - (da < 0)) * static_cast<double>((db > 0) - (db < 0));
        }
    const auto pairs = static_cast<double>(a.size() * (a.size() - 1) / 2);
    return concordance / pairs;
}

} // namespace hpo::cmaes
