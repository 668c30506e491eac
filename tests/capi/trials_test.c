/* Studies and trials through hpo.h, from C: the ask/tell state machine, define-by-run,
 * enqueueing, best trial(s), the JSON export, and optimize with a C objective. */
#include "check.h"

#include <math.h>
#include <string.h>

static const char *const unit_space =
    "\"space\": {\"x\": {\"type\": \"float\", \"low\": 0, \"high\": 1}}";

/* The study, or NULL (a failed check) when it cannot be made: the caller skips the rest. */
static hpo_study *new_study(hpo_engine *engine, const char *config) {
    hpo_study *study = NULL;
    CHECK_OK(hpo_study_create(engine, config, &study));
    return study;
}

static int count(const char *text, const char *needle) {
    int n = 0;
    for (text = strstr(text, needle); text != NULL; text = strstr(text + 1, needle)) ++n;
    return n;
}

/* Enqueues {"x": x}, asks for it and tells `values`. */
static void run_fixed_trial(hpo_study *study, double x, const double *values, size_t n_values) {
    char params[64];
    hpo_trial *trial = NULL;
    snprintf(params, sizeof params, "{\"x\": %.17g}", x);
    CHECK_OK(hpo_study_enqueue(study, params));
    CHECK_OK(hpo_study_ask(study, &trial));
    CHECK_OK(hpo_trial_tell(trial, HPO_TRIAL_COMPLETE, values, n_values, NULL));
    hpo_trial_free(trial);
}

static void test_tell_state_machine(hpo_engine *engine) {
    char config[256], *trials = NULL;
    hpo_study *study;
    hpo_trial *trial = NULL;
    const double value = 1.5, not_a_number = NAN;
    snprintf(config, sizeof config, "{\"seed\": 1, %s}", unit_space);
    study = new_study(engine, config);
    if (study == NULL) return;
    CHECK_OK(hpo_study_ask(study, &trial));
    CHECK_OK(hpo_trial_tell(trial, HPO_TRIAL_COMPLETE, &value, 1, NULL));
    CHECK_STATUS(hpo_trial_tell(trial, HPO_TRIAL_COMPLETE, &value, 1, NULL), HPO_ESTATE);
    hpo_trial_free(trial);
    CHECK_OK(hpo_study_ask(study, &trial));
    CHECK(hpo_trial_number(trial) == 1);
    CHECK_OK(hpo_trial_tell(trial, HPO_TRIAL_COMPLETE, &not_a_number, 1, NULL)); /* becomes FAIL */
    hpo_trial_free(trial);
    CHECK_OK(hpo_study_trials_json(study, &trials));
    CHECK(trials != NULL && trials[0] == '[' && count(trials, "\"COMPLETE\"") == 1 && count(trials, "\"FAIL\"") == 1);
    hpo_string_free(trials);
    hpo_study_free(study);
}

static void test_define_by_run(hpo_engine *engine) {
    hpo_study *study = new_study(engine, "{\"seed\": 2}");
    hpo_trial *trial = NULL;
    double lr = 0, again = 0, stored = 0;
    int64_t layers = 0, kernel = -1;
    char *params = NULL;
    if (study == NULL) return;
    CHECK_OK(hpo_study_ask(study, &trial));
    CHECK_OK(hpo_trial_suggest_float(trial, "lr", 1e-4, 1e-1, 1, 0, &lr));
    CHECK(lr >= 1e-4 && lr <= 1e-1);
    CHECK_OK(hpo_trial_suggest_float(trial, "lr", 1e-4, 1e-1, 1, 0, &again));
    CHECK(again == lr); /* chosen once per trial */
    CHECK_OK(hpo_trial_suggest_int(trial, "layers", 1, 8, 0, 1, &layers));
    CHECK(layers >= 1 && layers <= 8);
    CHECK_OK(hpo_trial_suggest_categorical(trial, "kernel", "[\"rbf\", \"linear\", \"poly\"]", &kernel));
    CHECK(kernel >= 0 && kernel <= 2);
    CHECK_OK(hpo_trial_param(trial, "lr", &stored));
    CHECK(stored == lr);
    CHECK_STATUS(hpo_trial_param(trial, "momentum", &stored), HPO_ENOTFOUND);
    CHECK_OK(hpo_trial_params_json(trial, &params));
    CHECK(params != NULL && strstr(params, "\"layers\"") != NULL && strstr(params, "\"kernel\"") != NULL);
    hpo_string_free(params);
    CHECK_OK(hpo_trial_tell(trial, HPO_TRIAL_COMPLETE, &lr, 1, NULL));
    hpo_trial_free(trial);

    /* Another range for a known name fails that trial; the study's definition stands. */
    CHECK_OK(hpo_study_ask(study, &trial));
    CHECK_STATUS(hpo_trial_suggest_float(trial, "lr", 0, 1, 0, 0, &again), HPO_EINVAL);
    CHECK(strstr(hpo_last_error(), "\"lr\" is defined in study") != NULL);
    CHECK_STATUS(hpo_trial_tell(trial, HPO_TRIAL_COMPLETE, &again, 1, NULL), HPO_ESTATE);
    hpo_trial_free(trial);
    hpo_study_free(study);
}

