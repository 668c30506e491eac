// A study: its space, directions, trials, and the sampler and scheduler that decide them.
// Every public member is safe to call from many threads at once. The study's lock guards its
// state only; samplers and schedulers run outside it on snapshots, each instance behind its
// own lock unless it is thread-safe.
//
// The study's work is split by job: study.cpp (life, define-by-run, reports, ends),
// study_ask.cpp (starting a trial, step by step), study_attrs.cpp (what samplers and
// schedulers record), study_record.cpp (the study record a storage keeps),
// study_heartbeat.cpp (heartbeats, lost trials and their retries), study_reading.cpp (what
// readers ask: trials, best trials, the Pareto front).
#pragma once

#include "heartbeat.hpp"
#include "plugin_instance.hpp"
#include "space.hpp"
#include "study_snapshot.hpp"
#include "study_store.hpp"
#include "trial_record.hpp"
#include "trial_table.hpp"

#include <atomic>
#include <chrono>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <set>
#include <string>
#include <unordered_map>
#include <vector>

namespace hpo {

class Registry;

struct StudyConfig {
    std::string name;
    std::vector<int32_t> directions;  // hpo_direction
    bool directions_given = true;     // false: one "minimize", unless a stored study says otherwise
    Space space;
    std::string sampler = "random";
    json sampler_options = json::object();
    bool sampler_given = false;       // false: a stored study's sampler, else "random"
    std::string scheduler;            // "" for none
    json scheduler_options = json::object();
    bool scheduler_given = false;     // false: a stored study's scheduler, if any
    std::string storage = "memory:";
    bool load_if_exists = false;
    bool load_only = false;  // the stored study must exist (load_study): never create one
    uint64_t seed = 0;
    bool seed_given = false;
    // Heartbeats (persistent storages): a RUNNING trial whose worker has been silent for
    // grace seconds is failed, and with retry enqueued again with its parameters. Persistent
    // storages beat every 10 s with a minute's grace unless told otherwise ("heartbeat": false).
    double heartbeat_interval = 10;  // seconds; 0: no heartbeats
    double grace_period = 60;
    bool retry_failed = false;
    // Seconds a storage may stay busy (locked by another process, out of reach) before a
    // call gives up with HPO_EBUSY.
    double storage_timeout = 60;
    // The study-wide trial budget: every worker together creates no more than this many
    // trials (0: none). The stored study keeps it; the storage refuses a trial past it.
    int64_t max_trials = 0;
    bool max_trials_given = false;  // false: a stored study's budget, if any

    // Parses hpo_study_create's config; errors name the bad key.
    static StudyConfig from_json(const json &config);
};

// A plugin named in a study config, with its options.
struct PluginChoice {
    std::string name;
    json options = json::object();
};

// The "fallback" of a sampler's options, taken out of them: the engine reads it, the sampler
// never sees it. nullopt when none is named.
std::optional<PluginChoice> take_fallback(json &sampler_options);

// A name for this process among the workers of a shared study: host:pid:random.
std::string worker_name();

class Study {
public:
    Study(std::shared_ptr<Registry> registry, StudyConfig config);
    ~Study();

    const std::string &name() const { return config_.name; }
    std::size_t n_objectives() const { return config_.directions.size(); }
    const std::shared_ptr<Registry> &registry() const { return registry_; }
    uint64_t seed() const { return config_.seed; }

    // Starts a trial and returns its number, or nullopt when the sampler has nothing left.
    std::optional<int64_t> ask();
    void enqueue(const json &params);
    // Adds declared parameters (an objective's space) to the study's.
    void declare(const Space &space);
    // What the objective plugin of the last optimize run says of itself (its optimum...),
    // shown in info_json.
    void set_objective(json objective);

    // Define-by-run: the trial's value for `name` (internal; NaN when inactive), sampling
    // it now unless already chosen. `distribution` null: the parameter must be known. A
    // distribution other than the study's fails the trial (the study's definition stands)
    // and throws HPO_EINVAL naming both.
    double suggest(int64_t number, const std::string &name, const json &distribution);
    // The same with the distribution parsed already (the C API's typed suggestions); null:
    // the parameter must be known.
    double suggest(int64_t number, const std::string &name, const Param *asked);
    int64_t trial_id(int64_t number);
    double param(int64_t number, const std::string &name);
    json params_json(int64_t number);
    // Records an intermediate value (NaN too: schedulers take it as the worst); returns
    // whether the scheduler would prune. A trial the engine stopped is always to prune.
    bool report(int64_t number, int64_t step, double value);
    bool should_prune(int64_t number);
    // Ends a RUNNING trial FAIL on the engine's own word (its time ran out), while its
    // objective may still be running: from then on reports answer "prune", suggestions fail
    // with HPO_ESTATE and its outcome is dropped. False when the trial had already ended.
    bool stop_trial(int64_t number, const std::string &message);
    // Whether the engine ended this trial while its objective ran (stop_trial, a conflict).
    bool stopped(int64_t number);
    void set_user_attr(int64_t number, const std::string &key, json value);
    // Records a running trial's constraint values (feasible when every one is <= 0),
    // replacing earlier ones; NaN is refused with HPO_EINVAL.
    void set_constraints(int64_t number, std::vector<double> values);
    // Ends a RUNNING trial. NaN values fail it; infinite ones are kept (a penalty is a value).
    // The sampler's after_trial runs once the outcome is recorded; its error is thrown after.
    void tell(int64_t number, hpo_trial_state state, std::vector<double> values, std::string message);

