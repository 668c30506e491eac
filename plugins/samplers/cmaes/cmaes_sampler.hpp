// CMA-ES for one objective over the study's numeric parameters (float and int, unconditional),
// each mapped onto [0, 1] in its internal space (log space for a log parameter); ints and
// stepped floats are snapped onto their grid, with a margin that keeps them moving
// (cma_distribution.hpp). Categorical and conditional parameters are left to the fallback,
// independent draws from their priors.
//
// State lives in the study, so every worker samples one distribution and a restart resumes it:
// - each trial records, when it starts, the generation it was sampled from
//   ("cmaes:generation") and its point in the cube ("cmaes:x"), the unsnapped sample CMA-ES
//   learns from;
// - the trial that opens a generation also records the distribution ("cmaes:state"): the
//   numeric parameters it covers, its generation (counted across restarts) and the number of
//   restarts. Not a key of the study: workers open generations from views of different ages,
//   and a study key keeps the last write, so a worker with an old view would set the
//   distribution back.
// When a trial starts and popsize trials of the current generation have completed, the first
// popsize of them (by number) update the distribution, or, under IPOP, a stalled run restarts
// from a random mean with a population inc_popsize times larger. A worker never waits: trials
// started meanwhile join the generation in progress.
//
// With the surrogate (lq-CMA-ES, lq_model.hpp), the trial that opens a generation also draws
// its popsize candidates and records the order the model ranks them in; the generation's
// trials take them in that order. When 1, 2, 3, 5, 8, ... of them have completed, the model is
// fitted again with them, and if it ranks the run's newest trials as their values do, the
// whole generation is ranked by the model and updates the distribution: the candidates no
// trial took count at the points they would have had.
#pragma once

#include "cma_distribution.hpp"
#include "cmaes_options.hpp"
#include "lq_model.hpp"

#include <sampler_adapter.hpp>
#include <trial_memo.hpp>
#include <trial_streams.hpp>

#include <hpo/plugin.h>
#include <hpo_kit/plugin_library.hpp>

#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <span>
#include <vector>

namespace hpo::cmaes {

class CmaesSampler {
public:
    static constexpr plugin_kit::About about{
        "cmaes",
        "CMA-ES (Hansen) with IPOP restarts, separable and learning-rate-adapted variants, a "
        "margin for int and stepped parameters; state kept in the study",
        kCmaesOptionsSchema, HPO_PLUGIN_THREAD_SAFE};

    CmaesSampler(const plugin_kit::Options &options, const plugin_kit::Host &host)
        : CmaesSampler(CmaesOptions::from(options), host.seed()) {}
    CmaesSampler(CmaesOptions options, uint64_t seed) : options_(options), streams_(seed) {}

    samplers::AttributeUpdate before_trial(const hpo_study_view &study, int64_t trial_index) const;
    double sample_independent(const hpo_study_view &study, int64_t trial_index,
                              int32_t param) const;
    void sample_relative(const hpo_study_view &study, int64_t trial_index,
                         std::span<const int32_t> subspace, std::span<double> out) const;

    // The parameters CMA-ES searches: numeric, unconditional, with a range to move in.
    static std::vector<int32_t> searched_params(const hpo_study_view &study);

private:
    struct Run; // the distribution and its bookkeeping, as kept on the trials
    // What a trial records when it is sampled, and keeps: its generation, and whether it opened
    // that generation (its attributes then hold the distribution).
    struct Sampled {
        int64_t generation = 0;
        bool opened = false;
        std::shared_ptr<const Eigen::VectorXd> point; // in the cube; null when it has none
    };
    using History = std::vector<std::optional<Sampled>>; // per trial of a view, in its order

    // A completed trial of the current generation.
    struct Told {
        int64_t number;
        Eigen::VectorXd x;
        double loss;
    };
    using Ranked = std::vector<std::pair<Eigen::VectorXd, double>>;

    Run start_run(const hpo_study_view &study, const std::vector<int32_t> &params) const;
    // The surrogate of a run as one view shows it: the samples it learns from (the run's
    // completed trials, newest first) and the model fitted to them, if any. Fitted once per
    // ask: one that closes a generation by the model orders the next one by the same fit.
    struct Fitted {
        int64_t first_generation;
        std::vector<Observation> samples;
        std::optional<LqModel> model;
    };
    using FitCache = std::optional<Fitted>;
    const Fitted &fitted(const hpo_study_view &study, const History &history, const Run &run,
                         FitCache &cache) const;

    // Tells the run its generation's trials when popsize of them have completed, or when the
    // surrogate can rank the generation from those that have; false when neither holds yet.
    bool advance(const hpo_study_view &study, const History &history, int64_t trial_index,
                 int64_t opener_number, Run &run, FitCache &cache) const;
    // The generation ranked by the surrogate; nullopt unless it is trusted now.
    std::optional<Ranked> surrogate_ranked(const hpo_study_view &study, const History &history,
                                           const Run &run, int64_t opener_number,
                                           const std::vector<Told> &told, FitCache &cache) const;
    // The order in which the trials of a generation take its candidates (`points`),
    // likeliest best first; empty (by offset) without a model.
    std::vector<int64_t> evaluation_order(const hpo_study_view &study, const History &history,
                                          const Run &run, const std::vector<Eigen::VectorXd> &points,
                                          FitCache &cache) const;
    // The points of a generation's candidates 0 .. popsize - 1.
    std::vector<Eigen::VectorXd> candidates(const Run &run, int64_t opener_number) const;
    CmaSettings settings(const hpo_study_view &study, const std::vector<int32_t> &params) const;
    // The trial's values from its recorded point, one per parameter of the study: NaN for a
    // parameter it does not hold, all NaN when the trial has no point. One read of the
    // trial's point serves every parameter of a relative proposal.
    std::vector<double> decoded(const hpo_study_view &study, int64_t trial_index) const;

    // The run recorded by the trial that opened the newest generation, and that trial's number;
    // a null run before any has.
    struct Newest {
        std::shared_ptr<const Run> run;
        int64_t opener_number = 0;
    };
    Newest newest_run(const hpo_study_view &study, const History &history) const;
    // The standard normal draw of trial `number` in the generation opened by `opener_number`,
    // whose trials take its candidates in `order`.
    Eigen::VectorXd standard_draw(int64_t number, int64_t opener_number,
                                  const std::vector<int64_t> &order, Eigen::Index n) const;
    // The standard normal draw of candidate `candidate` of that generation.
    Eigen::VectorXd candidate_draw(int64_t opener_number, int64_t candidate, Eigen::Index n) const;
    // A draw of trial `number`'s own stream, independent of every other trial's.
    Eigen::VectorXd independent_draw(int64_t number, Eigen::Index n) const;

    CmaesOptions options_;
    samplers::TrialStreams streams_;
    // The newest run as last read or written, with the id of the trial that holds it: a
    // trial's state is written once, when it opens its generation, and never again, so the
    // id stands for the text, and an instance that has just opened a generation need not
    // parse back what it wrote (with the surrogate, nearly every ask opens one). Shared by
    // the threads one instance serves.
    struct StateCache {
        std::mutex mutex;
        int64_t trial_id = -1;
        std::shared_ptr<const Run> run;
    };
    mutable StateCache state_cache_;
    // Each trial's Sampled, read from its attributes' text once (samplers::TrialMemo).
    samplers::TrialMemo<Sampled> sampled_;
};

} // namespace hpo::cmaes
