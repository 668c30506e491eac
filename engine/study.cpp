#include "study.hpp"

#include "registry.hpp"

#include <cmath>
#include <exception>

namespace hpo {
namespace {

std::string trial_name(int64_t number) { return "trial " + std::to_string(number); }

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

std::unique_ptr<StudyStore> open_store(const Registry &registry, const StudyConfig &config, TrialTable &table) {
    if (config.storage == "memory:") return std::make_unique<MemoryStore>(table);
    return std::make_unique<PersistentStore>(registry, config.storage, config.seed,
                                             std::chrono::duration<double>(config.storage_timeout));
}

}  // namespace

Study::Study(std::shared_ptr<Registry> registry, StudyConfig config)
    : registry_(std::move(registry)), config_(std::move(config)), worker_(worker_name()) {
    space_ = std::make_shared<const Space>(config_.space);
    declared_.assign(space_->size(), true);
    study_attrs_text_ = std::make_shared<const std::string>("{}");
    store_ = open_store(*registry_, config_, table_);
    if (const auto stored = store_->open_study(study_record_locked(), config_.load_if_exists, config_.load_only)) {
        adopt_stored_identity(*stored);
    }
    sync_locked();
    // Plugins after the store: a stored study's seed seeds them.
    const PluginEntry &sampler = registry_->find(HPO_PLUGIN_SAMPLER, config_.sampler);
    json sampler_options = config_.sampler_options;  // config_ keeps the fallback: the record stores it
    const auto fallback = take_fallback(sampler_options);
    sampler_ = std::make_unique<PluginInstance<hpo_sampler_ops>>(
        sampler, sampler_options, derive_seed(config_.seed, HPO_PLUGIN_SAMPLER, config_.sampler));
    if (fallback) fallback_ = make_fallback(*fallback);
    if (!config_.scheduler.empty()) {
        const PluginEntry &scheduler = registry_->find(HPO_PLUGIN_SCHEDULER, config_.scheduler);
        scheduler_ = std::make_unique<PluginInstance<hpo_scheduler_ops>>(
            scheduler, config_.scheduler_options,
            derive_seed(config_.seed, HPO_PLUGIN_SCHEDULER, config_.scheduler));
    }
    // Last: nothing after it may throw, or the thread would outlive a study never built.
    if (store_->shared() && config_.heartbeat_interval > 0) {
        heartbeat_ = std::make_unique<Heartbeat>(std::chrono::duration<double>(config_.heartbeat_interval),
                                                 [this] { beat_heart(); });
    }
}

Study::~Study() = default;

std::unique_ptr<PluginInstance<hpo_sampler_ops>> Study::make_fallback(const PluginChoice &fallback) const {
    const std::string where = "study config: \"sampler.options.fallback\": ";
    if (!HPO_INSTANCE_HAS(*sampler_, hpo_sampler_ops, sample_relative)) {
        fail(HPO_EINVAL, where + "sampler \"" + config_.sampler +
                             "\" samples one parameter at a time, so it leaves nothing to a fallback");
    }
    try {
        return std::make_unique<PluginInstance<hpo_sampler_ops>>(
            registry_->find(HPO_PLUGIN_SAMPLER, fallback.name), fallback.options,
            derive_seed(config_.seed, HPO_PLUGIN_SAMPLER, fallback.name));
    } catch (const Error &e) {
        fail(e.status(), where + e.what());
    }
}

// ---------------------------------------------------------------------------------------
// State helpers (called with mutex_ held)

TrialRecord &Study::running_trial(int64_t number, const char *operation) {
    if (!table_.contains(number)) {
        fail(HPO_ENOTFOUND, std::string(operation) + ": no " + trial_name(number) + " in study \"" + name() + "\"");
    }
    TrialRecord &trial = table_.at(number);
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
    if (!table_.contains(number)) fail(HPO_ENOTFOUND, "no " + trial_name(number) + " in study \"" + name() + "\"");
    return table_.at(number);
}

void Study::end_locked(TrialRecord &trial, hpo_trial_state state, std::vector<double> values, std::string message) {
    table_.set_state(trial, state);
    trial.values = std::move(values);
    trial.message = std::move(message);
    trial.completed = Clock::now();
    proposals_.erase(trial.number);
}

void Study::stop_locked(TrialRecord &trial, const std::string &message) {
    end_locked(trial, HPO_TRIAL_FAIL, {}, message);
    stopped_.insert(trial.number);
    persist_locked(trial, {"state", "values", "message", "datetime_complete"});
}

void Study::add_param_locked(const Param &param) {
    const int existing = space_->index_of(param.name);
    if (existing >= 0 && (*space_)[static_cast<std::size_t>(existing)].same_distribution(param)) return;
    auto grown = std::make_shared<Space>(*space_);
    grown->add(param);  // throws when the name exists with another distribution
    space_ = std::move(grown);
    declared_.push_back(false);
    table_.widen(space_->size());
    for (auto &[number, proposal] : proposals_) proposal.resize(space_->size(), kNoValue);
    store_->save_study(study_record_locked());
}

// ---------------------------------------------------------------------------------------
// The space and the objective

void Study::declare(const Space &space) {
    std::lock_guard lock(mutex_);
    for (std::size_t i = 0; i < space.size(); ++i) {
        add_param_locked(space[i]);
        declared_[static_cast<std::size_t>(space_->index_of(space[i].name))] = true;
    }
    store_->save_study(study_record_locked());
}

void Study::set_objective(json objective) {
    std::lock_guard lock(mutex_);
    if (objective_ == objective) return;
    objective_ = std::move(objective);
    store_->save_study(study_record_locked());  // so a reader sees what it measures
}

void Study::enqueue(const json &params) {
    if (!params.is_object()) fail(HPO_EINVAL, "enqueue: parameters must be a JSON object of name -> value");
    std::lock_guard lock(mutex_);
    TrialRecord trial;
    trial.state = HPO_TRIAL_WAITING;
    trial.params.assign(space_->size(), kNoValue);
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
            table_.changed(trial);
            store_->defer_params(number);
            return trial.params[index];
        }
        if (!space_->is_active(index, trial.params.data())) return kNoValue;
        const auto proposal = proposals_.find(number);
        if (proposal != proposals_.end() && index < proposal->second.size() && !std::isnan(proposal->second[index])) {
            trial.params[index] = checked_proposal(*space_, index, proposal->second[index]);
            table_.changed(trial);
            store_->defer_params(number);
            return trial.params[index];
        }
        snapshot = snapshot_locked(independent_sampler());
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
        table_.changed(trial);
        store_->defer_params(number);
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
        table_.changed(trial);
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
        snapshot = snapshot_locked(*scheduler_);
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

bool Study::stopped(int64_t number) {
    std::lock_guard lock(mutex_);
    return stopped_.count(number) != 0;
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
    table_.changed(trial);
    persist_locked(trial, {"constraints"});
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
        } catch (const Error &) {
            // Another worker ended the trial first (its heartbeat was judged lost): the
            // stored outcome stands.
            sync_locked();
            throw;
        }
    }
    // The outcome is recorded whatever the sampler's after_trial says; its error (the first,
    // of the sampler's and its fallback's) comes after the user's callback has heard of the end.
    std::exception_ptr sampler_error;
    for (const auto *sampler : {sampler_.get(), fallback_.get()}) {
        try {
            if (sampler != nullptr) finish_sampler(*sampler, number);
        } catch (...) {
            if (!sampler_error) sampler_error = std::current_exception();
        }
    }
    if (on_end) on_end(number, state);
    if (sampler_error) std::rethrow_exception(sampler_error);
}

json Study::run_description() const {
    json directions = json::array();
    for (const int32_t d : config_.directions) directions.push_back(d == HPO_MAXIMIZE ? "maximize" : "minimize");
    return {{"study", config_.name}, {"storage", config_.storage}, {"directions", std::move(directions)},
            {"seed", config_.seed}};
}

}  // namespace hpo
