// The study-wide trial budget: a study record's "max_trials" caps how many trials
// create_trial makes, whatever their state, and a bad budget is refused where it is given.
#include "conformance_case.hpp"

#include <doctest/doctest.h>

using hpo::test::ConformanceCase;
using hpo::test::contains;
using hpo::test::json;

TEST_CASE_FIXTURE(ConformanceCase, "a study's max_trials: create_trial refuses past it with HPO_ECANCELLED") {
    const std::string name = study_name("budget");
    int64_t study = -1;
    REQUIRE(storage().try_create_study({{"name", name}, {"max_trials", 3}}, false, study) == HPO_OK);
    // Enqueued trials count as much as running ones: the study holds them all.
    storage().create_trial(study, {{"state", "WAITING"}});
    storage().create_trial(study);
    storage().create_trial(study);
    int64_t id = -1, number = -1;
    CHECK(storage().try_create_trial(study, {{"state", "RUNNING"}}, id, number) == HPO_ECANCELLED);
    CHECK(contains(storage().last_error(), "budget of 3 trials"));
    CHECK(storage().try_create_trial(study, {{"state", "WAITING"}}, id, number) == HPO_ECANCELLED);
    CHECK(storage().all_trials(study).size() == 3);
    // Claiming a waiting trial creates none: the budget allows it.
    CHECK(storage().claim(study, "w") >= 0);
    CHECK(storage().load_study(name)["max_trials"] == 3);
}

TEST_CASE_FIXTURE(ConformanceCase, "a study without max_trials, or with null, has no budget") {
    const std::string name = study_name("unbounded");
    int64_t study = -1;
    REQUIRE(storage().try_create_study({{"name", name}, {"max_trials", nullptr}}, false, study) == HPO_OK);
    for (int i = 0; i < 5; ++i) storage().create_trial(study);
    CHECK(storage().all_trials(study).size() == 5);
}

TEST_CASE_FIXTURE(ConformanceCase, "a max_trials that is no positive integer is refused, naming the key") {
    int64_t study = -1;
    for (const json &bad : {json(0), json(-4), json(2.5), json("10")}) {
        CAPTURE(bad);
        CHECK(storage().try_create_study({{"name", study_name("bad-budget")}, {"max_trials", bad}}, false, study) == HPO_EINVAL);
        CHECK(contains(storage().last_error(), "max_trials"));
    }
    const int64_t made = create_study(storage(), "update-budget");
    CHECK(storage().try_update_study(made, {{"max_trials", -1}}) == HPO_EINVAL);
    CHECK(contains(storage().last_error(), "max_trials"));
}
