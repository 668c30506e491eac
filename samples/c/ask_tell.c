/* An ask/tell loop in plain C99 through hpo.h: the space is declared up front as JSON, the
 * program evaluates each configuration itself (the Branin function) and tells the result. */
#include <hpo/hpo.h>

#include <math.h>
#include <stdio.h>

/* Branin-Hoo: three global minima of 0.397887, e.g. at (pi, 2.275). */
static double branin(double x, double y) {
    const double pi = 3.14159265358979323846;
    const double b = 5.1 / (4.0 * pi * pi), c = 5.0 / pi, t = 1.0 / (8.0 * pi);
    const double u = y - b * x * x + c * x - 6.0;
    return u * u + 10.0 * (1.0 - t) * cos(x) + 10.0;
}

/* Prints the failed call's status and message; returns nonzero on an error status. */
static int failed(int32_t status, const char *what) {
    if (status >= 0) return 0;
    fprintf(stderr, "%s: %s (%s)\n", what, hpo_last_error(), hpo_status_string(status));
    return 1;
}

static int run(hpo_study *study, int n_trials) {
    int i;
    for (i = 0; i < n_trials; ++i) {
        hpo_trial *trial = NULL;
        double x = 0.0, y = 0.0, value;
        int32_t status = hpo_study_ask(study, &trial);
        if (status == HPO_DONE) break;
        if (failed(status, "ask")) return 1;
        if (failed(hpo_trial_param(trial, "x", &x), "param x") || failed(hpo_trial_param(trial, "y", &y), "param y")) {
            hpo_trial_free(trial);
            return 1;
        }
        value = branin(x, y);
        status = hpo_trial_tell(trial, HPO_TRIAL_COMPLETE, &value, 1, NULL);
        hpo_trial_free(trial);
        if (failed(status, "tell")) return 1;
    }
    return 0;
}

int main(void) {
    const char *config =
        "{\"name\": \"ask-tell-c\", \"sampler\": \"random\", \"seed\": 7,"
        " \"space\": {\"x\": {\"type\": \"float\", \"low\": -5, \"high\": 10},"
        "             \"y\": {\"type\": \"float\", \"low\": 0, \"high\": 15}}}";
    hpo_engine *engine = NULL;
    hpo_study *study = NULL;
    char *best = NULL;
    int code = 1;

    if (failed(hpo_engine_new(NULL, &engine), "engine")) return 1;
    if (!failed(hpo_study_create(engine, config, &study), "study") && run(study, 200) == 0 &&
        !failed(hpo_study_best_trial_json(study, &best), "best trial")) {
        printf("best trial: %s\n", best);
        code = 0;
    }
    hpo_string_free(best);
    hpo_study_free(study);
    hpo_engine_free(engine);
    return code;
}
