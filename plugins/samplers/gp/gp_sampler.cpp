#include "gp_sampler.hpp"

#include "gp_posterior.hpp"
#include "study_history.hpp"

#include <param_domain.hpp>
#include <quasi_random.hpp>

#include <hpo_kit/study_view.hpp>

#include <algorithm>
#include <cmath>

namespace hpo::gp {

namespace {

struct Standardized {
    Eigen::VectorXd targets;
    double best;
};

Standardized standardize(const Eigen::VectorXd &y) {
    const double mean = y.mean();
    const double sd = y.size() > 1 ? std::sqrt((y.array() - mean).square().mean()) : 0.0;
    const double scale = sd > 1e-12 ? sd : 1.0;
    Eigen::VectorXd t = (y.array() - mean) / scale;
    const double best = t.minCoeff();
    return {std::move(t), best};
}

Eigen::VectorXd lies(Liar liar, const Eigen::VectorXd &targets, const Eigen::MatrixXd &pending,
                     const GpPosterior &observed_only) {
    const Eigen::Index m = pending.cols();
    switch (liar) {
    case Liar::Min:
        return Eigen::VectorXd::Constant(m, targets.minCoeff());
    case Liar::Max:
        return Eigen::VectorXd::Constant(m, targets.maxCoeff());
    case Liar::Mean:
        return Eigen::VectorXd::Constant(m, targets.mean());
    case Liar::Believer:
        break;
    }
    Eigen::VectorXd mean, variance;
    observed_only.predict(pending, mean, variance);
    return mean;
}

}  // namespace

std::vector<double> GpSampler::initial_design(const SpaceEncoding &encoding, int64_t number) const {
    std::vector<double> u(static_cast<size_t>(encoding.n_params()));
    if (options_.initial_design == InitialDesign::Sobol) {
        samplers::ShiftedSobol sobol(encoding.n_params(),
                                     streams_.study_key(samplers::kDesignShift));
        sobol.point(static_cast<uint64_t>(number), u);
    } else {
        plugin_kit::RandomStream stream = streams_.stream(number, samplers::kInitialDesign);
        for (double &v : u)
            v = stream.uniform();
    }
    return encoding.decode(encoding.from_unit(u));
}

void GpSampler::sample_relative(const hpo_study_view &study, int64_t trial_index,
                                std::span<const int32_t> subspace, std::span<double> out) {
    if (subspace.empty())
        return;
    const hpo_trial_view &trial = plugin_kit::trial_at(study, trial_index);
    std::vector<double> fixed(subspace.size());
    for (size_t i = 0; i < subspace.size(); ++i)
        fixed[i] = trial.params ? trial.params[subspace[i]] : std::nan("");
    const SpaceEncoding encoding(study, subspace, fixed);

    StudyHistory history = collect_history(study, trial_index, subspace, encoding, cache_.order());
    std::vector<double> values;
    if (history.points.cols() < std::max(options_.n_startup_trials, 1)) {
        values = initial_design(encoding, trial.number);
    } else {
        cache_.set_order(history.ids);
        const Standardized y = standardize(transform_outputs(
            scalarize(history.values, streams_.key(trial.number, samplers::kObjectiveWeights)),
            options_.output_transform));
        const Hyperparameters h =
            cache_.hyperparameters(history.points, y.targets,
                                   {options_.refit_every, options_.refit_always_below},
                                   streams_.key(trial.number, samplers::kModelFit), fit_);
        IncrementalCholesky factor = cache_.factor(history.points, h);

        Eigen::MatrixXd points = history.points;
        Eigen::VectorXd targets = y.targets;
        if (history.pending.cols() > 0) {
            const Eigen::VectorXd lie =
                lies(options_.liar, y.targets, history.pending, GpPosterior(points, targets, h, factor));
            append_points(factor, points, history.pending, h);
            points.conservativeResize(Eigen::NoChange, points.cols() + history.pending.cols());
            points.rightCols(history.pending.cols()) = history.pending;
            targets.conservativeResize(targets.size() + lie.size());
            targets.tail(lie.size()) = lie;
        }
        const GpPosterior posterior(points, targets, h, std::move(factor));
        const GpAcquisition acquisition(posterior, options_.acquisition, y.best);
        const AcquisitionMaximum best = maximize_acquisition(
            acquisition, encoding, optimizer_, streams_.key(trial.number, samplers::kAcquisition));
        values = encoding.decode(best.point);
    }
    std::copy(values.begin(), values.end(), out.begin());
}

double GpSampler::sample_independent(const hpo_study_view &study, int64_t trial_index,
                                     int32_t param_index) const {
    plugin_kit::RandomStream stream =
        streams_.stream(study, trial_index, static_cast<uint64_t>(param_index));
    return samplers::ParamDomain(plugin_kit::param_at(study, param_index)).draw_uniform(stream);
}

}  // namespace hpo::gp