static void test_enqueue_and_best_trial(hpo_engine *engine) {
    char config[256], *best = NULL;
    hpo_study *study;
    hpo_trial *trial = NULL;
    double x = 0;
    const double values[] = {3.0, 1.0, 2.0};
    snprintf(config, sizeof config, "{\"seed\": 3, %s}", unit_space);
    study = new_study(engine, config);
    if (study == NULL) return;
    CHECK_STATUS(hpo_study_best_trial_json(study, &best), HPO_ENOTFOUND);
    CHECK_OK(hpo_study_enqueue(study, "{\"x\": 0.75}"));
    CHECK_OK(hpo_study_ask(study, &trial));
    CHECK_OK(hpo_trial_param(trial, "x", &x));
    CHECK(x == 0.75);
    CHECK_OK(hpo_trial_tell(trial, HPO_TRIAL_COMPLETE, &values[0], 1, NULL));
    hpo_trial_free(trial);
    run_fixed_trial(study, 0.25, &values[1], 1);
    run_fixed_trial(study, 0.5, &values[2], 1);
    CHECK_STATUS(hpo_study_enqueue(study, "{\"x\": 2}"), HPO_EINVAL); /* outside [0, 1] */
    CHECK_OK(hpo_study_best_trial_json(study, &best));
    CHECK(best != NULL && strstr(best, "\"x\":0.25") != NULL); /* the engine writes compact JSON */
    hpo_string_free(best);
    hpo_study_free(study);
}

static void test_pareto_front(hpo_engine *engine) {
    char config[256], *front = NULL;
    hpo_study *study;
    const double a[] = {0.2, 0.8}, b[] = {0.8, 0.2}, dominated[] = {0.9, 0.9}, c[] = {0.5, 0.5};
    snprintf(config, sizeof config, "{\"seed\": 4, \"directions\": [\"minimize\", \"minimize\"], %s}", unit_space);
    study = new_study(engine, config);
    if (study == NULL) return;
    run_fixed_trial(study, 0.1, a, 2);
    run_fixed_trial(study, 0.2, b, 2);
    run_fixed_trial(study, 0.3, dominated, 2);
    run_fixed_trial(study, 0.4, c, 2);
    CHECK_OK(hpo_study_best_trials_json(study, &front));
    CHECK(front != NULL && count(front, "\"number\"") == 3); /* all but the dominated one */
    hpo_string_free(front);
    CHECK_STATUS(hpo_study_best_trial_json(study, &front), HPO_EINVAL);
    hpo_study_free(study);
}

/* Fails every third trial, and writes x squared otherwise. */
static int32_t flaky_square(hpo_trial *trial, double *out_values, size_t n_values, void *user_data) {
    double x = 0;
    int32_t status;
    ++*(int *)user_data;
    if (hpo_trial_number(trial) % 3 == 0) {
        hpo_trial_set_failure(trial, "every third trial fails on purpose");
        return HPO_EUSER;
    }
    status = hpo_trial_suggest_float(trial, "x", -2, 2, 0, 0, &x);
    if (status == HPO_OK && n_values == 1) out_values[0] = x * x;
    return status;
}

static void test_optimize_goes_on_after_failures(hpo_engine *engine) {
    hpo_study *study = new_study(engine, "{\"seed\": 5}");
    char *trials = NULL;
    int64_t n = 0;
    int calls = 0;
    if (study == NULL) return;
    CHECK_OK(hpo_study_optimize(study, flaky_square, "{\"n_trials\": 12}", &calls));
    CHECK(calls == 12);
    CHECK_OK(hpo_study_n_trials(study, &n));
    CHECK(n == 12);
    CHECK_OK(hpo_study_trials_json(study, &trials));
    CHECK(trials != NULL && count(trials, "\"FAIL\"") == 4 && count(trials, "\"COMPLETE\"") == 8);
    CHECK(trials != NULL && strstr(trials, "every third trial fails on purpose") != NULL);
    hpo_string_free(trials);
    hpo_study_free(study);
}

int main(void) {
    hpo_engine *engine = NULL;
    CHECK_OK(hpo_engine_new(NULL, &engine));
    if (engine != NULL) {
        test_tell_state_machine(engine);
        test_define_by_run(engine);
        test_enqueue_and_best_trial(engine);
        test_pareto_front(engine);
        test_optimize_goes_on_after_failures(engine);
    }
    hpo_engine_free(engine);
    return check_summary();
}
