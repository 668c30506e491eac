// The generations of an evolutionary sampler, kept in the study so that workers never wait
// for one another and a restart carries on where the study stopped.
//
// Each trial is given its generation when it starts (before_trial), recorded in its system
// attributes as "<prefix>generation". A new trial joins the newest generation G unless
// population_size of G's trials have completed; then it opens generation G + 1, whose parents
// are chosen at that moment by the sampler's survival rule from G's parents and G's completed
// trials (elitism: a parent survives until better children replace it), and recorded in the
// study's system attributes as "<prefix>parents:<G + 1>", trial numbers best first. Trials of
// a generation that end after the next one has opened do not count for it.
//
// Everything is read back from the view, so a trial's generation and parents are a function
// of the history alone: the same history gives the same generations in any process, and a
// study resumed from its storage continues as an uninterrupted run would. Two workers that
// open one generation at once write one key; the study keeps one of the two lists.
#pragma once

#include "sampler_adapter.hpp"
#include "trial_memo.hpp"

#include <hpo/plugin.h>

#include <cstddef>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace hpo::samplers {

// Chooses `keep` survivors among candidate trials (indices into the view, each COMPLETE),
// best first; `generation` is the one they will parent.
using Survival = std::function<std::vector<int64_t>(
    const hpo_study_view &study, const std::vector<int64_t> &candidates, std::size_t keep,
    int64_t generation)>;

// The integer a trial's system attributes hold under `key`, found by a scan for the key rather
// than a parse of the whole object (this runs over every trial of a study on every ask), and
// read without allocating; nullopt when the trial has none. Throws naming the trial and key
// when the value is not one.
std::optional<int64_t> integer_attr(const hpo_trial_view &trial, std::string_view key);

// The list of numbers a trial's system attributes hold under `key`, read alone and without a
// JSON parser: the object's other keys (a CMA-ES state) may be far larger than the list. nullopt when the trial has
// none. Throws naming the trial and key when the value is not a list of numbers.
std::optional<std::vector<double>> numbers_attr(const hpo_trial_view &trial, std::string_view key);

class Generations {
public:
    Generations(std::string prefix, int64_t population_size)
        : prefix_(std::move(prefix)), generation_key_(prefix_ + "generation"), population_size_(population_size) {}

    // The new trial's generation, and the parents of a generation it opens.
    AttributeUpdate assign(const hpo_study_view &study, int64_t trial_index,
                           const Survival &survive) const;

    // The generation recorded on a trial; nullopt when it has none.
    std::optional<int64_t> generation_of(const hpo_trial_view &trial) const {
        return integer_attr(trial, generation_key());
    }
    // The generation of every trial of the view, in its order; read from the trials' text
    // once each (a trial's generation never changes once recorded).
    std::vector<std::optional<int64_t>> generations(const hpo_study_view &study) const {
        return memo_.facts(study, [&](const hpo_trial_view &trial) { return generation_of(trial); });
    }

    // The parents of a generation as indices into the view, best first; empty for
    // generation 0 and for one whose parents the study does not hold.
    std::vector<int64_t> parents(const hpo_study_view &study, int64_t generation) const;

    const std::string &generation_key() const { return generation_key_; }
    std::string parents_key(int64_t generation) const {
        return prefix_ + "parents:" + std::to_string(generation);
    }

private:
    std::string prefix_;
    std::string generation_key_;  // built once: it is looked up on every trial on every ask
    int64_t population_size_;
    TrialMemo<int64_t> memo_;
};

} // namespace hpo::samplers
