#include "cmaes_sampler.hpp"

#include "orthogonal_draws.hpp"

#include <generations.hpp>
#include <param_domain.hpp>
#include <trial_ranking.hpp>

#include <hpo_kit/study_view.hpp>

#include <Eigen/Dense>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <limits>
#include <numeric>
#include <optional>
#include <stdexcept>

namespace hpo::cmaes {

namespace {

using Eigen::MatrixXd;
using Eigen::VectorXd;
using nlohmann::json;

const std::string kStateKey = "cmaes:state";
constexpr const char *kQuotedStateKey = "\"cmaes:state\"";
const std::string kGenerationKey = "cmaes:generation";
const std::string kPointKey = "cmaes:x";
// Grids finer than this are searched as continuous: a margin has nothing to keep from moving.
constexpr int64_t kMaxMarginCells = 1000;
// The surrogate is trusted when its ranking of the run's newest trials agrees with their
// values this well (Kendall tau), measured over at least this many of them (Hansen 2019).
constexpr double kTrustedTau = 0.85;
constexpr std::size_t kTauSamples = 15;

samplers::ParamDomain domain_of(const hpo_study_view &study, int32_t param) {
    return samplers::ParamDomain(plugin_kit::param_at(study, param));
}

// A value's place in the unit cube of its internal space.
double to_cube(const samplers::ParamDomain &domain, double value) {
    return std::clamp((domain.to_internal(value) - domain.internal_low()) / domain.internal_width(),
                      0.0, 1.0);
}

bool completed(const hpo_trial_view &trial) {
    return trial.state == HPO_TRIAL_COMPLETE && trial.values != nullptr;
}

// A trial's value of each parameter in the cube; empty when one is inactive.
std::vector<double> cube_point(const hpo_study_view &study, const hpo_trial_view &trial,
                               const std::vector<int32_t> &params) {
    std::vector<double> x;
    for (const int32_t p : params) {
        const double value = trial.params[p];
        if (std::isnan(value)) return {};
        x.push_back(to_cube(domain_of(study, p), value));
    }
    return x;
}


int default_popsize(std::size_t n) {
    return 4 + static_cast<int>(std::floor(3 * std::log(static_cast<double>(n))));
}

// Whether the surrogate is tried when `measured` of a generation's lambda candidates have
// completed: at 1 (plus one per 50 of the population), then each time half as many again have
// (1, 2, 3, 5, 8, 12, ...), so that a model that is not trusted yet costs few fits.
bool surrogate_checkpoint(int64_t measured, int64_t lambda) {
    if (measured >= lambda) return false;
    int64_t at = 1 + lambda / 50;
    while (at < measured) at += (at + 1) / 2;
    return at == measured;
}

} // namespace

struct CmaesSampler::Run {
    CmaDistribution distribution;
    std::vector<int32_t> params;
    int64_t generation = 0; // counted across restarts: what trials record
    int64_t restarts = 0;
    int64_t first_generation = 0;    // of the current restart: older trials are another run's
    std::vector<int64_t> order;      // the surrogate's order of the candidates; empty: by offset
    // The candidates' points, as the instance that opened the generation computed them: kept
    // in memory alone (they follow from the rest), so that closing the generation need not
    // draw them again.
    std::shared_ptr<const std::vector<VectorXd>> points;

