// A study: its space, directions, trials, and the sampler and scheduler that decide them.
// Every public member is safe to call from many threads at once. The study's lock guards its
// state only; samplers and schedulers run outside it on snapshots, each instance behind its
// own lock unless it is thread-safe.
#pragma once

#include "plugin_instance.hpp"
#include "space.hpp"
#include "study_snapshot.hpp"
#include "trial_record.hpp"
#include "trial_store.hpp"
#include "trial_views.hpp"

#include <atomic>
#include <condition_variable>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <set>
#include <string>
#include <thread>
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

    // Parses hpo_study_create's config; errors name the bad key.
    static StudyConfig from_json(const json &config);
};

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
    json best_trial_json();
    json best_trials_json();
    std::size_t n_trials();

private:
    std::optional<int64_t> start_trial();
    // A new RUNNING trial, or the oldest WAITING one claimed; its number.
    int64_t open_trial_locked(bool &claimed);
    // The trial that start_trial opened gets nothing from the sampler: a claimed one fails, a
    // new one is dropped when nothing came after it, else it fails.
    void abandon_locked(int64_t number, bool claimed, const std::string &message);
    // With a store: reads what changed. A worker about to start a trial first fails stale
    // trials (heartbeats); a reader never writes, so a read-only storage can be read.
    void sync_locked(bool judge_stale = false);
    void merge_locked(const json &records);
    // Writes the named fields of a trial's record through to the store (nothing without
    // one); maps (params, attributes) merge there, so the fields are sent whole but no
    // other field is rewritten.
    void persist_locked(const TrialRecord &trial, std::initializer_list<const char *> fields);
    // Writes a patch of a trial's record through to the store (nothing without one), with
    // the define-by-run values chosen since its last write.
    void persist_patch_locked(const TrialRecord &trial, json patch);
    // Adds a new trial (WAITING or RUNNING) and returns its number.
    int64_t create_locked(TrialRecord trial);
    std::optional<int64_t> claim_waiting_locked();
    json study_record_locked() const;
    void adopt_stored_study(const json &stored);
    void beat_heart();
    // Runs the scheduler's on_trial_start for a trial that has just started.
    void start_scheduler(int64_t number);
    TrialRecord &running_trial(int64_t number, const char *operation);
    TrialRecord &trial_at(int64_t number);
    // Every change to a trial goes through these, so the plugin views and the state index
    // stay in step with the records.
    void changed_locked(const TrialRecord &trial) { views_.changed(trial.number); }
    void set_state_locked(TrialRecord &trial, hpo_trial_state state);
    // Moves a trial between the state indexes; nullopt: a trial coming into or leaving the list.
    void index_state_locked(int64_t number, std::optional<hpo_trial_state> before,
                            std::optional<hpo_trial_state> after);
    void end_locked(TrialRecord &trial, hpo_trial_state state, std::vector<double> values, std::string message);
    // Ends a running trial FAIL on the engine's own word (stop_trial, a conflicting suggest).
    void stop_locked(TrialRecord &trial, const std::string &message);
    std::unique_ptr<StudySnapshot> snapshot_locked();
    // Widens every trial's params to the space's size after it grew.
    void widen_params_locked();
    void add_param_locked(const Param &param);
    // Chooses a starting trial's parameters: the sampler's relative proposals, then each
    // declared parameter in turn; proposals for define-by-run parameters are kept for their
    // suggest call. False when the sampler has nothing left to propose.
    bool propose(const Space &space, const std::vector<bool> &declared, TrialRecord &trial,
                 StudySnapshot &snapshot, int64_t index, std::vector<double> &proposals);
    std::optional<double> sample_one(const StudySnapshot &snapshot, int64_t index, std::size_t param);
    double checked_proposal(const Space &space, std::size_t param, double value) const;

    std::shared_ptr<Registry> registry_;
    StudyConfig config_;
    std::unique_ptr<TrialStore> store_;  // null for memory:
    std::string worker_;                 // this process's name in shared storages
    std::unique_ptr<PluginInstance<hpo_sampler_ops>> sampler_;
    std::unique_ptr<PluginInstance<hpo_scheduler_ops>> scheduler_;

    std::atomic<bool> stop_requested_{false};
    mutable std::mutex mutex_;
    std::shared_ptr<const Space> space_;  // copied on write: snapshots keep their own
    std::vector<bool> declared_;          // per parameter: declared (sampled at ask) or define-by-run
    std::deque<TrialRecord> trials_;      // by number; a deque, so growth never moves them
    TrialViews views_;                    // the trials as plugins see them
    std::set<int64_t> waiting_, running_;  // numbers of the trials in these states
    std::set<int64_t> stopped_;            // ended by the engine while their objective ran
    std::unordered_map<int64_t, int64_t> number_of_id_;  // with a store, whose ids differ
    // Running trials whose define-by-run values are not yet in the store: they go with the
    // trial's next write (a report, an attribute, its end, a heartbeat), so a trial of ten
    // suggestions costs one write, not ten. A crash loses them only for a trial never ended.
    std::set<int64_t> unsaved_params_;
    // Proposals of a relative sampler for define-by-run parameters of running trials, used
    // when suggested.
    std::unordered_map<int64_t, std::vector<double>> proposals_;
    json objective_;
    std::function<void(int64_t, hpo_trial_state)> on_trial_end_;

    // The heartbeat thread, while a study with heartbeats lives.
    std::mutex heartbeat_mutex_;
    std::condition_variable heartbeat_wake_;
    bool closing_ = false;
    std::thread heartbeat_;
    std::chrono::steady_clock::time_point last_stale_check_{};  // of sync_locked
};

}  // namespace hpo
