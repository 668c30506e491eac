// A study's trials as this process knows them: every trial by number, the WAITING and
// RUNNING ones indexed, and their plugin views kept in step with every change. With a
// storage it caches what the storage holds; in memory it is the record itself.
#pragma once

#include "trial_record.hpp"
#include "trial_views.hpp"

#include <deque>
#include <optional>
#include <set>
#include <string>
#include <unordered_map>

namespace hpo {

class TrialTable {
public:
    [[nodiscard]] std::size_t size() const { return trials_.size(); }
    [[nodiscard]] bool contains(int64_t number) const {
        return number >= 0 && number < static_cast<int64_t>(trials_.size());
    }
    // Unchecked: callers test contains() first where a number comes from outside.
    TrialRecord &at(int64_t number) { return trials_[static_cast<std::size_t>(number)]; }
    [[nodiscard]] const std::deque<TrialRecord> &all() const { return trials_; }

    // Adds a trial under the next number (and that number as its id): the memory store's
    // numbering.
    int64_t append(TrialRecord trial);
    // Removes the last trial (a proposal that never became one).
    void pop_last();
    // Puts a trial read from a storage at its number. Numbers the storage skipped before it
    // (a damaged record lost its trial) become FAIL trials with `lost_message`: trials are
    // kept by number, and no sampler may take a lost one as pending.
    TrialRecord &put(TrialRecord trial, const std::string &lost_message);

    void set_state(TrialRecord &trial, hpo_trial_state state);
    // Every change to a trial is announced, so the plugin views stay in step.
    void changed(const TrialRecord &trial) { views_.changed(trial.number); }
    // The space grew: every trial takes NaN for the new parameters.
    void widen(std::size_t n_params);

    [[nodiscard]] const std::set<int64_t> &waiting() const { return waiting_; }
    [[nodiscard]] const std::set<int64_t> &running() const { return running_; }
    [[nodiscard]] std::optional<int64_t> number_of_id(int64_t id) const;

    // The trials as plugins see them, with `stride` bytes per view (the view size of the
    // ABI version the plugin reading them answered).
    TrialViews::Lease lease(std::size_t n_params, uint32_t stride) { return views_.lease(trials_, n_params, stride); }

private:
    // Moves a trial between the state indexes; nullopt: coming into or leaving the table.
    void index(int64_t number, std::optional<hpo_trial_state> before, std::optional<hpo_trial_state> after);

    std::deque<TrialRecord> trials_;  // by number; a deque, so growth never moves them
    TrialViews views_;
    std::set<int64_t> waiting_, running_;
    std::unordered_map<int64_t, int64_t> number_of_id_;
};

}  // namespace hpo
