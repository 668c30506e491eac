/* Plugins written against the ABI 1.0 headers (tests/abi/v1_0/include), as a plugin shipped
 * before 1.1 was: a sampler, a scheduler and an objective that index study views as 1.0
 * did, by their own struct's size. They check what they are handed (the view's trials in
 * order of number, struct sizes of 1.0) and fail loudly otherwise, so the engine's test
 * proves a 1.1 engine lends them views they can read. */
#include <hpo/plugin.h>

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct old_plugin {
    hpo_host host; /* copied, as 1.0 did not say how long the engine keeps it */
} old_plugin;

static int32_t create(const char *options_json, const hpo_host *host, void **out_self) {
    old_plugin *self = calloc(1, sizeof *self);
    (void)options_json;
    if (self == NULL) return HPO_ENOMEM;
    memcpy(&self->host, host, host->struct_size < sizeof self->host ? host->struct_size : sizeof self->host);
    *out_self = self;
    return HPO_OK;
}

static void destroy(void *self) { free(self); }

static int32_t fail_with(const old_plugin *self, const char *message) {
    self->host.set_error(self->host.engine, message);
    return HPO_ERROR;
}

/* The checks a 1.0 reader can make of a view: every trial where its number says, of the 1.0
 * size. A reader handed views of another stride finds neither. */
static int32_t check_view(const old_plugin *self, const hpo_study_view *study) {
    int64_t i;
    char message[160];
    for (i = 0; i < study->n_trials; ++i) {
        const hpo_trial_view *trial = &study->trials[i];
        if (trial->number != i || trial->struct_size != sizeof(hpo_trial_view)) {
            snprintf(message, sizeof message, "old_abi: trial %lld of the view reads as number %lld, size %u",
                     (long long)i, (long long)trial->number, (unsigned)trial->struct_size);
            return fail_with(self, message);
        }
    }
    return HPO_OK;
}

/* The sampler: each parameter at the mean of the completed trials' values, moved by the trial
 * number so that no two trials repeat; a relative sampler, as the views it reads are whole. */
static int32_t sample_relative(void *opaque, const hpo_study_view *study, int64_t trial_index,
                               const int32_t *subspace, int32_t n_subspace, double *out_values) {
    const old_plugin *self = opaque;
    int32_t k;
    const int32_t status = check_view(self, study);
    if (status != HPO_OK) return status;
    for (k = 0; k < n_subspace; ++k) {
        const hpo_param_info *param = &study->params[subspace[k]];
        double sum = 0;
        int64_t n = 0, i;
        for (i = 0; i < study->n_trials; ++i) {
            const hpo_trial_view *trial = &study->trials[i];
            if (trial->state != HPO_TRIAL_COMPLETE || isnan(trial->params[subspace[k]])) continue;
            sum += trial->params[subspace[k]];
            ++n;
        }
        const double center = n > 0 ? sum / (double)n : (param->low + param->high) / 2;
        const double spread = (param->high - param->low) * (double)(study->trials[trial_index].number % 17) / 40.0;
        out_values[k] = fmin(param->high, fmax(param->low, center + spread - (param->high - param->low) / 5));
    }
    return HPO_OK;
}

static int32_t sample_independent(void *opaque, const hpo_study_view *study, int64_t trial_index,
                                  int32_t param_index, double *out_value) {
    return sample_relative(opaque, study, trial_index, &param_index, 1, out_value);
}

/* The scheduler: prunes a trial whose last report is worse than every completed trial's
 * value, reading reports through the 1.0 view. */
static int32_t should_prune(void *opaque, const hpo_study_view *study, int64_t trial_index, int32_t *out_prune) {
    const old_plugin *self = opaque;
    const hpo_trial_view *trial;
    double worst = -INFINITY;
    int64_t i;
    const int32_t status = check_view(self, study);
    if (status != HPO_OK) return status;
    trial = &study->trials[trial_index];
    for (i = 0; i < study->n_trials; ++i) {
        if (study->trials[i].state == HPO_TRIAL_COMPLETE) worst = fmax(worst, study->trials[i].values[0]);
    }
    *out_prune = trial->n_intermediate > 0 && worst > -INFINITY &&
                 trial->intermediate_values[trial->n_intermediate - 1] > worst;
    return HPO_OK;
}

/* The objective: the sum of squares of x and y, reported once before the end. */
static int32_t evaluate(void *opaque, const hpo_trial_api *api, hpo_trial_ref *trial, double *out_values,
                        int32_t n_values) {
    const old_plugin *self = opaque;
    double x = 0, y = 0;
    int32_t status, prune = 0;
    if (n_values != 1) return fail_with(self, "old_abi: one objective");
    status = api->suggest(trial, "x", "{\"type\": \"float\", \"low\": -2, \"high\": 2}", &x);
    if (status == HPO_OK) status = api->suggest(trial, "y", "{\"type\": \"float\", \"low\": -2, \"high\": 2}", &y);
    if (status == HPO_OK) status = api->report(trial, 0, 2 * (x * x + y * y), &prune);
    if (status != HPO_OK) return status;
    if (prune) return HPO_PRUNED;
    out_values[0] = x * x + y * y;
    return HPO_OK;
}

static const hpo_sampler_ops sampler_ops = {sizeof(hpo_sampler_ops), create, destroy, sample_relative,
                                            sample_independent, NULL};
static const hpo_scheduler_ops scheduler_ops = {sizeof(hpo_scheduler_ops), create, destroy, NULL, should_prune};
static const hpo_objective_ops objective_ops = {sizeof(hpo_objective_ops), create, destroy, NULL, evaluate};

static const hpo_plugin_info plugins[] = {
    {sizeof(hpo_plugin_info), HPO_PLUGIN_SAMPLER, "old_sampler", "a sampler of ABI 1.0", 0, "{}", &sampler_ops},
    {sizeof(hpo_plugin_info), HPO_PLUGIN_SCHEDULER, "old_scheduler", "a scheduler of ABI 1.0", 0, "{}",
     &scheduler_ops},
    {sizeof(hpo_plugin_info), HPO_PLUGIN_OBJECTIVE, "old_objective", "an objective of ABI 1.0", 0, "{}",
     &objective_ops},
};

static const hpo_plugin_table table = {sizeof(hpo_plugin_table), HPO_ABI_VERSION, 3, plugins};

/* As 1.0 plugins did: any engine of major version 1 gets the 1.0 table. */
HPO_PLUGIN_ENTRY const hpo_plugin_table *hpo_plugin_query(uint32_t offered_abi_version) {
    return HPO_ABI_MAJOR_OF(offered_abi_version) == HPO_ABI_VERSION_MAJOR ? &table : NULL;
}
