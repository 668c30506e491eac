// The ranking of past trials every sampler shares: complete ones by value, pruned ones after
// them by how far they got, infeasible ones last by their constraint violation, and trials
// that ended otherwise not at all.
#include <trial_ranking.hpp>

#include <hpo_test/fake_study.hpp>

#include <doctest/doctest.h>

#include <algorithm>
#include <vector>

using hpo::samplers::rank_trials;
using hpo::test::FakeStudy;

namespace {

// The indices of the ranked trials, best first.
std::vector<int64_t> ranking(FakeStudy &study, int64_t exclude = -1) {
    auto ranked = rank_trials(study.view(), exclude);
    std::sort(ranked.begin(), ranked.end());
    std::vector<int64_t> order;
    for (const auto &r : ranked) order.push_back(r.index);
    return order;
}

// A finished trial with a value and constraint values.
hpo::test::FakeTrial ended(int32_t state, std::vector<double> values,
                           std::vector<double> constraints) {
    hpo::test::FakeTrial trial;
    trial.state = state;
    trial.values = std::move(values);
    trial.constraints = std::move(constraints);
    return trial;
}

} // namespace

TEST_CASE("pruned trials rank after complete ones: further first, then by last value") {
    FakeStudy study;
    study.add_curve(HPO_TRIAL_PRUNED, {{1, 0.0}, {2, -5.0}});         // 0: step 2, best value
    study.add_trial(HPO_TRIAL_COMPLETE, {}, {100.0});                // 1: the worst complete one
    study.add_curve(HPO_TRIAL_PRUNED, {{1, 9.0}, {2, 9.0}, {3, 9.0}}); // 2: went furthest
    study.add_curve(HPO_TRIAL_PRUNED, {});                            // 3: reported nothing
    study.add_curve(HPO_TRIAL_PRUNED, {{1, 0.0}, {2, -1.0}});         // 4: step 2, worse than 0
    CHECK(ranking(study) == std::vector<int64_t>{1, 2, 0, 4, 3});
}

TEST_CASE("a maximized objective ranks its highest values first") {
    FakeStudy study({HPO_MAXIMIZE});
    for (double v : {1.0, 3.0, 2.0}) study.add_trial(HPO_TRIAL_COMPLETE, {}, {v});
    CHECK(ranking(study) == std::vector<int64_t>{1, 2, 0});
    CHECK(hpo::samplers::loss(study.view(), 0, 3.0) == -3.0);
}

TEST_CASE("infeasible trials rank after every feasible one, by their constraint violation") {
    FakeStudy study;
    study.add_trial(ended(HPO_TRIAL_COMPLETE, {0.0}, {2.0, -1.0}));  // 0: best value, violation 2
    study.add_trial(ended(HPO_TRIAL_COMPLETE, {5.0}, {-1.0, 0.0}));  // 1: feasible (<= 0)
    study.add_trial(ended(HPO_TRIAL_PRUNED, {}, {0.5, 0.25}));       // 2: violation 0.75
    study.add_trial(ended(HPO_TRIAL_COMPLETE, {9.0}, {}));           // 3: no constraints: feasible
    study.add_curve(HPO_TRIAL_PRUNED, {{1, 0.0}});                   // 4: feasible, pruned
    CHECK(ranking(study) == std::vector<int64_t>{1, 3, 4, 2, 0});
}

TEST_CASE("failed, waiting and running trials are not ranked, nor the trial being sampled") {
    FakeStudy study;
    study.add_trial(HPO_TRIAL_COMPLETE, {}, {1.0});
    study.add_trial(HPO_TRIAL_FAIL);
    study.add_trial(HPO_TRIAL_WAITING);
    study.add_trial(HPO_TRIAL_RUNNING);
    study.add_trial(HPO_TRIAL_COMPLETE, {}, {std::nan("")}); // no value to rank by
    study.add_trial(HPO_TRIAL_COMPLETE, {}, {2.0});
    CHECK(ranking(study, 5) == std::vector<int64_t>{0});
}
