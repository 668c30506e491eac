// What a sampler reads from trials' system attributes that never changes once written (the
// generation an evolutionary sampler gave a trial when it started), remembered from one call
// to the next: an ask then reads the attribute text of the trials it has not met yet alone,
// not of the whole history, which had made the evolutionary samplers' asks grow with the
// study (0.1 ms at 1,000 trials, 0.55 ms at 5,000, nearly all of it in scans of that text).
//
// A fact is kept only for a trial that has ended, under its number and its id (storage-wide):
// a view that shows a trial ended shows everything recorded when it started, but workers ask
// with views of different ages, and one older than the memo may show a running trial before
// its start was recorded, so a running or waiting trial is read from its own view every time
// (there are as many as workers). A number that comes back with another id is read afresh,
// and one far past the history (a damaged record) is read every time rather than growing the
// memo to it. Safe from several threads.
#pragma once

#include <hpo/plugin.h>
#include <hpo_kit/study_view.hpp>

#include <cstdint>
#include <mutex>
#include <optional>
#include <vector>

namespace hpo::samplers {

template <class Fact>
class TrialMemo {
public:
    // Each trial's fact, in the view's order: read(trial) -> std::optional<Fact> for a trial
    // not met before, nullopt while the trial does not have it yet.
    template <class Read>
    std::vector<std::optional<Fact>> facts(const hpo_study_view &study, Read &&read) const {
        std::vector<std::optional<Fact>> facts(static_cast<std::size_t>(study.n_trials));
        const int64_t memo_limit = 2 * study.n_trials + 1024;
        std::lock_guard lock(mutex_);
        for (int64_t i = 0; i < study.n_trials; ++i) {
            const hpo_trial_view &trial = plugin_kit::trial_at(study, i);
            auto &fact = facts[static_cast<std::size_t>(i)];
            const bool ended = trial.state == HPO_TRIAL_COMPLETE || trial.state == HPO_TRIAL_PRUNED ||
                               trial.state == HPO_TRIAL_FAIL;
            if (!ended || trial.number < 0 || trial.number >= memo_limit) {
                fact = read(trial);
                continue;
            }
            const auto slot = static_cast<std::size_t>(trial.number);
            if (slot >= by_number_.size()) by_number_.resize(slot + 1);
            Entry &entry = by_number_[slot];
            if (entry.known && entry.id == trial.id) {
                fact = entry.fact;
                continue;
            }
            fact = read(trial);
            if (fact) entry = {true, trial.id, *fact};
        }
        return facts;
    }

private:
    struct Entry {
        bool known = false;
        int64_t id = 0;
        Fact fact{};
    };
    mutable std::mutex mutex_;
    mutable std::vector<Entry> by_number_;
};

} // namespace hpo::samplers
