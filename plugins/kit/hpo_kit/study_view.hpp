// Reading an hpo_study_view as plugin.h prescribes: trials and parameters through their
// strides (HPO_STUDY_TRIAL, HPO_STUDY_PARAM), so our plugins keep working when a later ABI
// grows those structs; constraint values and feasibility; the study's system attributes.
#pragma once

#include <hpo/plugin.h>

#include <cstddef>
#include <cstdint>
#include <iterator>
#include <span>
#include <string_view>

namespace hpo::plugin_kit {

inline const hpo_trial_view &trial_at(const hpo_study_view &study, int64_t index) {
    return *HPO_STUDY_TRIAL(&study, index);
}

inline const hpo_param_info &param_at(const hpo_study_view &study, int32_t index) {
    return *HPO_STUDY_PARAM(&study, index);
}

// The study's trials as a range, in order of number: for (const hpo_trial_view &t : trials(study)).
class TrialRange {
public:
    class iterator {
    public:
        using iterator_category = std::forward_iterator_tag;
        using value_type = hpo_trial_view;
        using difference_type = std::ptrdiff_t;
        using pointer = const hpo_trial_view *;
        using reference = const hpo_trial_view &;

        iterator() = default;
        iterator(const hpo_study_view *study, int64_t index) : study_(study), index_(index) {}
        reference operator*() const { return trial_at(*study_, index_); }
        pointer operator->() const { return &trial_at(*study_, index_); }
        iterator &operator++() {
            ++index_;
            return *this;
        }
        iterator operator++(int) {
            iterator before = *this;
            ++index_;
            return before;
        }
        bool operator==(const iterator &other) const { return index_ == other.index_; }

    private:
        const hpo_study_view *study_ = nullptr;
        int64_t index_ = 0;
    };

    explicit TrialRange(const hpo_study_view &study) : study_(&study) {}
    [[nodiscard]] iterator begin() const { return {study_, 0}; }
    [[nodiscard]] iterator end() const { return {study_, study_->n_trials}; }
    [[nodiscard]] int64_t size() const { return study_->n_trials; }

private:
    const hpo_study_view *study_;
};

inline TrialRange trials(const hpo_study_view &study) { return TrialRange(study); }

inline std::span<const double> params_of(const hpo_study_view &study, const hpo_trial_view &trial) {
    return {trial.params, static_cast<std::size_t>(study.n_params)};
}

// The constraint values the trial carries (empty when none).
inline std::span<const double> constraints_of(const hpo_trial_view &trial) {
    if (!HPO_HAS_FIELD(&trial, hpo_trial_view, constraints) || trial.constraints == nullptr) return {};
    return {trial.constraints, static_cast<std::size_t>(trial.n_constraints)};
}

// How far a trial is from feasible: the sum of its positive constraint values (Deb's
// constraint violation); 0 for a feasible trial and for one without constraints.
inline double constraint_violation(const hpo_trial_view &trial) {
    double violation = 0;
    for (const double value : constraints_of(trial)) {
        if (value > 0) violation += value;
    }
    return violation;
}

inline bool is_feasible(const hpo_trial_view &trial) { return constraint_violation(trial) == 0; }

// The study's system attributes as JSON text ("{}" when it has none).
inline std::string_view study_system_attrs(const hpo_study_view &study) {
    if (!HPO_HAS_FIELD(&study, hpo_study_view, system_attrs_json) || study.system_attrs_json == nullptr)
        return "{}";
    return study.system_attrs_json;
}

} // namespace hpo::plugin_kit
