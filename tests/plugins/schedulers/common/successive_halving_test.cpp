// Rung arithmetic and ASHA promotions, on scripted learning curves.
#include <hpo_test/fake_study.hpp>

#include <successive_halving.hpp>

#include <doctest/doctest.h>

#include <cmath>
#include <limits>
#include <vector>

using hpo::schedulers::CompetesWith;
using hpo::schedulers::is_promotable;
using hpo::schedulers::Rungs;
using hpo::schedulers::SuccessiveHalving;
using hpo::test::FakeStudy;

namespace {

const CompetesWith everyone = [](const hpo_trial_view &) { return true; };
const double not_a_number = std::numeric_limits<double>::quiet_NaN();

std::vector<int64_t> resources(const Rungs &rungs, int64_t n) {
    std::vector<int64_t> out;
    for (int64_t k = 0; k < n; ++k) out.push_back(rungs.resource(k).value_or(-1));
    return out;
}

} // namespace

TEST_CASE("rungs sit at min_resource times reduction_factor to the rung plus the rate") {
    SUBCASE("min 1, factor 3, rate 0") {
        CHECK(resources({1, 3, 0, {}}, 5) == std::vector<int64_t>{1, 3, 9, 27, 81});
    }
    SUBCASE("min 2, factor 2, rate 1") {
        CHECK(resources({2, 2, 1, {}}, 4) == std::vector<int64_t>{4, 8, 16, 32});
    }
    SUBCASE("min 1, factor 4, rate 2") {
        CHECK(resources({1, 4, 2, {}}, 3) == std::vector<int64_t>{16, 64, 256});
    }
    SUBCASE("no rung at or past max_resource") {
        CHECK(resources({1, 3, 0, 27}, 5) == std::vector<int64_t>{1, 3, 9, -1, -1});
        CHECK(resources({1, 3, 0, 28}, 5) == std::vector<int64_t>{1, 3, 9, 27, -1});
    }
    SUBCASE("no rung beyond what int64 holds") {
        CHECK_FALSE(Rungs{1, 3, 0, {}}.resource(40).has_value());
    }
}

TEST_CASE("a value is promotable when fewer than max(1, n / factor) values beat it") {
    SUBCASE("the first at a rung always goes on") {
        CHECK(is_promotable(5.0, {}, 3, HPO_MINIMIZE));
    }
    SUBCASE("with fewer than factor values, only the best goes on") {
        CHECK(is_promotable(0.5, std::vector{1.0, 2.0}, 3, HPO_MINIMIZE));
        CHECK_FALSE(is_promotable(1.5, std::vector{1.0, 2.0}, 3, HPO_MINIMIZE));
    }
    SUBCASE("a tie with the best goes on") {
        CHECK(is_promotable(1.0, std::vector{1.0, 2.0}, 3, HPO_MINIMIZE));
    }
    SUBCASE("six values and factor 3 promote the best two") {
        const std::vector others{0.1, 0.2, 0.4, 0.5, 0.6};
        CHECK(is_promotable(0.15, others, 3, HPO_MINIMIZE));
        CHECK_FALSE(is_promotable(0.3, others, 3, HPO_MINIMIZE));
    }
    SUBCASE("maximizing, the largest values are the best") {
        CHECK(is_promotable(0.9, std::vector{0.5, 0.8}, 3, HPO_MAXIMIZE));
        CHECK_FALSE(is_promotable(0.6, std::vector{0.5, 0.8}, 3, HPO_MAXIMIZE));
    }
    SUBCASE("NaN values of others count as the worst") {
        CHECK(is_promotable(9.0, std::vector{not_a_number, not_a_number}, 3, HPO_MINIMIZE));
    }
}

TEST_CASE("ASHA promotes the top third of each rung as trials arrive, without waiting") {
    const SuccessiveHalving asha{.rungs = {1, 3, 0, {}}, .bootstrap_count = 0};
    FakeStudy study;
    const auto arrives_at_rung_one = [&](double value) {
        const int64_t trial = study.add_curve(HPO_TRIAL_RUNNING, {{1, value}});
        return asha.should_prune(study.view(), trial, HPO_MINIMIZE, everyone);
    };
    // n values at the rung promote max(1, n / 3), judged as each trial arrives.
    CHECK_FALSE(arrives_at_rung_one(0.5)); // alone: goes on
    CHECK(arrives_at_rung_one(0.7));       // 2 values, 1 promoted: 0.5 is better
    CHECK_FALSE(arrives_at_rung_one(0.3)); // best so far
    CHECK(arrives_at_rung_one(0.6));       // 4 values, 1 promoted
    CHECK(arrives_at_rung_one(0.4));       // 5 values, 1 promoted: 0.3 is better
    CHECK_FALSE(arrives_at_rung_one(0.35)); // 6 values, 2 promoted: only 0.3 is better
}