    // One trial in the form of trials_json.
    json trial_json(int64_t number);
    // Called after each trial this study object ends, outside its lock.
    void set_trial_end_callback(std::function<void(int64_t, hpo_trial_state)> callback);
    // Asks a running optimize loop to start no more trials; the loop clears it on start.
    void request_stop() { stop_requested_ = true; }
    bool stop_requested() const { return stop_requested_; }
    void clear_stop() { stop_requested_ = false; }

    // {"study", "storage", "directions", "seed"}: where another process finds this study.
    json run_description() const;

    // Readers first catch up with what other workers wrote to a shared storage.
    json info_json();
    json trials_json();
    // The best trial of one objective: feasible trials before infeasible ones, which rank by
    // their constraint violation (Deb's rule), then by value.
    json best_trial_json();
    // The front of trials no other trial dominates under the same rule.
    json best_trials_json();
    std::size_t n_trials();
    // Parameter importances by fANOVA (study_importance.cpp): options and answer as
    // hpo_study_param_importances documents them. The forests are fitted outside the lock.
    json param_importances(const json &options);

private:
    // ---- starting a trial (study_ask.cpp) -------------------------------------------------
    struct OpenedTrial {
        int64_t number;
        bool claimed;  // an enqueued trial, rather than a new one
    };
    struct Proposal {
        std::vector<double> params;     // the trial's values, declared parameters chosen
        std::vector<double> proposals;  // the sampler's values for define-by-run parameters
        bool complete = true;           // false: the sampler had nothing left to propose
    };
    std::optional<int64_t> start_trial();
    // Step 1: the oldest WAITING trial claimed, or a new RUNNING one. The trial exists, with
    // its final number, before the sampler runs: samplers key their random streams by trial
    // number, and parallel workers must not share one. nullopt: the trial budget is spent.
    std::optional<OpenedTrial> open_trial();
    // Step 2: the sampler's before_trial records what it decides for the trial (a genetic
    // sampler's parents) in the trial's and the study's system attributes.
    // A fallback's before_trial runs after the sampler's, under its own lock.
    void prepare_sampler(const PluginInstance<hpo_sampler_ops> &sampler, int64_t number);
    // Step 3: the sampler's relative proposal, then each declared parameter in turn, parents
    // before children; proposals for define-by-run parameters wait for their suggest call.
    Proposal propose(int64_t number);
    // Step 4: the chosen values become the trial's.
    void commit(int64_t number, Proposal proposal);
    // Step 5: the scheduler's on_trial_start (a Hyperband bracket).
    void start_scheduler(int64_t number);
    // The trial that start_trial opened gets nothing from the sampler: a claimed one fails, a
    // new one is dropped when nothing came after it and the store forgets, else it fails.
    void abandon(const OpenedTrial &opened, const std::string &message);
    // One parameter from the independent sampler, its lock taken here when it is the fallback
    // (callers hold the sampler's own).
    std::optional<double> sample_one(const StudySnapshot &snapshot, int64_t index, std::size_t param);
    // What samples one parameter at a time: the fallback when the sampler's options name one.
    const PluginInstance<hpo_sampler_ops> &independent_sampler() const { return fallback_ ? *fallback_ : *sampler_; }
    double checked_proposal(const Space &space, std::size_t param, double value) const;
    // Adds a new trial (WAITING or RUNNING) and returns its number.
    int64_t create_locked(TrialRecord trial);
    std::optional<int64_t> claim_waiting_locked();