    json to_json() const {
        return {{"distribution", distribution.to_json()}, {"params", params},
                {"generation", generation}, {"restarts", restarts},
                {"first_generation", first_generation}, {"order", order}};
    }
    // States written before the surrogate have neither a first generation nor an order.
    static Run from_json(const json &state) {
        Run run{CmaDistribution::from_json(state.at("distribution")),
                state.at("params").get<std::vector<int32_t>>(), state.at("generation").get<int64_t>(),
                state.at("restarts").get<int64_t>(), state.value("first_generation", int64_t{0}),
                state.value("order", std::vector<int64_t>{}), nullptr};
        // The order indexes the candidates: anything but a permutation of them (a damaged
        // study) would index past them.
        std::vector<int64_t> indices(static_cast<std::size_t>(run.distribution.lambda()));
        std::iota(indices.begin(), indices.end(), int64_t{0});
        if (!run.order.empty() && !std::is_permutation(run.order.begin(), run.order.end(), indices.begin(), indices.end()))
            throw std::runtime_error("CMA-ES state: \"order\" is not a permutation of the " +
                                     std::to_string(indices.size()) + " candidates");
        return run;
    }
};

std::vector<int32_t> CmaesSampler::searched_params(const hpo_study_view &study) {
    std::vector<int32_t> params;
    for (int32_t p = 0; p < study.n_params; ++p) {
        const hpo_param_info &info = plugin_kit::param_at(study, p);
        if (info.kind == HPO_PARAM_CATEGORICAL || info.parent >= 0) continue;
        if (domain_of(study, p).internal_width() > 0) params.push_back(p);
    }
    return params;
}

CmaSettings CmaesSampler::settings(const hpo_study_view &study,
                                   const std::vector<int32_t> &params) const {
    CmaSettings settings;
    settings.separable = options_.separable;
    settings.lr_adapt = options_.lr_adapt;
    if (!options_.with_margin) return settings;
    for (const int32_t p : params) {
        const samplers::ParamDomain domain = domain_of(study, p);
        std::vector<double> edges;
        if (domain.discrete() && domain.n_points() <= kMaxMarginCells) {
            edges.push_back(0.0);
            for (int64_t k = 0; k + 1 < domain.n_points(); ++k)
                edges.push_back((domain.cell(domain.point(k)).second - domain.internal_low()) /
                                domain.internal_width());
            edges.push_back(1.0);
        }
        settings.cells.push_back(std::move(edges));
    }
    return settings;
}

CmaesSampler::Run CmaesSampler::start_run(const hpo_study_view &study,
                                          const std::vector<int32_t> &params) const {
    const auto n = static_cast<Eigen::Index>(params.size());
    const int lambda = options_.popsize ? static_cast<int>(*options_.popsize)
                                        : default_popsize(params.size());
    Run run{CmaDistribution(VectorXd::Constant(n, 0.5), options_.sigma0.value_or(1.0 / 6), lambda),
            params, 0, 0, 0, {}, nullptr};
    if (!options_.warm_start) return run;
    // The best tenth (at least two) of the completed trials: their mean, and their covariance
    // widened by 0.1^2 so that it is never singular, split into a step size and a shape.
    std::vector<std::pair<double, std::vector<double>>> known;
    for (const hpo_trial_view &trial : plugin_kit::trials(study)) {
        if (!completed(trial)) continue;
        auto x = cube_point(study, trial, params);
        if (!x.empty()) known.emplace_back(samplers::loss(study, 0, trial.values[0]), std::move(x));
    }
    if (known.size() < 2) return run;
    std::stable_sort(known.begin(), known.end(),
                     [](const auto &a, const auto &b) { return a.first < b.first; });
    const std::size_t top = std::max<std::size_t>(2, (known.size() + 9) / 10);
    MatrixXd points(static_cast<Eigen::Index>(top), n);
    for (std::size_t i = 0; i < top; ++i)
        points.row(static_cast<Eigen::Index>(i)) =
            Eigen::Map<const VectorXd>(known[i].second.data(), n).transpose();
    const VectorXd mean = points.colwise().mean().transpose();
    const MatrixXd centred = points.rowwise() - mean.transpose();
    const MatrixXd cov = centred.transpose() * centred / static_cast<double>(top) +
                         0.01 * MatrixXd::Identity(n, n);
    const double sigma = std::pow(cov.determinant(), 1.0 / (2.0 * static_cast<double>(n)));
    run.distribution = CmaDistribution(mean, sigma, lambda);
    run.distribution.set_shape(sigma, cov / (sigma * sigma));
    return run;
}

bool CmaesSampler::advance(const hpo_study_view &study, const History &history,
                           int64_t trial_index, int64_t opener_number, Run &run, FitCache &cache) const {
    std::vector<Told> told;
    for (int64_t i = 0; i < study.n_trials; ++i) {
        const hpo_trial_view &trial = plugin_kit::trial_at(study, i);
        const auto &sampled = history[static_cast<std::size_t>(i)];
        if (i == trial_index || !completed(trial) || !sampled || sampled->generation != run.generation)
            continue;
        if (!sampled->point || static_cast<std::size_t>(sampled->point->size()) != run.params.size()) continue;
        told.push_back({trial.number, *sampled->point, samplers::loss(study, 0, trial.values[0])});
        if (static_cast<int>(told.size()) == run.distribution.lambda()) break;
    }
    std::optional<Ranked> ranked;
    if (static_cast<int>(told.size()) == run.distribution.lambda()) {
        ranked.emplace();
        for (const Told &t : told) ranked->emplace_back(t.x, t.loss);
    } else if (options_.surrogate) {
        ranked = surrogate_ranked(study, history, run, opener_number, told, cache);
    }
    if (!ranked) return false;
    run.distribution.tell(*ranked, settings(study, run.params));
    ++run.generation;
    if (options_.ipop && run.distribution.stalled()) {
        ++run.restarts;
        run.first_generation = run.generation;
        samplers::RandomStream rng(streams_.key(run.restarts, samplers::kCmaRestart));
        VectorXd mean(static_cast<Eigen::Index>(run.params.size()));
        for (Eigen::Index j = 0; j < mean.size(); ++j) mean(j) = rng.uniform();
        const int lambda = run.distribution.lambda() * static_cast<int>(options_.inc_popsize);
        run.distribution = CmaDistribution(mean, options_.sigma0.value_or(1.0 / 6), lambda);
    }
    return true;
}

const CmaesSampler::Fitted &CmaesSampler::fitted(const hpo_study_view &study, const History &history,
                                                 const Run &run, FitCache &cache) const {
    if (cache && cache->first_generation == run.first_generation) return *cache;
    // Twice the model's coefficients, at least a population: older trials describe where the
    // run was, not where it is.
    const auto n = static_cast<Eigen::Index>(run.params.size());
    const auto limit = static_cast<std::size_t>(
        std::max<Eigen::Index>(2 * LqModel::capacity(n), run.distribution.lambda()));
    cache = Fitted{run.first_generation, {}, std::nullopt};
    for (int64_t i = study.n_trials - 1; i >= 0 && cache->samples.size() < limit; --i) {
        const hpo_trial_view &trial = plugin_kit::trial_at(study, i);
        const auto &sampled = history[static_cast<std::size_t>(i)];
        if (!completed(trial) || !sampled || sampled->generation < run.first_generation || !sampled->point ||
            sampled->point->size() != n)
            continue;
        const double loss = samplers::loss(study, 0, trial.values[0]);
        if (std::isfinite(loss)) cache->samples.push_back({*sampled->point, loss});
    }
    cache->model = LqModel::fit(cache->samples);
    return *cache;
}

std::vector<VectorXd> CmaesSampler::candidates(const Run &run, int64_t opener_number) const {
    const auto n = static_cast<Eigen::Index>(run.params.size());
    const int64_t lambda = run.distribution.lambda();
    if (options_.orthogonal)
        return run.distribution.sample(orthogonal_draws(streams_.key(opener_number, samplers::kCmaSample), n, lambda));
    std::vector<VectorXd> draws;
    for (int64_t c = 0; c < lambda; ++c) draws.push_back(independent_draw(opener_number + c, n));
    return run.distribution.sample(draws);
}

std::vector<int64_t> CmaesSampler::evaluation_order(const hpo_study_view &study, const History &history,
                                                    const Run &run, const std::vector<VectorXd> &points,
                                                    FitCache &cache) const {
    const auto &model = fitted(study, history, run, cache).model;
    if (!model) return {};
    std::vector<double> predicted;
    for (const VectorXd &x : points) predicted.push_back(model->predict(x));
    std::vector<int64_t> order(predicted.size());
    std::iota(order.begin(), order.end(), int64_t{0});
    std::stable_sort(order.begin(), order.end(), [&](int64_t a, int64_t b) {
        return predicted[static_cast<std::size_t>(a)] < predicted[static_cast<std::size_t>(b)];
    });
    return order;
}

std::optional<CmaesSampler::Ranked> CmaesSampler::surrogate_ranked(
    const hpo_study_view &study, const History &history, const Run &run, int64_t opener_number,
    const std::vector<Told> &told, FitCache &cache) const {
    // Which candidate each completed trial measured: the one its offset took. Trials beyond
    // the candidates (they joined a generation in progress) and trials numbered before the
    // opener drew on their own; they teach the model, not this ranking.
    const int64_t lambda = run.distribution.lambda();
    std::vector<const Told *> measured(static_cast<std::size_t>(lambda), nullptr);
    int64_t count = 0;
    for (const Told &t : told) {
        const int64_t offset = t.number - opener_number;
        if (offset < 0 || offset >= lambda) continue;
        const int64_t candidate = run.order.empty() ? offset : run.order[static_cast<std::size_t>(offset)];
        measured[static_cast<std::size_t>(candidate)] = &t;
        ++count;
    }
    if (!surrogate_checkpoint(count, lambda)) return std::nullopt;
    const auto &[first_generation, samples, model] = fitted(study, history, run, cache);
    if (!model) return std::nullopt;
    // Trusted when it ranks the newest trials (these measures among them) as they measured.
    const std::size_t judged = std::min(samples.size(), std::max(kTauSamples, static_cast<std::size_t>(std::min(
        1.2 * static_cast<double>(count), 0.75 * static_cast<double>(lambda)))));
    std::vector<double> predicted, actual;
    for (std::size_t i = 0; i < judged; ++i) {
        predicted.push_back(model->predict(samples[i].x));
        actual.push_back(samples[i].loss);
    }
    if (kendall_tau(predicted, actual) < kTrustedTau) return std::nullopt;
    // The model's values for every candidate, shifted so that the best of them is the best
    // measured: a generation's best is what the stall test watches.
    std::vector<VectorXd> points = run.points ? *run.points : candidates(run, opener_number);
    double best_measured = std::numeric_limits<double>::infinity();
    for (std::size_t c = 0; c < points.size(); ++c)
        if (measured[c]) {
            points[c] = measured[c]->x;
            best_measured = std::min(best_measured, measured[c]->loss);
        }
    std::vector<double> values;
    for (const VectorXd &x : points) values.push_back(model->predict(x));
    const double shift = best_measured - *std::min_element(values.begin(), values.end());
    Ranked ranked;
    for (std::size_t c = 0; c < points.size(); ++c) ranked.emplace_back(points[c], values[c] + shift);
    return ranked;
}

CmaesSampler::Newest CmaesSampler::newest_run(const hpo_study_view &study, const History &history) const {
    // The trial that opened the newest generation (the first such trial when two workers
    // opened it at once).
    std::optional<int64_t> index;
    for (int64_t i = 0; i < study.n_trials; ++i) {
        const auto &sampled = history[static_cast<std::size_t>(i)];
        if (sampled && sampled->opened &&
            (!index || sampled->generation > history[static_cast<std::size_t>(*index)]->generation))
            index = i;
    }
    if (!index) return {};
    const hpo_trial_view &trial = plugin_kit::trial_at(study, *index);
    std::lock_guard lock(state_cache_.mutex);
    if (!state_cache_.run || state_cache_.trial_id != trial.id ||
        state_cache_.run->generation != history[static_cast<std::size_t>(*index)]->generation) {
        state_cache_.run = std::make_shared<const Run>(Run::from_json(json::parse(trial.system_attrs_json).at(kStateKey)));
        state_cache_.trial_id = trial.id;
    }
    return {state_cache_.run, trial.number};
}

VectorXd CmaesSampler::standard_draw(int64_t number, int64_t opener_number,
                                     const std::vector<int64_t> &order, Eigen::Index n) const {
    // A trial numbered before its generation's opener (it was created first and sampled
    // after, by a slower worker) has no offset in the generation: it draws on its own.
    if (number < opener_number) return independent_draw(number, n);
    const int64_t offset = number - opener_number;
    const bool ordered = offset < static_cast<int64_t>(order.size());
    return candidate_draw(opener_number, ordered ? order[static_cast<std::size_t>(offset)] : offset, n);
}

VectorXd CmaesSampler::candidate_draw(int64_t opener_number, int64_t candidate, Eigen::Index n) const {
    if (options_.orthogonal)
        return orthogonal_draw(streams_.key(opener_number, samplers::kCmaSample), n, candidate);
    return independent_draw(opener_number + candidate, n);
}

VectorXd CmaesSampler::independent_draw(int64_t number, Eigen::Index n) const {
    samplers::RandomStream rng = streams_.stream(number, samplers::kCmaSample);
    VectorXd z(n);
    for (Eigen::Index j = 0; j < n; ++j) z(j) = rng.normal();
    return z;
}

samplers::AttributeUpdate CmaesSampler::before_trial(const hpo_study_view &study,
                                                     int64_t trial_index) const {
    const hpo_trial_view &trial = plugin_kit::trial_at(study, trial_index);
    const History history = sampled_.facts(study, [](const hpo_trial_view &t) -> std::optional<Sampled> {
        const auto generation = samplers::integer_attr(t, kGenerationKey);
        if (!generation) return std::nullopt;
        std::shared_ptr<const VectorXd> point;
        if (const auto x = samplers::numbers_attr(t, kPointKey))
            point = std::make_shared<const VectorXd>(
                Eigen::Map<const VectorXd>(x->data(), static_cast<Eigen::Index>(x->size())));
        return Sampled{*generation, std::strstr(t.system_attrs_json, kQuotedStateKey) != nullptr,
                       std::move(point)};
    });
    if (history[static_cast<std::size_t>(trial_index)]) return {}; // sampled before
    if (study.n_objectives != 1)
        throw std::invalid_argument("the cmaes sampler optimizes one objective; this study has " +
                                    std::to_string(study.n_objectives));
    const std::vector<int32_t> params = searched_params(study);
    if (params.empty()) return {};
    std::optional<Run> run;
    bool opens_generation = true;
    const Newest newest = newest_run(study, history);
    FitCache fit_cache;
    // A space that gained or lost numeric parameters starts a new run over the new ones.
    if (newest.run && newest.run->params == params) {
        run = *newest.run;
        opens_generation = advance(study, history, trial_index, newest.opener_number, *run, fit_cache);
    } else {
        run = start_run(study, params);
        // Numbered on from the run it replaces, so that it is the newest: with several
        // workers and a space defined by run, early trials see part of the space, and a new
        // run numbered 0 again would tie with the first one, which newest_run keeps.
        if (newest.run) run->generation = run->first_generation = newest.run->generation + 1;
    }
    const int64_t opener = opens_generation ? trial.number : newest.opener_number;
    VectorXd x;
    if (opens_generation && options_.surrogate) {
        // The opener takes the first candidate in the model's order.
        auto points = std::make_shared<const std::vector<VectorXd>>(candidates(*run, opener));
        run->order = evaluation_order(study, history, *run, *points, fit_cache);
        x = (*points)[static_cast<std::size_t>(run->order.empty() ? 0 : run->order.front())];
        run->points = std::move(points);
    } else {
        x = run->distribution.sample(
            standard_draw(trial.number, opener, run->order, static_cast<Eigen::Index>(params.size())));
    }
    // An enqueued value is the trial's point in its coordinate: what CMA-ES learns from.
    for (std::size_t j = 0; j < params.size(); ++j) {
        const double value = trial.params[params[j]];
        if (std::isnan(value)) continue;
        x(static_cast<Eigen::Index>(j)) = to_cube(domain_of(study, params[j]), value);
    }
    samplers::AttributeUpdate update;
    update.trial = json{{kGenerationKey, run->generation},
                        {kPointKey, std::vector<double>(x.data(), x.data() + x.size())}};
    if (opens_generation) {
        (*update.trial)[kStateKey] = run->to_json();
        std::lock_guard lock(state_cache_.mutex);
        state_cache_.run = std::make_shared<const Run>(*run);
        state_cache_.trial_id = trial.id;
    }
    return update;
}

std::vector<double> CmaesSampler::decoded(const hpo_study_view &study, int64_t trial_index) const {
    std::vector<double> values(static_cast<std::size_t>(study.n_params), NAN);
    const auto point = samplers::numbers_attr(plugin_kit::trial_at(study, trial_index), kPointKey);
    const std::vector<int32_t> params = searched_params(study);
    if (!point || point->size() != params.size()) return values;
    for (std::size_t j = 0; j < params.size(); ++j) {
        const samplers::ParamDomain domain = domain_of(study, params[j]);
        const double u = (*point)[j];
        values[static_cast<std::size_t>(params[j])] = domain.to_value(domain.internal_low() + u * domain.internal_width());
    }
    return values;
}

double CmaesSampler::sample_independent(const hpo_study_view &study, int64_t trial_index,
                                        int32_t param) const {
    const double value = decoded(study, trial_index)[static_cast<std::size_t>(param)];
    if (!std::isnan(value)) return value;
    samplers::RandomStream rng = streams_.stream(study, trial_index, static_cast<uint64_t>(param));
    return domain_of(study, param).draw_prior(rng);
}

void CmaesSampler::sample_relative(const hpo_study_view &study, int64_t trial_index,
                                   std::span<const int32_t> subspace, std::span<double> out) const {
    const std::vector<double> values = decoded(study, trial_index);
    for (std::size_t i = 0; i < subspace.size(); ++i) out[i] = values[static_cast<std::size_t>(subspace[i])];
}

} // namespace hpo::cmaes
