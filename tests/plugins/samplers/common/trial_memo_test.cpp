// TrialMemo: a fact of an ended trial is read from its attributes once, and read afresh when
// the view no longer shows the trial it was read from; a running trial is read every time.
#include <trial_memo.hpp>

#include <doctest/doctest.h>

#include <optional>
#include <string>
#include <vector>

using hpo::samplers::TrialMemo;

namespace {

// A view of trials with the given numbers and ids, in the given state; each trial's attributes
// are its fact's text, "" for a trial without one.
struct Trials {
    std::vector<std::string> facts;
    std::vector<hpo_trial_view> trials;
    hpo_study_view study{};

    Trials(std::vector<std::pair<int64_t, int64_t>> numbers_and_ids, std::vector<std::string> texts,
           int32_t state = HPO_TRIAL_COMPLETE)
        : facts(std::move(texts)) {
        for (std::size_t i = 0; i < numbers_and_ids.size(); ++i) {
            hpo_trial_view trial{};
            trial.struct_size = sizeof trial;
            trial.number = numbers_and_ids[i].first;
            trial.id = numbers_and_ids[i].second;
            trial.state = state;
            trial.system_attrs_json = facts[i].c_str();
            trials.push_back(trial);
        }
        study.struct_size = sizeof study;
        study.n_trials = static_cast<int64_t>(trials.size());
        study.trials = trials.data();
        study.trial_stride = sizeof(hpo_trial_view);
        study.system_attrs_json = "{}";
    }
};

// Reads a trial's text as its fact, counting the reads.
struct CountingRead {
    int *reads;
    std::optional<int64_t> operator()(const hpo_trial_view &trial) const {
        ++*reads;
        const std::string text = trial.system_attrs_json;
        if (text.empty()) return std::nullopt;
        return std::stoll(text);
    }
};

} // namespace

TEST_CASE("an ended trial's fact is read once; a trial without one yet is read again") {
    const TrialMemo<int64_t> memo;
    int reads = 0;
    Trials first({{0, 10}, {1, 11}, {2, 12}}, {"5", "", "7"});
    const auto facts = memo.facts(first.study, CountingRead{&reads});
    CHECK(reads == 3);
    REQUIRE(facts.size() == 3);
    CHECK(facts[0] == 5);
    CHECK(!facts[1]);
    CHECK(facts[2] == 7);

    // Trial 1 has its fact now, and a fourth trial has come; trial 0's text is not read again
    // (were it, the fact would now read 6).
    Trials later({{0, 10}, {1, 11}, {2, 12}, {3, 13}}, {"6", "8", "7", "9"});
    reads = 0;
    const auto now = memo.facts(later.study, CountingRead{&reads});
    CHECK(reads == 2);
    CHECK(now == std::vector<std::optional<int64_t>>{5, 8, 7, 9});
}

TEST_CASE("a trial number met again with another id is read afresh") {
    const TrialMemo<int64_t> memo;
    int reads = 0;
    Trials first({{0, 10}}, {"5"});
    CHECK(memo.facts(first.study, CountingRead{&reads})[0] == 5);
    Trials other({{0, 99}}, {"6"});
    CHECK(memo.facts(other.study, CountingRead{&reads})[0] == 6);
    CHECK(reads == 2);
}

TEST_CASE("a running trial is read from each view: an older view may not show its fact yet") {
    const TrialMemo<int64_t> memo;
    int reads = 0;
    Trials newer({{0, 10}}, {"5"}, HPO_TRIAL_RUNNING);
    CHECK(memo.facts(newer.study, CountingRead{&reads})[0] == 5);
    Trials older({{0, 10}}, {""}, HPO_TRIAL_RUNNING);
    CHECK(!memo.facts(older.study, CountingRead{&reads})[0]);
    CHECK(reads == 2);
}

TEST_CASE("a number far past the history, or below zero, is read on every call and not kept") {
    const TrialMemo<int64_t> memo;
    int reads = 0;
    Trials odd({{-1, 1}, {int64_t{1} << 40, 2}}, {"1", "2"});
    for (int call = 0; call < 3; ++call)
        CHECK(memo.facts(odd.study, CountingRead{&reads}) == std::vector<std::optional<int64_t>>{1, 2});
    CHECK(reads == 6);
}
