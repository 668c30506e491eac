/* The study-wide trial budget through hpo.h, from C: "max_trials" in the study config makes
 * hpo_study_ask answer HPO_DONE (and NULL) once the study holds that many trials, ends
 * hpo_study_optimize cleanly without n_trials, and refuses enqueuing past it. */
#include "check.h"

static const char *const budget_config =
    "{\"seed\": 3, \"max_trials\": 3, \"space\": {\"x\": {\"type\": \"float\", \"low\": 0, \"high\": 1}}}";

static void test_ask_is_done_when_spent(hpo_engine *engine) {
    hpo_study *study = NULL;
    hpo_trial *trial = NULL;
    const double value = 0.5;
    int i;
    CHECK_OK(hpo_study_create(engine, budget_config, &study));
    if (study == NULL) return;
    for (i = 0; i < 3; ++i) {
        CHECK_OK(hpo_study_ask(study, &trial));
        CHECK_OK(hpo_trial_tell(trial, HPO_TRIAL_COMPLETE, &value, 1, NULL));
        hpo_trial_free(trial);
        trial = NULL;
    }
    trial = (hpo_trial *)&value; /* any non-NULL: ask must clear it */
    CHECK_STATUS(hpo_study_ask(study, &trial), HPO_DONE);
    CHECK(trial == NULL);
    CHECK_STATUS(hpo_study_enqueue(study, "{\"x\": 0.25}"), HPO_ECANCELLED);
    CHECK(strstr(hpo_last_error(), "budget of 3 trials") != NULL);
    hpo_study_free(study);
}

static int32_t half(hpo_trial *trial, double *out_values, size_t n_values, void *user_data) {
    (void)trial;
    ++*(int *)user_data;
    if (n_values == 1) out_values[0] = 0.5;
    return HPO_OK;
}

static void test_optimize_stops_at_the_budget(hpo_engine *engine) {
    hpo_study *study = NULL;
    int64_t n = 0;
    int calls = 0;
    char *info = NULL;
    CHECK_OK(hpo_study_create(engine, budget_config, &study));
    if (study == NULL) return;
    /* n_trials 10 asks for more than the budget allows: the budget wins, with no error. */
    CHECK_OK(hpo_study_optimize(study, half, "{\"n_trials\": 10}", &calls));
    CHECK(calls == 3);
    CHECK_OK(hpo_study_n_trials(study, &n));
    CHECK(n == 3);
    CHECK_OK(hpo_study_info_json(study, &info));
    CHECK(info != NULL && strstr(info, "\"max_trials\":3") != NULL);
    hpo_string_free(info);
    hpo_study_free(study);
}

static void test_bad_budget_is_refused(hpo_engine *engine) {
    hpo_study *study = NULL;
    CHECK_REFUSED(hpo_study_create(engine, "{\"max_trials\": 0}", &study), "max_trials");
    CHECK_REFUSED(hpo_study_create(engine, "{\"max_trials\": \"ten\"}", &study), "max_trials");
    CHECK(study == NULL);
}

int main(void) {
    hpo_engine *engine = NULL;
    CHECK_OK(hpo_engine_new(NULL, &engine));
    if (engine != NULL) {
        test_ask_is_done_when_spent(engine);
        test_optimize_stops_at_the_budget(engine);
        test_bad_budget_is_refused(engine);
    }
    hpo_engine_free(engine);
    return check_summary();
}
