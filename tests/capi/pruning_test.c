/* Pruning through the C API: a scheduler stops bad trials that report and ask, pruned trials
 * keep their last value, an objective that never asks still completes, and Hyperband's
 * bracket is recorded on each trial and read back from a stored study. */
#include "check.h"

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* Learning curves that fall towards x: the lower x, the better the trial. Reports every
 * step and, when `obey` points to a nonzero int, stops when the scheduler says so. */
static int32_t curve(hpo_trial *trial, double *values, size_t n_values, void *obey) {
    double x = 0, value = 0;
    int32_t status = hpo_trial_suggest_float(trial, "x", 0, 1, 0, 0, &x);
    if (status != HPO_OK || n_values != 1) return HPO_EINVAL;
    for (int64_t step = 1; step <= 9; ++step) {
        int32_t prune = 0;
        value = x + 1.0 / (double)step;
        status = hpo_trial_report(trial, step, value, &prune);
        if (status != HPO_OK) return status;
        if (prune && *(const int *)obey) return HPO_PRUNED;
    }
    values[0] = value;
    return HPO_OK;
}

static hpo_study *study_with(hpo_engine *engine, const char *config) {
    hpo_study *study = NULL;
    CHECK_OK(hpo_study_create(engine, config, &study));
    return study;
}

/* Counts the study's trials whose JSON contains `text`. */
static int count_trials_with(hpo_study *study, const char *text) {
    int64_t n = 0, count = 0;
    hpo_study_n_trials(study, &n);
    for (int64_t number = 0; number < n; ++number) {
        char *trial = NULL;
        if (hpo_study_trial_json(study, number, &trial) != HPO_OK) continue;
        count += strstr(trial, text) != NULL;
        hpo_string_free(trial);
    }
    return (int)count;
}

static void median_scheduler_prunes_trials_that_obey(hpo_engine *engine) {
    hpo_study *study = study_with(engine, "{\"seed\": 5, \"scheduler\": {\"name\": \"median\", "
                                          "\"options\": {\"n_startup_trials\": 3}}}");
    int obey = 1;
    CHECK_OK(hpo_study_optimize(study, curve, "{\"n_trials\": 30}", &obey));
    const int pruned = count_trials_with(study, "\"state\":\"PRUNED\"");
    CHECK(pruned > 0);
    CHECK(count_trials_with(study, "\"state\":\"COMPLETE\"") + pruned == 30);
    /* A pruned trial keeps its last intermediate value as its value. */
    CHECK(count_trials_with(study, "\"state\":\"PRUNED\",\"params\"") == pruned);
    CHECK(count_trials_with(study, "\"values\":null") == 0);
    hpo_study_free(study);
}

static void an_objective_that_never_asks_completes_every_trial(hpo_engine *engine) {
    hpo_study *study = study_with(engine, "{\"seed\": 5, \"scheduler\": \"median\"}");
    int obey = 0;
    CHECK_OK(hpo_study_optimize(study, curve, "{\"n_trials\": 20}", &obey));
    CHECK(count_trials_with(study, "\"state\":\"COMPLETE\"") == 20);
    CHECK(count_trials_with(study, "\"9\":") == 20); /* every curve reported to its end */
    hpo_study_free(study);
}

static void hyperband_records_brackets_that_a_reload_restores(hpo_engine *engine) {
    char dir[] = "/tmp/hpo-capi-XXXXXX";
    CHECK(mkdtemp(dir) != NULL);
    char config[512], db[300];
    snprintf(db, sizeof db, "%s/study.db", dir);
    snprintf(config, sizeof config,
             "{\"name\": \"hb\", \"seed\": 1, \"storage\": \"sqlite:///%s\", "
             "\"scheduler\": {\"name\": \"hyperband\", \"options\": {\"max_resource\": 9}}}", db);
    hpo_study *study = study_with(engine, config);
    int obey = 1;
    CHECK_OK(hpo_study_optimize(study, curve, "{\"n_trials\": 12}", &obey));
    CHECK(count_trials_with(study, "\"bracket\":") == 12);
    char *first = NULL;
    CHECK_OK(hpo_study_trial_json(study, 0, &first));
    hpo_study_free(study);

    snprintf(config, sizeof config, "{\"name\": \"hb\", \"storage\": \"sqlite:///%s\", \"load_only\": true}", db);
    hpo_study *reloaded = study_with(engine, config);
    char *again = NULL;
    CHECK_OK(hpo_study_trial_json(reloaded, 0, &again));
    CHECK(first != NULL && again != NULL && strcmp(first, again) == 0);
    hpo_string_free(first);
    hpo_string_free(again);
    hpo_study_free(reloaded);
    unlink(db);
    char sidecar[320];
    snprintf(sidecar, sizeof sidecar, "%s-wal", db);
    unlink(sidecar);
    snprintf(sidecar, sizeof sidecar, "%s-shm", db);
    unlink(sidecar);
    rmdir(dir);
}

int main(void) {
    hpo_engine *engine = NULL;
    CHECK_OK(hpo_engine_new(NULL, &engine));
    median_scheduler_prunes_trials_that_obey(engine);
    an_objective_that_never_asks_completes_every_trial(engine);
    hyperband_records_brackets_that_a_reload_restores(engine);
    hpo_engine_free(engine);
    return check_summary();
}
