// Hyperband's bracket arithmetic, its deal of trials to brackets, and halving per bracket.
#include <hpo_test/fake_study.hpp>
#include <hpo_test/make_plugin.hpp>

#include <hyperband_scheduler.hpp>

#include <doctest/doctest.h>

#include <map>
#include <string>
#include <vector>

using hpo::plugin_kit::InvalidOption;
using hpo::schedulers::HyperbandBrackets;
using hpo::schedulers::HyperbandScheduler;
using hpo::test::FakeStudy;

namespace {

std::vector<int64_t> sizes(const HyperbandBrackets &brackets) {
    std::vector<int64_t> out;
    for (int32_t s = 0; s <= brackets.max_bracket(); ++s) out.push_back(brackets.bracket_size(s));
    return out;
}

std::vector<int64_t> first_rungs(const HyperbandBrackets &brackets) {
    std::vector<int64_t> out;
    for (int32_t s = 0; s <= brackets.max_bracket(); ++s) {
        out.push_back(brackets.rungs_of(s).resource(0).value_or(-1));
    }
    return out;
}

HyperbandScheduler hyperband(const std::string &options) {
    return hpo::test::make_plugin<HyperbandScheduler>(options);
}

} // namespace

TEST_CASE("hyperband's brackets match the paper's table") {
    SUBCASE("R = 81, eta = 3 (Li et al. 2017, Table 1)") {
        const HyperbandBrackets brackets(1, 81, 3);
        CHECK(brackets.max_bracket() == 4);
        // n_s = ceil(5 / (s + 1) * 3^s): 5, 8, 15, 34, 81
        CHECK(sizes(brackets) == std::vector<int64_t>{5, 8, 15, 34, 81});
        // Bracket s starts at 81 / 3^s; bracket 0 runs to the end without a rung.
        CHECK(first_rungs(brackets) == std::vector<int64_t>{-1, 27, 9, 3, 1});
        CHECK(brackets.round_size() == 143);
    }
    SUBCASE("R = 27, eta = 3: the mlp objective's epochs") {
        const HyperbandBrackets brackets(1, 27, 3);
        CHECK(sizes(brackets) == std::vector<int64_t>{4, 6, 12, 27});
        CHECK(first_rungs(brackets) == std::vector<int64_t>{-1, 9, 3, 1});
    }
    SUBCASE("a max_resource between powers: min 2, max 20, eta 2") {
        const HyperbandBrackets brackets(2, 20, 2); // 2, 4, 8, 16 <= 20 < 32
        CHECK(brackets.max_bracket() == 3);
        CHECK(sizes(brackets) == std::vector<int64_t>{4, 4, 6, 8});
        CHECK(first_rungs(brackets) == std::vector<int64_t>{16, 8, 4, 2});
    }
    SUBCASE("max_resource equal to min_resource leaves one bracket that never halves") {
        const HyperbandBrackets brackets(5, 5, 3);
        CHECK(brackets.max_bracket() == 0);
        CHECK(first_rungs(brackets) == std::vector<int64_t>{-1});
    }
}

TEST_CASE("hyperband refuses resources it cannot lay out") {
    CHECK_THROWS_WITH_AS(HyperbandBrackets(10, 5, 3), doctest::Contains("max_resource"),
                         InvalidOption);
    CHECK_THROWS_WITH_AS(HyperbandBrackets(1, int64_t{1} << 40, 2),
                         doctest::Contains("too many brackets"), InvalidOption);
    CHECK_THROWS_WITH_AS(hyperband("{}"), doctest::Contains("\"max_resource\" is required"),
                         InvalidOption);
}

