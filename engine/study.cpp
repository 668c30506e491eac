#include "study.hpp"

#include "registry.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

namespace hpo {
namespace {

constexpr double nan = std::numeric_limits<double>::quiet_NaN();

std::string trial_name(int64_t number) { return "trial " + std::to_string(number); }

// True when a's values are at least as good as b's everywhere and better somewhere.
bool dominates(const std::vector<double> &a, const std::vector<double> &b, const std::vector<int32_t> &directions) {
    bool better = false;
    for (std::size_t k = 0; k < directions.size(); ++k) {
        const double sign = directions[k] == HPO_MAXIMIZE ? -1.0 : 1.0;
        if (sign * a[k] > sign * b[k]) return false;
        if (sign * a[k] < sign * b[k]) better = true;
    }
    return better;
}

// Whether a suggest call's distribution is the study's: a declared parameter's condition is
// the study's business, so a suggestion that gives none matches it whatever it is.
// Field by field, as every suggest call of every trial asks this.
bool asked_as_defined(const Param &defined, const Param &asked) {
    const bool same_condition = asked.parent.empty() ||
                                (asked.parent == defined.parent && asked.parent_choices == defined.parent_choices);
    return same_condition && defined.kind == asked.kind && defined.low == asked.low && defined.high == asked.high &&
           defined.step == asked.step && defined.log == asked.log && defined.prior == asked.prior &&
           defined.prior_mu == asked.prior_mu && defined.prior_sigma == asked.prior_sigma &&
           defined.choices == asked.choices;
}

}  // namespace

Study::Study(std::shared_ptr<Registry> registry, StudyConfig config)
    : registry_(std::move(registry)), config_(std::move(config)) {
    space_ = std::make_shared<const Space>(config_.space);
    declared_.assign(space_->size(), true);
    if (config_.storage != "memory:" && !config_.storage.empty()) {
        store_ = std::make_unique<TrialStore>(*registry_, config_.storage, config_.seed);
        worker_ = worker_name();
        adopt_stored_study(config_.load_only ? store_->load_study(config_.name)
                                             : store_->open_study(study_record_locked(), config_.load_if_exists));
        sync_locked();
    }
    // Plugins after the store: a stored study's seed seeds them.
    const PluginEntry &sampler = registry_->find(HPO_PLUGIN_SAMPLER, config_.sampler);
    sampler_ = std::make_unique<PluginInstance<hpo_sampler_ops>>(
        sampler, config_.sampler_options, derive_seed(config_.seed, HPO_PLUGIN_SAMPLER, config_.sampler));
    if (!config_.scheduler.empty()) {
        const PluginEntry &scheduler = registry_->find(HPO_PLUGIN_SCHEDULER, config_.scheduler);
        scheduler_ = std::make_unique<PluginInstance<hpo_scheduler_ops>>(
            scheduler, config_.scheduler_options,
            derive_seed(config_.seed, HPO_PLUGIN_SCHEDULER, config_.scheduler));
    }
    // Last: nothing after it may throw, or the thread would outlive a study never built.
    if (store_ && config_.heartbeat_interval > 0) heartbeat_ = std::thread([this] { beat_heart(); });
}

Study::~Study() {
    if (!heartbeat_.joinable()) return;
    {
        std::lock_guard lock(heartbeat_mutex_);
        closing_ = true;
    }
    heartbeat_wake_.notify_all();
    heartbeat_.join();
}

// ---------------------------------------------------------------------------------------
// State helpers (called with mutex_ held)

TrialRecord &Study::running_trial(int64_t number, const char *operation) {
    if (number < 0 || number >= static_cast<int64_t>(trials_.size())) {
        fail(HPO_ENOTFOUND, std::string(operation) + ": no " + trial_name(number) + " in study \"" + name() + "\"");
    }
    TrialRecord &trial = trials_[static_cast<std::size_t>(number)];
    if (stopped_.count(number) != 0) {
        fail(HPO_ESTATE, std::string(operation) + ": " + trial_name(number) + " was stopped: " + trial.message);
    }
    if (trial.state != HPO_TRIAL_RUNNING) {
        fail(HPO_ESTATE, std::string(operation) + ": " + trial_name(number) + " is " +
                             trial_state_name(trial.state) + ", not RUNNING");
    }
    return trial;
}

TrialRecord &Study::trial_at(int64_t number) {
    if (number < 0 || number >= static_cast<int64_t>(trials_.size())) {
        fail(HPO_ENOTFOUND, "no " + trial_name(number) + " in study \"" + name() + "\"");
    }
    return trials_[static_cast<std::size_t>(number)];
}

std::unique_ptr<StudySnapshot> Study::snapshot_locked() {
    return std::make_unique<StudySnapshot>(space_, config_.directions, views_.lease(trials_, space_->size()),
                                           config_.seed);
}

void Study::index_state_locked(int64_t number, std::optional<hpo_trial_state> before,
                               std::optional<hpo_trial_state> after) {
    if (before == after) return;
    if (before == HPO_TRIAL_WAITING) waiting_.erase(number);
    if (before == HPO_TRIAL_RUNNING) running_.erase(number);
    if (after == HPO_TRIAL_WAITING) waiting_.insert(number);
    if (after == HPO_TRIAL_RUNNING) running_.insert(number);
}

void Study::set_state_locked(TrialRecord &trial, hpo_trial_state state) {
    index_state_locked(trial.number, trial.state, state);
    trial.state = state;
    changed_locked(trial);
}

void Study::end_locked(TrialRecord &trial, hpo_trial_state state, std::vector<double> values, std::string message) {
    set_state_locked(trial, state);
    trial.values = std::move(values);
    trial.message = std::move(message);
    trial.completed = Clock::now();
    proposals_.erase(trial.number);
}

void Study::widen_params_locked() {
    for (auto &trial : trials_) trial.params.resize(space_->size(), nan);
    for (auto &[number, proposal] : proposals_) proposal.resize(space_->size(), nan);
    views_.changed_all();
}

void Study::add_param_locked(const Param &param) {
    const int existing = space_->index_of(param.name);
    if (existing >= 0 && (*space_)[static_cast<std::size_t>(existing)].same_distribution(param)) return;
    auto grown = std::make_shared<Space>(*space_);
    grown->add(param);  // throws when the name exists with another distribution
    space_ = std::move(grown);
    declared_.push_back(false);
    widen_params_locked();
    if (store_) store_->update_study(study_record_locked());
}

void Study::declare(const Space &space) {
    std::lock_guard lock(mutex_);
    for (std::size_t i = 0; i < space.size(); ++i) {
        add_param_locked(space[i]);
        declared_[static_cast<std::size_t>(space_->index_of(space[i].name))] = true;
    }
    if (store_) store_->update_study(study_record_locked());
}

void Study::set_objective(json objective) {
    std::lock_guard lock(mutex_);
    if (objective_ == objective) return;
    objective_ = std::move(objective);
    if (store_) store_->update_study(study_record_locked());  // so a reader sees what it measures
}

// ---------------------------------------------------------------------------------------
// Ask

std::optional<int64_t> Study::ask() {
    const auto number = start_trial();
    if (number) start_scheduler(*number);
    return number;
}

std::optional<int64_t> Study::start_trial() {
    // The sampler's lock spans from its snapshot to the chosen parameters, so a sampler that
    // is not thread-safe always sees every trial proposed before (a grid never repeats).
    auto sampler_lock = sampler_->lock();
    bool claimed = false;
    int64_t number;
    TrialRecord trial;
    std::unique_ptr<StudySnapshot> snapshot;
    std::shared_ptr<const Space> space;
    std::vector<bool> declared;
    {
        std::lock_guard lock(mutex_);
        sync_locked(/*judge_stale=*/true);
        // The trial exists, with its final number, before the sampler runs: samplers key
        // their random streams by trial number, and parallel workers must not share one.
        number = open_trial_locked(claimed);
        trial = trials_[static_cast<std::size_t>(number)];
        snapshot = snapshot_locked();
        space = space_;
        declared = declared_;
    }
    std::vector<double> proposals(space->size(), nan);
    bool proposed = false;
    try {
        proposed = propose(*space, declared, trial, *snapshot, number, proposals);
    } catch (const Error &e) {
        std::lock_guard lock(mutex_);
        abandon_locked(number, claimed, e.what());
        throw;
    }
    snapshot.reset();  // its lease goes back before the trial changes

    std::lock_guard lock(mutex_);
    if (!proposed) {
        abandon_locked(number, claimed, "sampler \"" + config_.sampler + "\" had nothing left to propose");
        return std::nullopt;
    }
    TrialRecord &stored = trials_[static_cast<std::size_t>(number)];
    trial.params.resize(space_->size(), nan);  // the space may have grown meanwhile
    stored.params = std::move(trial.params);
    changed_locked(stored);
    persist_locked(stored, {"params"});
    proposals.resize(space_->size(), nan);
    proposals_[number] = std::move(proposals);
    return number;
}

int64_t Study::open_trial_locked(bool &claimed) {
    if (const auto waiting = claim_waiting_locked()) {
        claimed = true;
        return *waiting;
    }
    claimed = false;
    TrialRecord trial;
    trial.state = HPO_TRIAL_RUNNING;
    trial.params.assign(space_->size(), nan);
    return create_locked(std::move(trial));
}

void Study::abandon_locked(int64_t number, bool claimed, const std::string &message) {
    TrialRecord &trial = trials_[static_cast<std::size_t>(number)];
    if (trial.state != HPO_TRIAL_RUNNING) return;
    const bool last = number + 1 == static_cast<int64_t>(trials_.size());
    if (!claimed && !store_ && last) {
        // In memory a trial no one has seen end can go: an exhausted grid leaves no trace.
        index_state_locked(number, trial.state, std::nullopt);
        proposals_.erase(number);
        trials_.pop_back();
        return;
    }
    end_locked(trial, HPO_TRIAL_FAIL, {}, message);
    persist_locked(trial, {"state", "message", "datetime_complete"});
}

bool Study::propose(const Space &space, const std::vector<bool> &declared, TrialRecord &trial,
                    StudySnapshot &snapshot, int64_t index, std::vector<double> &proposals) {
    const auto &ops = sampler_->ops();
    if (HPO_INSTANCE_HAS(*sampler_, hpo_sampler_ops, sample_relative)) {
        std::vector<int32_t> subspace;
        for (std::size_t i = 0; i < space.size(); ++i) {
            if (std::isnan(trial.params[i])) subspace.push_back(static_cast<int32_t>(i));
        }
        if (!subspace.empty()) {
            std::vector<double> out(subspace.size(), nan);
            const int32_t status = check_plugin_status(
                ops.sample_relative(sampler_->self(), snapshot.view(), index, subspace.data(),
                                    static_cast<int32_t>(subspace.size()), out.data()),
                sampler_->entry(), "sample_relative");
            if (status == HPO_DONE) return false;
            for (std::size_t k = 0; k < subspace.size(); ++k) proposals[static_cast<std::size_t>(subspace[k])] = out[k];
        }
    }
    // Declared parameters are all chosen now, parents before children, so a condition is
    // decided by values already chosen; the others wait for their suggest call.
    for (std::size_t i = 0; i < space.size(); ++i) {
        if (!declared[i]) continue;
        if (!space.is_active(i, trial.params.data())) {
            trial.params[i] = nan;
            snapshot.set_param(index, i, nan);
            continue;
        }
        if (!std::isnan(trial.params[i])) continue;  // enqueued
        double value = proposals[i];
        proposals[i] = nan;
        if (std::isnan(value)) {
            const auto sampled = sample_one(snapshot, index, i);
            if (!sampled) return false;
            value = *sampled;
        }
        value = checked_proposal(space, i, value);
        trial.params[i] = value;
        snapshot.set_param(index, i, value);
    }
    return true;
}

std::optional<double> Study::sample_one(const StudySnapshot &snapshot, int64_t index, std::size_t param) {
    double value = nan;
    const int32_t status = check_plugin_status(
        sampler_->ops().sample_independent(sampler_->self(), snapshot.view(), index,
                                           static_cast<int32_t>(param), &value),
        sampler_->entry(), "sample_independent");
    if (status == HPO_DONE) return std::nullopt;
    return value;
}

double Study::checked_proposal(const Space &space, std::size_t param, double value) const {
    if (!std::isfinite(value)) {
        fail(HPO_EPLUGIN, "sampler \"" + config_.sampler + "\" proposed " + std::to_string(value) +
                              " for parameter \"" + space[param].name + "\"");
    }
    return space.snap(param, value);
}

void Study::enqueue(const json &params) {
    if (!params.is_object()) fail(HPO_EINVAL, "enqueue: parameters must be a JSON object of name -> value");
    std::lock_guard lock(mutex_);
    TrialRecord trial;
    trial.state = HPO_TRIAL_WAITING;
    trial.params.assign(space_->size(), nan);
    for (const auto &item : params.items()) {
        const int index = space_->index_of(item.key());
        if (index < 0) {
            // Define-by-run parameters become known when first suggested: keep the value until then.
            trial.fixed_params[item.key()] = item.value();
            continue;
        }
        trial.params[static_cast<std::size_t>(index)] = space_->to_internal(static_cast<std::size_t>(index), item.value());
    }
    create_locked(std::move(trial));
}

// ---------------------------------------------------------------------------------------
// Inside a trial

double Study::suggest(int64_t number, const std::string &name, const json &distribution) {
    if (distribution.is_null()) return suggest(number, name, nullptr);
    const Param asked = Param::from_json(name, distribution);
    return suggest(number, name, &asked);
}

double Study::suggest(int64_t number, const std::string &name, const Param *asked_for) {
    std::unique_ptr<StudySnapshot> snapshot;
    std::size_t index;
    {
        std::lock_guard lock(mutex_);
        TrialRecord &trial = running_trial(number, "suggest");
        if (asked_for != nullptr) {
            const Param &asked = *asked_for;
            const int existing = space_->index_of(name);
            if (existing < 0) {
                add_param_locked(asked);
            } else if (!asked_as_defined((*space_)[static_cast<std::size_t>(existing)], asked)) {
                // The study's definition stands; this trial cannot be what its objective
                // asked for, so it fails, and the study goes on.
                const std::string message = "suggest: parameter \"" + name + "\" is defined in study \"" +
                                            config_.name + "\" as " +
                                            (*space_)[static_cast<std::size_t>(existing)].to_json().dump() + "; " +
                                            trial_name(number) + " asked for " + asked.to_json().dump();
                stop_locked(trial, message);
                fail(HPO_EINVAL, message);
            }
        }
        const int found = space_->index_of(name);
        if (found < 0) {
            fail(HPO_ENOTFOUND, "suggest: parameter \"" + name +
                                    "\" is not in the study's space; give its distribution");
        }
        index = static_cast<std::size_t>(found);
        if (!std::isnan(trial.params[index])) return trial.params[index];
        if (trial.fixed_params.contains(name)) {
            trial.params[index] = space_->to_internal(index, trial.fixed_params[name]);
            trial.fixed_params.erase(name);
            changed_locked(trial);
            if (store_) unsaved_params_.insert(number);
            return trial.params[index];
        }
        if (!space_->is_active(index, trial.params.data())) return nan;
        const auto proposal = proposals_.find(number);
        if (proposal != proposals_.end() && index < proposal->second.size() && !std::isnan(proposal->second[index])) {
            trial.params[index] = checked_proposal(*space_, index, proposal->second[index]);
            changed_locked(trial);
            if (store_) unsaved_params_.insert(number);
            return trial.params[index];
        }
        snapshot = snapshot_locked();
    }
    std::optional<double> sampled;
    {
        auto sampler_lock = sampler_->lock();
        sampled = sample_one(*snapshot, number, index);
    }
    snapshot.reset();
    if (!sampled) fail(HPO_DONE, "suggest: sampler \"" + config_.sampler + "\" had nothing left to propose for \"" + name + "\"");
    std::lock_guard lock(mutex_);
    TrialRecord &trial = running_trial(number, "suggest");
    if (std::isnan(trial.params[index])) {
        trial.params[index] = checked_proposal(*space_, index, *sampled);
        changed_locked(trial);
        if (store_) unsaved_params_.insert(number);
    }
    return trial.params[index];
}

double Study::param(int64_t number, const std::string &name) {
    std::lock_guard lock(mutex_);
    const TrialRecord &trial = trial_at(number);
    const int index = space_->index_of(name);
    if (index < 0) fail(HPO_ENOTFOUND, trial_name(number) + " has no parameter \"" + name + "\"");
    return trial.params[static_cast<std::size_t>(index)];
}

json Study::params_json(int64_t number) {
    std::lock_guard lock(mutex_);
    return trial_at(number).to_json(*space_)["params"];
}

bool Study::report(int64_t number, int64_t step, double value) {
    if (step < 0) fail(HPO_EINVAL, "report: step must be >= 0, not " + std::to_string(step));
    {
        std::lock_guard lock(mutex_);
        if (stopped_.count(number) != 0) return true;
        TrialRecord &trial = running_trial(number, "report");
        trial.add_intermediate(step, value);
        changed_locked(trial);
        persist_patch_locked(trial, {{"intermediate_values", {{std::to_string(step), encode_number(value)}}}});
    }
    return should_prune(number);
}

bool Study::should_prune(int64_t number) {
    std::unique_ptr<StudySnapshot> snapshot;
    {
        std::lock_guard lock(mutex_);
        if (stopped_.count(number) != 0) return true;
        if (!scheduler_) return false;
        sync_locked();  // other workers' reports count too
        running_trial(number, "should_prune");
        snapshot = snapshot_locked();
    }
    auto scheduler_lock = scheduler_->lock();
    int32_t prune = 0;
    // A trial's number is its index in the view: trials are kept in order of number.
    check_plugin_status(scheduler_->ops().should_prune(scheduler_->self(), snapshot->view(), number, &prune),
                        scheduler_->entry(), "should_prune");
    return prune != 0;
}

bool Study::stop_trial(int64_t number, const std::string &message) {
    std::lock_guard lock(mutex_);
    TrialRecord &trial = trial_at(number);
    if (trial.state != HPO_TRIAL_RUNNING) return false;
    stop_locked(trial, message);
    return true;
}

void Study::stop_locked(TrialRecord &trial, const std::string &message) {
    end_locked(trial, HPO_TRIAL_FAIL, {}, message);
    stopped_.insert(trial.number);
    persist_locked(trial, {"state", "values", "message", "datetime_complete"});
}

bool Study::stopped(int64_t number) {
    std::lock_guard lock(mutex_);
    return stopped_.count(number) != 0;
}

void Study::start_scheduler(int64_t number) {
    if (!scheduler_ || !HPO_INSTANCE_HAS(*scheduler_, hpo_scheduler_ops, on_trial_start)) return;
    std::unique_ptr<StudySnapshot> snapshot;
    {
        std::lock_guard lock(mutex_);
        snapshot = snapshot_locked();
    }
    char *attrs = nullptr;
    {
        auto scheduler_lock = scheduler_->lock();
        check_plugin_status(scheduler_->ops().on_trial_start(scheduler_->self(), snapshot->view(), number, &attrs),
                            scheduler_->entry(), "on_trial_start");
    }
    if (attrs == nullptr) return;
    const std::unique_ptr<char, void (*)(void *)> owned(attrs, std::free);
    json patch = json::parse(attrs, nullptr, false);
    if (!patch.is_object()) {
        fail(HPO_EPLUGIN, "scheduler \"" + config_.scheduler + "\": on_trial_start returned attributes that are not a JSON object");
    }
    std::lock_guard lock(mutex_);
    TrialRecord &trial = trials_[static_cast<std::size_t>(number)];
    json merged = trial.system_attrs.is_null() ? json::object() : trial.system_attrs;
    merged.update(patch);
    trial.set_system_attrs(std::move(merged));
    changed_locked(trial);
    persist_locked(trial, {"system_attrs"});
}

void Study::set_user_attr(int64_t number, const std::string &key, json value) {
    std::lock_guard lock(mutex_);
    TrialRecord &trial = running_trial(number, "set_user_attr");
    trial.user_attrs[key] = std::move(value);  // not in the plugins' view
    persist_locked(trial, {"user_attrs"});
}

void Study::set_constraints(int64_t number, std::vector<double> values) {
    for (std::size_t k = 0; k < values.size(); ++k) {
        if (std::isnan(values[k])) {
            fail(HPO_EINVAL, "set_constraints: constraint " + std::to_string(k) + " of " + trial_name(number) +
                                 " is NaN; a constraint is a number, feasible when <= 0");
        }
    }
    std::lock_guard lock(mutex_);
    TrialRecord &trial = running_trial(number, "set_constraints");
    trial.constraints = std::move(values);
    changed_locked(trial);
    json encoded = json::array();
    for (const double c : trial.constraints) encoded.push_back(encode_number(c));
    persist_patch_locked(trial, {{"constraints", std::move(encoded)}});
}

void Study::set_trial_end_callback(std::function<void(int64_t, hpo_trial_state)> callback) {
    std::lock_guard lock(mutex_);
    on_trial_end_ = std::move(callback);
}

void Study::tell(int64_t number, hpo_trial_state state, std::vector<double> values, std::string message) {
    std::function<void(int64_t, hpo_trial_state)> on_end;
    {
        std::lock_guard lock(mutex_);
        on_end = on_trial_end_;
        TrialRecord &trial = running_trial(number, "tell");
        const std::size_t n = config_.directions.size();
        if (state == HPO_TRIAL_COMPLETE || (state == HPO_TRIAL_PRUNED && !values.empty())) {
            if (values.size() != n) {
                fail(HPO_EINVAL, "tell: " + trial_name(number) + " got " + std::to_string(values.size()) +
                                     " values; the study has " + std::to_string(n) + " objectives");
            }
        } else if (state == HPO_TRIAL_PRUNED && n == 1 && !trial.intermediate.empty()) {
            // A pruned trial keeps its last value, unless that was NaN.
            if (!std::isnan(trial.intermediate.back())) values = {trial.intermediate.back()};
        } else if (state != HPO_TRIAL_PRUNED && state != HPO_TRIAL_FAIL) {
            fail(HPO_EINVAL, "tell: a trial ends COMPLETE, PRUNED or FAIL, not " +
                                 std::string(trial_state_name(state)));
        }
        for (std::size_t k = 0; k < values.size() && state != HPO_TRIAL_FAIL; ++k) {
            if (std::isnan(values[k])) {
                message = "objective value " + std::to_string(k) + " is NaN";
                state = HPO_TRIAL_FAIL;
            }
        }
        if (state == HPO_TRIAL_FAIL) values.clear();
        end_locked(trial, state, std::move(values), std::move(message));
        try {
            persist_locked(trial, {"state", "values", "message", "datetime_complete"});
        } catch (const Error &e) {
            // Another worker ended the trial first (its heartbeat was judged lost): the
            // stored outcome stands.
            sync_locked();
            throw;
        }
    }
    if (HPO_INSTANCE_HAS(*sampler_, hpo_sampler_ops, after_trial)) {
        std::unique_ptr<StudySnapshot> snapshot;
        {
            std::lock_guard lock(mutex_);
            snapshot = snapshot_locked();
        }
        auto sampler_lock = sampler_->lock();
        sampler_->ops().after_trial(sampler_->self(), snapshot->view(), number);
    }
    if (on_end) on_end(number, state);
}

// ---------------------------------------------------------------------------------------
// Reading

std::size_t Study::n_trials() {
    std::lock_guard lock(mutex_);
    sync_locked();
    return trials_.size();
}

json Study::run_description() const {
    json directions = json::array();
    for (const int32_t d : config_.directions) directions.push_back(d == HPO_MAXIMIZE ? "maximize" : "minimize");
    return {{"study", config_.name}, {"storage", config_.storage}, {"directions", std::move(directions)},
            {"seed", config_.seed}};
}

json Study::info_json() {
    std::lock_guard lock(mutex_);
    sync_locked();
    json out = json::object();
    out["name"] = config_.name;
    json directions = json::array();
    for (const int32_t d : config_.directions) directions.push_back(d == HPO_MAXIMIZE ? "maximize" : "minimize");
    out["directions"] = std::move(directions);
    out["space"] = space_->to_json();
    out["sampler"] = {{"name", config_.sampler}, {"options", config_.sampler_options}};
    out["scheduler"] = config_.scheduler.empty()
                           ? json(nullptr)
                           : json{{"name", config_.scheduler}, {"options", config_.scheduler_options}};
    out["storage"] = config_.storage;
    if (!objective_.is_null()) out["objective"] = objective_;
    if (config_.heartbeat_interval > 0) {
        out["heartbeat"] = {{"interval", config_.heartbeat_interval}, {"grace", config_.grace_period},
                            {"retry", config_.retry_failed}};
    }
    out["seed"] = config_.seed;
    out["n_trials"] = trials_.size();
    return out;
}

json Study::trials_json() {
    std::lock_guard lock(mutex_);
    sync_locked();
    json out = json::array();
    for (const auto &trial : trials_) out.push_back(trial.to_json(*space_));
    return out;
}

int64_t Study::trial_id(int64_t number) {
    std::lock_guard lock(mutex_);
    return trial_at(number).id;
}

json Study::trial_json(int64_t number) {
    std::lock_guard lock(mutex_);
    sync_locked();
    return trial_at(number).to_json(*space_);
}

json Study::best_trial_json() {
    if (n_objectives() != 1) {
        fail(HPO_EINVAL, "best trial: study \"" + name() + "\" has " + std::to_string(n_objectives()) +
                             " objectives; ask for its best trials (the Pareto front)");
    }
    std::lock_guard lock(mutex_);
    sync_locked();
    const double sign = config_.directions[0] == HPO_MAXIMIZE ? -1.0 : 1.0;
    const TrialRecord *best = nullptr;
    for (const auto &trial : trials_) {
        if (trial.state != HPO_TRIAL_COMPLETE) continue;
        if (best == nullptr || sign * trial.values[0] < sign * best->values[0]) best = &trial;
    }
    if (best == nullptr) fail(HPO_ENOTFOUND, "best trial: no trial of study \"" + name() + "\" has completed");
    return best->to_json(*space_);
}

json Study::best_trials_json() {
    std::lock_guard lock(mutex_);
    sync_locked();
    std::vector<const TrialRecord *> complete;
    for (const auto &trial : trials_) {
        if (trial.state == HPO_TRIAL_COMPLETE) complete.push_back(&trial);
    }
    json out = json::array();
    for (const TrialRecord *candidate : complete) {
        const bool dominated = std::any_of(complete.begin(), complete.end(), [&](const TrialRecord *other) {
            return dominates(other->values, candidate->values, config_.directions);
        });
        if (!dominated) out.push_back(candidate->to_json(*space_));
    }
    return out;
}

}  // namespace hpo
