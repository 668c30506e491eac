// The split of past trials into good and bad ones: sizes, ties, directions, pruned and
// running trials, several objectives.
#include "pareto.hpp"
#include "trial_ranking.hpp"

#include <hpo_test/fake_study.hpp>

#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
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

TEST_CASE("pruned trials rank after complete ones: further first, then by last value") {
    OneParamStudy study;
    study.add_curve(HPO_TRIAL_PRUNED, {{1, 0.0}, {2, -5.0}});         // 0: step 2, best value
    study.complete_trial({100.0});                                  // 1: the worst complete one
    study.add_curve(HPO_TRIAL_PRUNED, {{1, 9.0}, {2, 9.0}, {3, 9.0}}); // 2: went furthest
    study.add_curve(HPO_TRIAL_PRUNED, {});                            // 3: reported nothing
    study.add_curve(HPO_TRIAL_PRUNED, {{1, 0.0}, {2, -1.0}});         // 4: step 2, worse than 0
    auto ranked = rank_trials(study.view(), -1);
    std::sort(ranked.begin(), ranked.end());
    std::vector<int64_t> order;
    for (const auto &r : ranked) order.push_back(r.index);
    CHECK(order == std::vector<int64_t>{1, 2, 0, 4, 3});
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

TEST_CASE("non-domination fronts and crowding distances") {
    // Minimizing both: (0,2) (1,1) (2,0) form front 0, (2,2) front 1, (3,3) front 2.
    const std::vector<double> losses = {0, 2, 1, 1, 2, 0, 2, 2, 3, 3};
    const auto fronts = non_domination_fronts(losses, 2);
    CHECK(fronts == std::vector<int>{0, 0, 0, 1, 2});
    const auto crowding = crowding_distances(losses, 2, fronts);
    CHECK(std::isinf(crowding[0]));
    CHECK(std::isinf(crowding[2]));
    CHECK(crowding[1] == doctest::Approx(2.0)); // (2-0)/2 for each objective
}
