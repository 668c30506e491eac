/* Parameter importances through hpo.h, from C: a study filled by ask/tell and one filled by
 * optimize on four threads, options, and the errors that name their field. */
#include "check.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

static const char *const config =
    "{\"seed\": 3, \"sampler\": \"random\", \"space\": {"
    "\"x\": {\"type\": \"float\", \"low\": 0, \"high\": 1},"
    "\"y\": {\"type\": \"float\", \"low\": 1e-3, \"high\": 1, \"log\": true},"
    "\"color\": {\"type\": \"categorical\", \"choices\": [\"red\", \"green\", \"blue\"]}}}";

/* 10x plus a little of log10(y); the colour does nothing. */
static double value_of(hpo_trial *trial) {
    double x = 0, y = 1;
    hpo_trial_param(trial, "x", &x);
    hpo_trial_param(trial, "y", &y);
    return 10 * x + 0.5 * log10(y);
}

static int32_t objective(hpo_trial *trial, double *out_values, size_t n_values, void *user_data) {
    (void)n_values;
    (void)user_data;
    out_values[0] = value_of(trial);
    return HPO_OK;
}

/* Where `name` stands in the answer's first "importances" list: 0 first, -1 absent. */
static int rank_of(const char *answer, const char *name) {
    char needle[64];
    const char *at = strstr(answer, "\"importances\"");
    int rank = 0;
    snprintf(needle, sizeof needle, "\"param\":\"%s\"", name);
    if (at == NULL) return -1;
    for (at = strstr(at, "\"param\":"); at != NULL; at = strstr(at + 1, "\"param\":"), ++rank) {
        if (strncmp(at, needle, strlen(needle)) == 0) return rank;
    }
    return -1;
}

static void test_ask_tell_study(hpo_engine *engine) {
    hpo_study *study = NULL;
    char *answer = NULL, *again = NULL;
    int i;
    CHECK_OK(hpo_study_create(engine, config, &study));
    if (study == NULL) return;
    /* One trial is not enough. */
    for (i = 0; i < 101; ++i) {
        hpo_trial *trial = NULL;
        double value;
        if (i == 1) {
            CHECK_REFUSED(hpo_study_param_importances(study, NULL, &answer), "at least 2 trials");
            CHECK(answer == NULL);
        }
        CHECK_OK(hpo_study_ask(study, &trial));
        value = value_of(trial);
        CHECK_OK(hpo_trial_tell(trial, HPO_TRIAL_COMPLETE, &value, 1, NULL));
        hpo_trial_free(trial);
    }
    CHECK_OK(hpo_study_param_importances(study, NULL, &answer));
    if (answer != NULL) {
        CHECK(rank_of(answer, "x") == 0);
        CHECK(rank_of(answer, "y") == 1);
        CHECK(rank_of(answer, "color") == 2);
        CHECK(strstr(answer, "\"n_trials\":101") != NULL);
        CHECK(strstr(answer, "\"seed\":3") != NULL); /* the study's */
    }
    /* The same options, the same answer. */
    CHECK_OK(hpo_study_param_importances(study, "{\"seed\": 9, \"n_trees\": 16}", &again));
    hpo_string_free(answer);
    answer = NULL;
    CHECK_OK(hpo_study_param_importances(study, "{\"seed\": 9, \"n_trees\": 16}", &answer));
    if (answer != NULL && again != NULL) CHECK(strcmp(answer, again) == 0);
    hpo_string_free(answer);
    hpo_string_free(again);
    answer = NULL;
    /* A subset, a subset of the trials. */
    CHECK_OK(hpo_study_param_importances(study, "{\"params\": [\"color\"], \"trials\": [0, 1, 2, 3, 4]}", &answer));
    if (answer != NULL) {
        CHECK(rank_of(answer, "color") == 0 && rank_of(answer, "x") == -1);
        CHECK(strstr(answer, "\"n_trials\":5") != NULL);
    }
    hpo_string_free(answer);
    answer = NULL;
    /* Mistakes name the field. */
    CHECK_REFUSED(hpo_study_param_importances(study, "{\"params\": [\"z\"]}", &answer), "unknown parameter \"z\"");
    CHECK_REFUSED(hpo_study_param_importances(study, "{\"objective\": 1}", &answer), "\"objective\"");
    CHECK_REFUSED(hpo_study_param_importances(study, "{\"n_trees\": -4}", &answer), "\"n_trees\"");
    CHECK_REFUSED(hpo_study_param_importances(study, "{\"depth\": 3}", &answer), "unknown option \"depth\"");
    CHECK_REFUSED(hpo_study_param_importances(study, "[1]", &answer), "options");
    CHECK_REFUSED(hpo_study_param_importances(study, "{bad", &answer), "param importances options");
    CHECK_REFUSED(hpo_study_param_importances(NULL, NULL, &answer), "study");
    CHECK_REFUSED(hpo_study_param_importances(study, NULL, NULL), "out");
    hpo_study_free(study);
}

static void test_study_filled_by_four_threads(hpo_engine *engine) {
    hpo_study *study = NULL;
    char *answer = NULL;
    CHECK_OK(hpo_study_create(engine, config, &study));
    if (study == NULL) return;
    CHECK_OK(hpo_study_optimize(study, objective, "{\"n_trials\": 120, \"n_jobs\": 4}", NULL));
    CHECK_OK(hpo_study_param_importances(study, "{\"objective\": 0}", &answer));
    if (answer != NULL) {
        CHECK(rank_of(answer, "x") == 0);
        CHECK(strstr(answer, "\"n_trials\":120") != NULL);
    }
    hpo_string_free(answer);
    hpo_study_free(study);
}

int main(void) {
    hpo_engine *engine = NULL;
    CHECK_OK(hpo_engine_new(NULL, &engine));
    if (engine != NULL) {
        test_ask_tell_study(engine);
        test_study_filled_by_four_threads(engine);
    }
    hpo_engine_free(engine);
    return check_summary();
}
