// TPE's split of past trials into good and bad ones: sizes, ties, directions, running
// trials, several objectives, constraints (the ranking itself is trial_ranking_test's).
#include "trial_split.hpp"

#include <hpo_test/fake_study.hpp>

#include <doctest/doctest.h>

#include <vector>

using namespace hpo::tpe;
using hpo::test::FakeStudy;

namespace {

// A study of one parameter x in [0, 1], and its trials.
struct OneParamStudy : FakeStudy {
    explicit OneParamStudy(std::vector<int32_t> directions = {HPO_MINIMIZE})
        : FakeStudy(std::move(directions)) {
        add_float("x", 0.0, 1.0);
    }
    void complete_trial(std::vector<double> values) { add_trial(HPO_TRIAL_COMPLETE, {0.5}, std::move(values)); }
};

} // namespace

TEST_CASE("gamma keeps ceil(10%) of the trials as good, at most 25") {
    CHECK(n_good_trials(0, 0.1, 25) == 0);
    CHECK(n_good_trials(1, 0.1, 25) == 1);
    CHECK(n_good_trials(10, 0.1, 25) == 1);
    CHECK(n_good_trials(11, 0.1, 25) == 2);
    CHECK(n_good_trials(240, 0.1, 25) == 24);
    CHECK(n_good_trials(1000, 0.1, 25) == 25);
    CHECK(n_good_trials(1000, 0.25, 1000) == 250);
}

TEST_CASE("the split puts the lowest values below when minimizing") {
    OneParamStudy study;
    for (double v : {5.0, 1.0, 9.0, 3.0, 7.0, 2.0, 8.0, 4.0, 6.0, 0.0, 10.0, 11.0})
        study.complete_trial({v});
    const TrialSplit split = split_trials(study.view(), -1, {});
    CHECK(split.n_ranked == 12);
    CHECK(split.below == std::vector<int64_t>{1, 9}); // values 1 and 0, oldest first
    CHECK(split.above.size() == 10);
}

TEST_CASE("a maximized objective puts the highest values below") {
    OneParamStudy study({HPO_MAXIMIZE});
    for (double v : {5.0, 1.0, 9.0, 3.0, 7.0, 2.0, 8.0, 4.0, 6.0, 0.0, 10.0, 11.0})
        study.complete_trial({v});
    const TrialSplit split = split_trials(study.view(), -1, {});
    CHECK(split.below == std::vector<int64_t>{10, 11});
}

TEST_CASE("ties at the boundary go to the older trial") {
    OneParamStudy study;
    for (int i = 0; i < 10; ++i) study.complete_trial({1.0});
    const TrialSplit split = split_trials(study.view(), -1, {});
    CHECK(split.below == std::vector<int64_t>{0});
}

TEST_CASE("failed, waiting and running trials are not ranked, nor the trial being sampled") {
    OneParamStudy study;
    study.complete_trial({1.0});
    study.add_trial(HPO_TRIAL_FAIL, {0.5});
    study.add_trial(HPO_TRIAL_WAITING);
    study.add_trial(HPO_TRIAL_RUNNING, {0.3});
    study.complete_trial({2.0});
    const TrialSplit split = split_trials(study.view(), 4, {});
    CHECK(split.n_ranked == 1);
    CHECK(split.below == std::vector<int64_t>{0});
    CHECK(split.above.empty());
    SUBCASE("with the constant liar, running trials join the bad ones") {
        SplitRule liar;
        liar.constant_liar = true;
        const TrialSplit lied = split_trials(study.view(), 4, liar);
        CHECK(lied.n_ranked == 1); // the liar changes the groups, not the startup count
        CHECK(lied.above == std::vector<int64_t>{3});
    }
}

TEST_CASE("several objectives split by non-domination rank") {
    OneParamStudy study({HPO_MINIMIZE, HPO_MAXIMIZE});
    // Front 0 (minimize f0, maximize f1): (0, 10), (1, 11), (5, 20). Dominated: the rest.
    const std::vector<std::vector<double>> points = {
        {0, 10}, {2, 9},  {1, 11}, {3, 5},  {5, 20}, {6, 19}, {4, 4},  {7, 1},  {8, 0},  {9, 2},
        {10, 3}, {11, 8}, {12, 7}, {13, 6}, {14, 5}, {15, 4}, {16, 3}, {17, 2}, {18, 1}, {19, 0},
        {20, 0}, {21, 0}, {22, 0}, {23, 0}, {24, 0}, {25, 0}, {26, 0}, {27, 0}, {28, 0}, {29, 0}};
    for (const auto &p : points) study.complete_trial(p);
    const TrialSplit split = split_trials(study.view(), -1, {}); // 30 trials: 3 good
    CHECK(split.below == std::vector<int64_t>{0, 2, 4});
    SUBCASE("a front cut in the middle keeps its extremes (crowding distance)") {
        SplitRule two;
        two.gamma_max = 2;
        const TrialSplit cut = split_trials(study.view(), -1, two);
        CHECK(cut.below == std::vector<int64_t>{0, 4});
    }
}

TEST_CASE("with constraints, the good trials are the feasible ones first, as Optuna's TPE takes them") {
    OneParamStudy study;
    // The ten best values are infeasible; of the feasible trials, 10 and 11 are the best.
    for (int i = 0; i < 20; ++i) {
        hpo::test::FakeTrial trial;
        trial.params = {0.5};
        trial.values = {static_cast<double>(i)};
        trial.constraints = {i < 10 ? 1.0 + i : -1.0};
        study.add_trial(std::move(trial));
    }
    SplitRule two;
    two.gamma = 0.1; // 20 trials: 2 good
    CHECK(split_trials(study.view(), -1, two).below == std::vector<int64_t>{10, 11});
    SUBCASE("and when too few are feasible, the least violating infeasible ones") {
        SplitRule many;
        many.gamma = 0.6; // 12 good: the 10 feasible, then the two smallest violations
        CHECK(split_trials(study.view(), -1, many).below.size() == 12);
        CHECK(split_trials(study.view(), -1, many).below.front() == 0);
        CHECK(split_trials(study.view(), -1, many).below[1] == 1);
    }
}
