// The contract's heartbeats, judged by the storage's own clock: a RUNNING trial beats from its
// creation, record_heartbeat stamps it again, and fail_stale_trials fails those silent for
// longer than the grace. Every time compared here comes from the storage, never from this
// process's clock, which may differ from a database server's.
#include "conformance_case.hpp"

#include <doctest/doctest.h>

using hpo::test::ConformanceCase;
using hpo::test::json;
using hpo::test::offers;
using hpo::test::missing_id;

namespace {

// A RUNNING trial whose last heartbeat, by the storage's clock, is `age` seconds before its
// creation; returns its id and sets `created_at` to the storage's stamp at its creation.
int64_t silent_trial(hpo::test::StorageClient &storage, int64_t study, double age, double &created_at) {
    const int64_t id = storage.create_trial(study);
    created_at = storage.trial(study, id)["heartbeat"].get<double>();
    storage.update_trial(study, id, {{"heartbeat", created_at - age}}); // an engine whose clock lags
    return id;
}

} // namespace

TEST_CASE_FIXTURE(ConformanceCase, "trials silent for longer than the grace fail, with the reason") {
    if (!offers(storage().ops().fail_stale_trials, "fail_stale_trials")) return;
    const int64_t study = create_study(storage(), "s");
    double created_at = 0;
    const int64_t silent = silent_trial(storage(), study, 1000, created_at);
    const int64_t beating = storage().create_trial(study);
    const int64_t waiting = storage().create_trial(study, {{"state", "WAITING"}});
    double ignored = 0;
    const int64_t finished = silent_trial(storage(), study, 1000, ignored);
    storage().update_trial(study, finished, {{"state", "COMPLETE"}, {"values", {1.0}}});

    CHECK(storage().fail_stale_trials(study, 500) == json{silent});
    const json failed = storage().trial(study, silent);
    CHECK(failed["state"] == "FAIL");
    CHECK(failed["message"].is_string());
    CHECK(failed["datetime_complete"].is_string());
    CHECK(storage().trial(study, beating)["state"] == "RUNNING");
    CHECK(storage().trial(study, waiting)["state"] == "WAITING");
    CHECK(storage().trial(study, finished)["state"] == "COMPLETE");
    CHECK(storage().fail_stale_trials(study, 500) == json::array());
}

TEST_CASE_FIXTURE(ConformanceCase, "record_heartbeat stamps a running trial by the storage's clock") {
    if (!offers(storage().ops().record_heartbeat, "record_heartbeat")) return;
    const int64_t study = create_study(storage(), "s");
    double created_at = 0;
    const int64_t id = silent_trial(storage(), study, 1000, created_at);
    REQUIRE_MESSAGE(storage().try_record_heartbeat(study, id) == HPO_OK, storage().last_error());
    CHECK(storage().trial(study, id)["heartbeat"].get<double>() >= created_at);
    if (storage().ops().fail_stale_trials != nullptr) CHECK(storage().fail_stale_trials(study, 500).empty());

    SUBCASE("a finished trial has no heartbeat to stamp") {
        storage().update_trial(study, id, {{"state", "PRUNED"}});
        const json before = storage().trial(study, id);
        CHECK(storage().try_record_heartbeat(study, id) == HPO_ESTATE);
        CHECK(storage().trial(study, id) == before);
    }
    SUBCASE("an unknown trial is not found") {
        CHECK(storage().try_record_heartbeat(study, missing_id) == HPO_ENOTFOUND);
    }
}
