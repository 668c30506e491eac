// Starting a trial, step by step: open it, let the sampler prepare, propose its values,
// commit them, start the scheduler.
#include "study.hpp"

#include <hpo_kit/shown_url.hpp>

#include <cmath>

namespace hpo {

std::optional<int64_t> Study::ask() {
    const auto number = start_trial();
    if (number) start_scheduler(*number);
    return number;
}

std::optional<int64_t> Study::start_trial() {
    // The sampler's lock spans from the trial's opening to its chosen values, so a sampler
    // that is not thread-safe always sees every trial proposed before (a grid never repeats).
    auto sampler_lock = sampler_->lock();
    const auto maybe_opened = open_trial();
    if (!maybe_opened) return std::nullopt;
    const OpenedTrial &opened = *maybe_opened;
    Proposal proposal;
    try {
        prepare_sampler(*sampler_, opened.number);
        if (fallback_) {
            auto fallback_lock = fallback_->lock();
            prepare_sampler(*fallback_, opened.number);
        }
        proposal = propose(opened.number);
    } catch (const Error &e) {
        abandon(opened, e.what());
        throw;
    }
    if (!proposal.complete) {
        abandon(opened, "sampler \"" + config_.sampler + "\" had nothing left to propose");
        return std::nullopt;
    }
    commit(opened.number, std::move(proposal));
    return opened.number;
}

std::optional<Study::OpenedTrial> Study::open_trial() {
    std::lock_guard lock(mutex_);
    sync_locked(/*judge_stale=*/true);
    if (const auto waiting = claim_waiting_locked()) return OpenedTrial{*waiting, true};
    TrialRecord trial;
    trial.state = HPO_TRIAL_RUNNING;
    trial.params.assign(space_->size(), kNoValue);
    try {
        return OpenedTrial{create_locked(std::move(trial)), false};
    } catch (const Error &e) {
        // The store refused the trial inside its own lock: the study's budget is spent, which
        // ends the asking as an exhausted sampler does, not as an error.
        if (e.status() == HPO_ECANCELLED) return std::nullopt;
        throw;
    }
}

void Study::prepare_sampler(const PluginInstance<hpo_sampler_ops> &sampler, int64_t number) {
    if (!HPO_INSTANCE_HAS(sampler, hpo_sampler_ops, before_trial)) return;
    std::unique_ptr<StudySnapshot> snapshot;
    {
        std::lock_guard lock(mutex_);
        snapshot = snapshot_locked(sampler);
    }
    char *trial_attrs = nullptr, *study_attrs = nullptr;
    const int32_t status =
        sampler.ops().before_trial(sampler.self(), snapshot->view(), number, &trial_attrs, &study_attrs);
    const std::string trial_text = sampler.take(trial_attrs), study_text = sampler.take(study_attrs);
    check_plugin_status(status, sampler.entry(), "before_trial");
    snapshot.reset();
    merge_plugin_attrs(sampler.label() + ": before_trial", number, trial_text, study_text);
}

Study::Proposal Study::propose(int64_t number) {
    std::unique_ptr<StudySnapshot> snapshot;
    std::shared_ptr<const Space> space;
    std::vector<bool> declared;
    Proposal proposal;
    {
        std::lock_guard lock(mutex_);
        proposal.params = table_.at(number).params;
        snapshot = snapshot_locked(*sampler_);
        space = space_;
        declared = declared_;
    }
    proposal.params.resize(space->size(), kNoValue);
    proposal.proposals.assign(space->size(), kNoValue);
    if (HPO_INSTANCE_HAS(*sampler_, hpo_sampler_ops, sample_relative)) {
        std::vector<int32_t> subspace;
        for (std::size_t i = 0; i < space->size(); ++i) {
            if (std::isnan(proposal.params[i])) subspace.push_back(static_cast<int32_t>(i));
        }
        if (!subspace.empty()) {
            std::vector<double> out(subspace.size(), kNoValue);
            const int32_t status = check_plugin_status(
                sampler_->ops().sample_relative(sampler_->self(), snapshot->view(), number, subspace.data(),
                                                static_cast<int32_t>(subspace.size()), out.data()),
                sampler_->entry(), "sample_relative");
            if (status == HPO_DONE) return {{}, {}, false};
            for (std::size_t k = 0; k < subspace.size(); ++k) {
                proposal.proposals[static_cast<std::size_t>(subspace[k])] = out[k];
            }
        }
    }
    if (fallback_ && fallback_->trial_view_stride() != sampler_->trial_view_stride()) {
        // A fallback of another ABI version reads trial views of its own size.
        std::lock_guard lock(mutex_);
        snapshot = snapshot_locked(*fallback_);
    }
    // Declared parameters are all chosen now, parents before children, so a condition is
    // decided by values already chosen; the others wait for their suggest call.
    for (std::size_t i = 0; i < space->size(); ++i) {
        if (!declared[i]) continue;
        double &value = proposal.params[i];
        if (!space->is_active(i, proposal.params.data())) {
            value = kNoValue;
            snapshot->set_param(number, i, kNoValue);
            continue;
        }
        if (!std::isnan(value)) continue;  // enqueued
        double chosen = proposal.proposals[i];
        proposal.proposals[i] = kNoValue;
        if (std::isnan(chosen)) {
            const auto sampled = sample_one(*snapshot, number, i);
            if (!sampled) return {{}, {}, false};
            chosen = *sampled;
        }
        value = checked_proposal(*space, i, chosen);
        snapshot->set_param(number, i, value);
    }
    return proposal;
}

void Study::commit(int64_t number, Proposal proposal) {
    std::lock_guard lock(mutex_);
    TrialRecord &trial = table_.at(number);
    proposal.params.resize(space_->size(), kNoValue);  // the space may have grown meanwhile
    trial.params = std::move(proposal.params);
    table_.changed(trial);
    persist_locked(trial, {"params"});
    proposal.proposals.resize(space_->size(), kNoValue);
    proposals_[number] = std::move(proposal.proposals);
}

void Study::start_scheduler(int64_t number) {
    if (!scheduler_ || !HPO_INSTANCE_HAS(*scheduler_, hpo_scheduler_ops, on_trial_start)) return;
    std::unique_ptr<StudySnapshot> snapshot;
    {
        std::lock_guard lock(mutex_);
        snapshot = snapshot_locked(*scheduler_);
    }
    char *attrs = nullptr;
    {
        auto scheduler_lock = scheduler_->lock();
        check_plugin_status(scheduler_->ops().on_trial_start(scheduler_->self(), snapshot->view(), number, &attrs),
                            scheduler_->entry(), "on_trial_start");
    }
    snapshot.reset();
    merge_plugin_attrs(scheduler_->label() + ": on_trial_start", number, scheduler_->take(attrs), {});
}

void Study::abandon(const OpenedTrial &opened, const std::string &message) {
    std::lock_guard lock(mutex_);
    TrialRecord &trial = table_.at(opened.number);
    if (trial.state != HPO_TRIAL_RUNNING) return;
    const bool last = opened.number + 1 == static_cast<int64_t>(table_.size());
    if (!opened.claimed && last && store_->forgets_unseen_trials()) {
        // No one has seen this trial end: an exhausted grid leaves no trace.
        proposals_.erase(opened.number);
        table_.pop_last();
        return;
    }
    end_locked(trial, HPO_TRIAL_FAIL, {}, message);
    persist_locked(trial, {"state", "message", "datetime_complete"});
}

std::optional<double> Study::sample_one(const StudySnapshot &snapshot, int64_t index, std::size_t param) {
    const PluginInstance<hpo_sampler_ops> &sampler = independent_sampler();
    std::unique_lock<std::mutex> fallback_lock;
    if (fallback_) fallback_lock = fallback_->lock();
    double value = kNoValue;
    const int32_t status = check_plugin_status(
        sampler.ops().sample_independent(sampler.self(), snapshot.view(), index, static_cast<int32_t>(param), &value),
        sampler.entry(), "sample_independent");
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

int64_t Study::create_locked(TrialRecord trial) {
    if (trial.state == HPO_TRIAL_RUNNING) trial.started = Clock::now();
    if (trial.state == HPO_TRIAL_RUNNING && store_->shared()) {
        // Other workers judge whether it is alive by these; the storage restamps the
        // heartbeat by its own clock where it can.
        trial.worker = worker_;
        trial.heartbeat = std::chrono::duration<double>(trial.started->time_since_epoch()).count();
    }
    const int64_t id = store_->create_trial(trial, *space_);
    sync_locked();  // a storage's trial comes back with its number
    const auto number = table_.number_of_id(id);
    if (!number) fail(HPO_EIO, "storage \"" + plugin_kit::shown_url(config_.storage) + "\" did not read back the trial it created (id " + std::to_string(id) + ")");
    if (config_.max_trials > 0 && *number >= config_.max_trials) {
        // A storage that does not know the budget (a third-party or ABI 1.0 one) created it
        // anyway: the trial ends at once, so no more than the budget run.
        TrialRecord &created = table_.at(*number);
        end_locked(created, HPO_TRIAL_FAIL, {}, "the study's budget of " + std::to_string(config_.max_trials) + " trials was spent");
        persist_locked(created, {"state", "message", "datetime_complete"});
        fail(HPO_ECANCELLED, budget_spent_message(config_.name, config_.max_trials));
    }
    return *number;
}

std::optional<int64_t> Study::claim_waiting_locked() {
    if (table_.waiting().empty()) return std::nullopt;  // as of the last read: spares a write lock per ask
    const auto id = store_->claim_waiting(worker_);
    if (!id) return std::nullopt;
    sync_locked();
    const auto number = table_.number_of_id(*id);
    if (!number) fail(HPO_EIO, "storage \"" + plugin_kit::shown_url(config_.storage) + "\" did not read back claimed trial id " + std::to_string(*id));
    return *number;
}

}  // namespace hpo
