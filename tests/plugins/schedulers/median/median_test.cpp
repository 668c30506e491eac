// The median stopping rule: start-up, warm-up, check interval, minimum trials, direction.
#include <hpo_test/fake_study.hpp>
#include <hpo_test/make_plugin.hpp>

#include <median_pruner.hpp>

#include <doctest/doctest.h>

#include <cmath>
#include <limits>
#include <string>

using hpo::schedulers::MedianPruner;
using hpo::test::FakeStudy;

namespace {

MedianPruner median(const std::string &options) {
    return hpo::test::make_plugin<MedianPruner>(options);
}

// Completed trials whose values at steps 0..4 are `level` each: the medians are then known.
void add_completed(FakeStudy &study, std::initializer_list<double> levels) {
    for (const double level : levels) {
        study.add_curve(HPO_TRIAL_COMPLETE, {{0, level}, {1, level}, {2, level}, {3, level}, {4, level}});
    }
}

} // namespace

TEST_CASE("the median rule stops a trial worse than the median of completed trials") {
    FakeStudy study;
    add_completed(study, {1.0, 2.0, 3.0, 4.0, 5.0}); // median 3 at every step
    const MedianPruner pruner = median("{}");
    SUBCASE("worse than the median") {
        const int64_t trial = study.add_curve(HPO_TRIAL_RUNNING, {{0, 3.5}});
        CHECK(pruner.should_prune(study.view(), trial));
    }
    SUBCASE("equal to the median goes on") {
        const int64_t trial = study.add_curve(HPO_TRIAL_RUNNING, {{0, 3.0}});
        CHECK_FALSE(pruner.should_prune(study.view(), trial));
    }
    SUBCASE("the best value so far counts, not the last") {
        const int64_t trial = study.add_curve(HPO_TRIAL_RUNNING, {{0, 2.0}, {1, 9.0}});
        CHECK_FALSE(pruner.should_prune(study.view(), trial));
    }
    SUBCASE("an even count takes the mean of the middle two") {
        add_completed(study, {6.0}); // median 3.5
        const int64_t trial = study.add_curve(HPO_TRIAL_RUNNING, {{0, 3.4}});
        CHECK_FALSE(pruner.should_prune(study.view(), trial));
        const int64_t worse = study.add_curve(HPO_TRIAL_RUNNING, {{0, 3.6}});
        CHECK(pruner.should_prune(study.view(), worse));
    }
    SUBCASE("pruned and running trials do not make the median") {
        study.add_curve(HPO_TRIAL_PRUNED, {{0, 100.0}});
        study.add_curve(HPO_TRIAL_PRUNED, {{0, 100.0}});
        study.add_curve(HPO_TRIAL_RUNNING, {{0, 100.0}});
        const int64_t trial = study.add_curve(HPO_TRIAL_RUNNING, {{0, 3.5}});
        CHECK(pruner.should_prune(study.view(), trial));
    }
    SUBCASE("a trial whose values are all NaN is stopped") {
        const int64_t trial = study.add_curve(HPO_TRIAL_RUNNING,
                                        {{0, std::numeric_limits<double>::quiet_NaN()}});
        CHECK(pruner.should_prune(study.view(), trial));
    }
}

TEST_CASE("the median rule follows the study's direction") {
    FakeStudy study({HPO_MAXIMIZE});
    add_completed(study, {1.0, 2.0, 3.0, 4.0, 5.0});
    const MedianPruner pruner = median("{}");
    const int64_t worse = study.add_curve(HPO_TRIAL_RUNNING, {{0, 2.5}});
    CHECK(pruner.should_prune(study.view(), worse));
    const int64_t better = study.add_curve(HPO_TRIAL_RUNNING, {{0, 3.5}});
    CHECK_FALSE(pruner.should_prune(study.view(), better));
}

TEST_CASE("the median rule waits for n_startup_trials completed trials") {
    FakeStudy study;
    add_completed(study, {1.0, 2.0});
    const int64_t trial = study.add_curve(HPO_TRIAL_RUNNING, {{0, 10.0}});
    CHECK_FALSE(median(R"({"n_startup_trials": 3})").should_prune(study.view(), trial));
    CHECK(median(R"({"n_startup_trials": 2})").should_prune(study.view(), trial));
    SUBCASE("and never prunes with no completed trial at all") {
        FakeStudy empty;
        const int64_t first = empty.add_curve(HPO_TRIAL_RUNNING, {{0, 10.0}});
        CHECK_FALSE(median(R"({"n_startup_trials": 0})").should_prune(empty.view(), first));
    }
}

TEST_CASE("the median rule does not judge steps before n_warmup_steps") {
    FakeStudy study;
    add_completed(study, {1.0, 2.0, 3.0, 4.0, 5.0});
    const MedianPruner pruner = median(R"({"n_warmup_steps": 2})");
    const int64_t trial = study.add_curve(HPO_TRIAL_RUNNING, {{0, 9.0}});
    CHECK_FALSE(pruner.should_prune(study.view(), trial));
    study.report(trial, 1, 9.0);
    CHECK_FALSE(pruner.should_prune(study.view(), trial));
    study.report(trial, 2, 9.0);
    CHECK(pruner.should_prune(study.view(), trial));
}

TEST_CASE("the median rule judges every interval_steps after the warm-up") {
    FakeStudy study;
    add_completed(study, {1.0, 2.0, 3.0, 4.0, 5.0});
    const MedianPruner pruner = median(R"({"n_warmup_steps": 1, "interval_steps": 2})");
    const int64_t trial = study.start_trial();
    // Check points at steps 1, 3, 5, ...
    const auto at = [&](int64_t step) {
        study.report(trial, step, 9.0);
        return pruner.should_prune(study.view(), trial);
    };
    SUBCASE("every step reported") {
        CHECK_FALSE(at(0));
        CHECK(at(1));
        CHECK_FALSE(at(2));
        CHECK(at(3));
        CHECK_FALSE(at(4));
    }
    SUBCASE("a missed check point is judged at the next report") {
        CHECK_FALSE(at(0));
        CHECK(at(2)); // check point 1 was never reported
        CHECK(at(4)); // nor was check point 3
    }
}

TEST_CASE("the median rule needs n_min_trials completed values at the step") {
    FakeStudy study;
    add_completed(study, {1.0, 2.0});
    study.add_curve(HPO_TRIAL_COMPLETE, {{0, 1.0}}); // completed without a value at step 3
    const int64_t trial = study.add_curve(HPO_TRIAL_RUNNING, {{3, 9.0}});
    CHECK(median(R"({"n_startup_trials": 1, "n_min_trials": 2})").should_prune(study.view(), trial));
    CHECK_FALSE(median(R"({"n_startup_trials": 1, "n_min_trials": 3})")
                    .should_prune(study.view(), trial));
}

TEST_CASE("the median rule refuses a study of several objectives") {
    FakeStudy study({HPO_MINIMIZE, HPO_MINIMIZE});
    const int64_t trial = study.add_curve(HPO_TRIAL_RUNNING, {{0, 1.0}});
    CHECK_THROWS_WITH_AS((void)median("{}").should_prune(study.view(), trial),
                         doctest::Contains("median scheduler judges one objective"),
                         std::invalid_argument);
}