    // ---- attributes plugins record (study_attrs.cpp) --------------------------------------
    // Merges what a plugin's operation returned (JSON object texts, "" for none) into the
    // trial's and the study's system attributes, and writes them through. `source` names the
    // plugin and the operation for errors.
    void merge_plugin_attrs(const std::string &source, int64_t number, const std::string &trial_attrs,
                            const std::string &study_attrs);
    void merge_trial_attrs_locked(TrialRecord &trial, const json &attrs);
    void merge_study_attrs_locked(const json &attrs);
    void adopt_study_attrs_locked(json attrs);
    // The sampler's after_trial (1.0) or after_trial_v2 (1.1), for a trial just ended.
    void finish_sampler(const PluginInstance<hpo_sampler_ops> &sampler, int64_t number);
    // The fallback's instance; an unknown name, or a sampler with no sample_relative, fails
    // naming the option.
    std::unique_ptr<PluginInstance<hpo_sampler_ops>> make_fallback(const PluginChoice &fallback) const;

    // ---- the stored study (study_record.cpp) ----------------------------------------------
    json study_record_locked() const;
    // What a stored study fixes for good (directions, seed, plugins), taken once at open:
    // workers read these without the lock, so a record read back later must not touch them.
    void adopt_stored_identity(const json &stored);
    // The stored study's trial budget; a different one named in the config is refused.
    void adopt_stored_budget(const json &stored);
    // What a stored study may gain while workers run: parameters, objective, attributes.
    void adopt_stored_contents(const json &stored);
    // Reads what changed in the store; a worker about to start a trial first fails stale
    // trials (heartbeats). A reader never writes, so a read-only storage can be read.
    void sync_locked(bool judge_stale = false);
    void merge_locked(const json &records);
    // A stored COMPLETE trial without one value per objective becomes a FAIL trial saying so.
    void fail_damaged_complete_locked(TrialRecord &trial) const;
    // Writes the named fields of a trial's record through to the store; maps (params,
    // attributes) merge there, so the fields are sent whole but no other field is rewritten.
    void persist_locked(const TrialRecord &trial, std::initializer_list<const char *> fields);
    void persist_patch_locked(const TrialRecord &trial, json patch);

    // ---- heartbeats and lost trials (study_heartbeat.cpp) ---------------------------------
    void beat_heart();
    // Trials failed because their heartbeat stopped: their objectives (if still running
    // here) must record nothing, and with retry_failed they are enqueued again.
    void take_lost_trials_locked(const std::vector<int64_t> &ids);

    // ---- state helpers (study.cpp; called with mutex_ held) -------------------------------
    TrialRecord &running_trial(int64_t number, const char *operation);
    TrialRecord &trial_at(int64_t number);
    void end_locked(TrialRecord &trial, hpo_trial_state state, std::vector<double> values, std::string message);
    // Ends a running trial FAIL on the engine's own word (stop_trial, a conflicting suggest).
    void stop_locked(TrialRecord &trial, const std::string &message);
    // A snapshot shaped for the plugin that will read it (its ABI version's trial views).
    template <class Ops>
    std::unique_ptr<StudySnapshot> snapshot_locked(const PluginInstance<Ops> &reader) {
        return std::make_unique<StudySnapshot>(space_, config_.directions,
                                               table_.lease(space_->size(), reader.trial_view_stride()),
                                               config_.seed, study_attrs_text_);
    }
    void add_param_locked(const Param &param);

    std::shared_ptr<Registry> registry_;
    StudyConfig config_;
    std::string worker_;  // this process's name in shared storages
    std::unique_ptr<PluginInstance<hpo_sampler_ops>> sampler_;
    // The sampler's options' "fallback": asked for what sample_relative leaves (NaN), in place
    // of the sampler's own sample_independent. Null when none is named.
    std::unique_ptr<PluginInstance<hpo_sampler_ops>> fallback_;
    std::unique_ptr<PluginInstance<hpo_scheduler_ops>> scheduler_;

    std::atomic<bool> stop_requested_{false};
    mutable std::mutex mutex_;
    TrialTable table_;
    std::unique_ptr<StudyStore> store_;   // after table_, which a memory store holds
    std::shared_ptr<const Space> space_;  // copied on write: snapshots keep their own
    std::vector<bool> declared_;          // per parameter: declared (sampled at ask) or define-by-run
    json study_attrs_ = json::object();   // the study's system attributes
    std::shared_ptr<const std::string> study_attrs_text_;  // as snapshots hand them to plugins
    std::set<int64_t> stopped_;           // ended by the engine while their objective ran
    // Proposals of a relative sampler for define-by-run parameters of running trials, used
    // when suggested.
    std::unordered_map<int64_t, std::vector<double>> proposals_;
    json objective_;
    std::function<void(int64_t, hpo_trial_state)> on_trial_end_;
    std::chrono::steady_clock::time_point last_stale_check_{};  // of sync_locked
    std::unique_ptr<Heartbeat> heartbeat_;  // last: stopped before anything it uses goes
};

}  // namespace hpo