TEST_CASE("hyperband deals trial numbers to brackets in proportion, interleaved") {
    const HyperbandBrackets brackets(1, 27, 3);
    std::map<int32_t, int64_t> dealt;
    for (int64_t number = 0; number < 3 * brackets.round_size(); ++number) {
        ++dealt[brackets.bracket_of_number(number)];
    }
    CHECK(dealt == std::map<int32_t, int64_t>{{0, 12}, {1, 18}, {2, 36}, {3, 81}});

    SUBCASE("the most aggressive bracket comes first and no bracket waits a whole round") {
        CHECK(brackets.bracket_of_number(0) == 3);
        std::map<int32_t, int64_t> first_seen;
        for (int64_t number = 0; number < brackets.round_size(); ++number) {
            first_seen.try_emplace(brackets.bracket_of_number(number), number);
        }
        // Bracket 0 holds 4 of 49 trials: the smooth deal reaches it within the first
        // quarter of a round rather than at its end.
        CHECK(first_seen.at(0) < brackets.round_size() / 4);
    }
    SUBCASE("the deal depends on the trial number alone") {
        const HyperbandBrackets again(1, 27, 3);
        for (int64_t number = 0; number < 200; ++number) {
            CHECK(again.bracket_of_number(number) == brackets.bracket_of_number(number));
        }
    }
}

TEST_CASE("hyperband records the bracket at start and reads it back from system attributes") {
    const HyperbandScheduler scheduler = hyperband(R"({"max_resource": 27})");
    FakeStudy study;
    SUBCASE("a new trial gets the bracket of its number") {
        const int64_t trial = study.start_trial();
        CHECK(scheduler.on_trial_start(study.view(), trial) == R"({"bracket":3})");
    }
    SUBCASE("a recorded bracket wins over the number's") {
        const int64_t trial = study.add_curve(HPO_TRIAL_RUNNING, {}, R"({"bracket": 1})");
        CHECK(scheduler.on_trial_start(study.view(), trial) == R"({"bracket":1})");
        CHECK(scheduler.bracket_of(study.view().trials[trial]) == 1);
    }
    SUBCASE("a recorded bracket this configuration lacks is an error naming it") {
        const int64_t trial = study.add_curve(HPO_TRIAL_RUNNING, {}, R"({"bracket": 7})");
        CHECK_THROWS_WITH_AS((void)scheduler.should_prune(study.view(), trial),
                             doctest::Contains("\"bracket\" = 7"), std::invalid_argument);
    }
}

TEST_CASE("hyperband halves each bracket separately at that bracket's rungs") {
    const HyperbandScheduler scheduler = hyperband(R"({"max_resource": 27})");
    FakeStudy study;
    // A strong trial in bracket 3 (rungs 1, 3, 9) and one in bracket 2 (rungs 3, 9).
    study.add_curve(HPO_TRIAL_COMPLETE, {{1, 0.1}, {3, 0.1}, {9, 0.1}}, R"({"bracket": 3})");
    study.add_curve(HPO_TRIAL_COMPLETE, {{1, 0.2}, {3, 0.2}, {9, 0.2}}, R"({"bracket": 2})");

    SUBCASE("bracket 3 judges at step 1 against bracket 3 alone") {
        const int64_t weak = study.add_curve(HPO_TRIAL_RUNNING, {{1, 0.15}}, R"({"bracket": 3})");
        CHECK(scheduler.should_prune(study.view(), weak));
    }
    SUBCASE("bracket 2 has no rung at step 1") {
        const int64_t weak = study.add_curve(HPO_TRIAL_RUNNING, {{1, 0.9}}, R"({"bracket": 2})");
        CHECK_FALSE(scheduler.should_prune(study.view(), weak));
        study.report(weak, 3, 0.15); // at rung 3 it beats bracket 2's 0.2, not bracket 3's 0.1
        CHECK_FALSE(scheduler.should_prune(study.view(), weak));
    }
    SUBCASE("bracket 0 never stops a trial") {
        const int64_t weak = study.add_curve(HPO_TRIAL_RUNNING, {{1, 5.0}, {3, 5.0}, {9, 5.0}},
                                       R"({"bracket": 0})");
        CHECK_FALSE(scheduler.should_prune(study.view(), weak));
    }
    SUBCASE("a trial without a recorded bracket is judged in its number's") {
        // Trial number 2 is dealt bracket 3 (see the deal above): it meets 0.1 there.
        REQUIRE(scheduler.brackets().bracket_of_number(2) == 3);
        const int64_t weak = study.add_curve(HPO_TRIAL_RUNNING, {{1, 0.15}});
        CHECK(scheduler.should_prune(study.view(), weak));
    }
}
