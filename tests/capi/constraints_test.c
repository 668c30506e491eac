/* What hpo.h added in 0.2, from C: constraint values on trials and how best-trial queries rank
 * them, the devices of a trial, the study's system attributes, and the new status codes'
 * texts. */
#include "check.h"

#include <math.h>
#include <string.h>

/* Asks a trial, gives it `constraints` and tells `value`; returns its number. */
static int64_t tell_with_constraints(hpo_study *study, double value, const double *constraints, size_t n) {
    hpo_trial *trial = NULL;
    int64_t number = -1;
    double x;
    CHECK_OK(hpo_study_ask(study, &trial));
    if (trial == NULL) return -1;
    number = hpo_trial_number(trial);
    CHECK_OK(hpo_trial_suggest_float(trial, "x", 0, 1, 0, 0, &x));
    CHECK_OK(hpo_trial_set_constraints(trial, constraints, n));
    CHECK_OK(hpo_trial_tell(trial, HPO_TRIAL_COMPLETE, &value, 1, NULL));
    hpo_trial_free(trial);
    return number;
}

static void test_constraints(hpo_engine *engine) {
    hpo_study *study = NULL;
    hpo_trial *trial = NULL;
    char *best = NULL, *trials = NULL;
    const double infeasible[] = {0.5}, feasible[] = {-1.0, 0.0}, bad[] = {NAN};
    CHECK_OK(hpo_study_create(engine, "{\"seed\": 3}", &study));
    if (study == NULL) return;
    tell_with_constraints(study, 0.1, infeasible, 1);
    tell_with_constraints(study, 0.9, feasible, 2);
    CHECK_OK(hpo_study_best_trial_json(study, &best));
    CHECK(best != NULL && strstr(best, "\"number\":1") != NULL); /* feasible beats a better value */
    CHECK(best != NULL && strstr(best, "\"constraints\":[-1.0,0.0]") != NULL);
    hpo_string_free(best);
    CHECK_OK(hpo_study_trials_json(study, &trials));
    CHECK(trials != NULL && strstr(trials, "\"constraints\":[0.5]") != NULL);
    hpo_string_free(trials);

    CHECK_OK(hpo_study_ask(study, &trial));
    CHECK_REFUSED(hpo_trial_set_constraints(trial, bad, 1), "constraint 0 of trial 2 is NaN");
    CHECK_REFUSED(hpo_trial_set_constraints(trial, NULL, 2), "values");
    CHECK_OK(hpo_trial_set_constraints(trial, NULL, 0)); /* none: feasible */
    hpo_trial_free(trial);
    hpo_study_free(study);
}

static void test_devices(hpo_engine *engine) {
    hpo_study *study = NULL;
    hpo_trial *trial = NULL;
    int32_t devices[2] = {-7, -7};
    size_t n = 99;
    CHECK_OK(hpo_study_create(engine, NULL, &study));
    if (study == NULL) return;
    CHECK_OK(hpo_study_ask(study, &trial));
    /* A trial asked by hand has no runner, and so no devices. */
    CHECK_OK(hpo_trial_devices(trial, devices, 2, &n));
    CHECK(n == 0 && devices[0] == -7);
    CHECK(hpo_trial_device(trial) == -1);
    CHECK_OK(hpo_trial_devices(trial, NULL, 0, &n));
    CHECK_REFUSED(hpo_trial_devices(trial, NULL, 2, &n), "out");
    CHECK_REFUSED(hpo_trial_devices(trial, devices, 2, NULL), "out_n");
    hpo_trial_free(trial);
    hpo_study_free(study);
}

static void test_study_attrs_and_statuses(hpo_engine *engine) {
    hpo_study *study = NULL;
    char *info = NULL;
    CHECK_OK(hpo_study_create(engine, "{\"storage_timeout\": 5}", &study));
    if (study == NULL) return;
    CHECK_OK(hpo_study_info_json(study, &info));
    CHECK(info != NULL && strstr(info, "\"system_attrs\":{}") != NULL);
    hpo_string_free(info);
    hpo_study_free(study);
    CHECK_REFUSED(hpo_study_create(engine, "{\"storage_timeout\": 0}", &study), "storage_timeout");
    CHECK(strcmp(hpo_status_string(HPO_EBUSY), "busy, try again") == 0);
    CHECK(strcmp(hpo_status_string(HPO_EEXISTS), "already exists") == 0);
    CHECK(strcmp(hpo_status_string(HPO_ENOTSUP), "not supported") == 0);
    CHECK(strcmp(hpo_status_string(HPO_ECANCELLED), "cancelled") == 0);
}

int main(void) {
    hpo_engine *engine = NULL;
    CHECK_OK(hpo_engine_new(NULL, &engine));
    if (engine != NULL) {
        test_constraints(engine);
        test_devices(engine);
        test_study_attrs_and_statuses(engine);
    }
    hpo_engine_free(engine);
    return check_summary();
}