TEST_CASE("ASHA judges a trial only at the report that first reaches a rung") {
    const SuccessiveHalving asha{.rungs = {1, 3, 0, {}}, .bootstrap_count = 0};
    FakeStudy study;
    study.add_curve(HPO_TRIAL_COMPLETE, {{1, 0.1}, {2, 0.1}, {3, 0.1}});
    const int64_t trial = study.add_curve(HPO_TRIAL_RUNNING, {{1, 0.5}});
    REQUIRE(asha.should_prune(study.view(), trial, HPO_MINIMIZE, everyone));

    SUBCASE("between rungs nothing is decided, even for a trial told to stop before") {
        study.report(trial, 2, 0.9);
        CHECK_FALSE(asha.should_prune(study.view(), trial, HPO_MINIMIZE, everyone));
    }
    SUBCASE("the next rung is judged against the values there") {
        study.report(trial, 2, 0.9);
        study.report(trial, 3, 0.05);
        CHECK_FALSE(asha.should_prune(study.view(), trial, HPO_MINIMIZE, everyone));
    }
}

TEST_CASE("ASHA compares the values trials had on reaching a rung") {
    const SuccessiveHalving asha{.rungs = {1, 3, 0, {}}, .bootstrap_count = 0};
    FakeStudy study;
    // Reported at steps 2 and 4: it reached rung 3 at step 4, with 0.2 (later 0.01).
    study.add_curve(HPO_TRIAL_COMPLETE, {{2, 0.9}, {4, 0.2}, {5, 0.01}});
    const int64_t trial = study.add_curve(HPO_TRIAL_RUNNING, {{1, 0.1}, {3, 0.1}});
    CHECK_FALSE(asha.should_prune(study.view(), trial, HPO_MINIMIZE, everyone));

    SUBCASE("a report that skips rungs is judged at each of them") {
        // Reaching rungs 1 and 3 at step 3 with 0.95: worse than 0.9 at rung 1.
        const int64_t late = study.add_curve(HPO_TRIAL_RUNNING, {{3, 0.95}});
        CHECK(asha.should_prune(study.view(), late, HPO_MINIMIZE, everyone));
    }
}

TEST_CASE("ASHA stops a NaN value at a rung and ignores waiting or filtered trials") {
    FakeStudy study;
    SUBCASE("NaN") {
        const SuccessiveHalving asha{.rungs = {1, 3, 0, {}}, .bootstrap_count = 0};
        const int64_t trial = study.add_curve(HPO_TRIAL_RUNNING, {{1, not_a_number}});
        CHECK(asha.should_prune(study.view(), trial, HPO_MINIMIZE, everyone));
    }
    SUBCASE("competitors") {
        const SuccessiveHalving asha{.rungs = {1, 3, 0, {}}, .bootstrap_count = 0};
        study.add_curve(HPO_TRIAL_COMPLETE, {{1, 0.1}}, R"({"group": 1})");
        const int64_t trial = study.add_curve(HPO_TRIAL_RUNNING, {{1, 0.5}}, R"({"group": 2})");
        const CompetesWith same_group = [&](const hpo_trial_view &other) {
            return other.system_attrs_json == std::string(R"({"group": 2})");
        };
        CHECK(asha.should_prune(study.view(), trial, HPO_MINIMIZE, everyone));
        CHECK_FALSE(asha.should_prune(study.view(), trial, HPO_MINIMIZE, same_group));
    }
    SUBCASE("max_resource ends the ladder") {
        const SuccessiveHalving asha{.rungs = {1, 3, 0, 3}, .bootstrap_count = 0};
        study.add_curve(HPO_TRIAL_COMPLETE, {{1, 0.1}, {3, 0.1}});
        const int64_t trial = study.add_curve(HPO_TRIAL_RUNNING, {{3, 0.5}});
        // Judged at rung 1 only: 0.5 is worse than 0.1 there. At 3 it would simply finish.
        CHECK(asha.should_prune(study.view(), trial, HPO_MINIMIZE, everyone));
        const int64_t good = study.add_curve(HPO_TRIAL_RUNNING, {{1, 0.05}, {3, 0.9}});
        CHECK_FALSE(asha.should_prune(study.view(), good, HPO_MINIMIZE, everyone));
    }
}

TEST_CASE("a rung with bootstrap_count values or fewer promotes nobody") {
    const SuccessiveHalving asha{.rungs = {1, 3, 0, {}}, .bootstrap_count = 2};
    FakeStudy study;
    const auto arrives = [&](double value) {
        const int64_t trial = study.add_curve(HPO_TRIAL_RUNNING, {{1, value}});
        return asha.should_prune(study.view(), trial, HPO_MINIMIZE, everyone);
    };
    CHECK(arrives(0.1));
    CHECK(arrives(0.2));
    CHECK_FALSE(arrives(0.05));
}
