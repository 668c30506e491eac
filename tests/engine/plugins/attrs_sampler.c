/* A sampler that keeps its state in the study, as ABI 1.1 lets it: before_trial records a
 * generation on the trial and a key on the study, after_trial_v2 records the outcome on both,
 * and sample_independent refuses to propose unless the view shows what before_trial wrote.
 * The engine tests check that every key reaches the study, through threads, processes and
 * restarts. */
#include <hpo/plugin.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct attrs_sampler {
    const hpo_host *host; /* the engine keeps it alive until destroy */
} attrs_sampler;

static int32_t fail_with(const attrs_sampler *self, const char *message) {
    self->host->set_error(self->host->engine, message);
    return HPO_ERROR;
}

/* A copy of text in the engine's memory. */
static char *host_text(const attrs_sampler *self, const char *text) {
    char *copy = self->host->alloc(self->host->engine, strlen(text) + 1);
    if (copy != NULL) strcpy(copy, text);
    return copy;
}

static int32_t create(const char *options_json, const hpo_host *host, void **out_self) {
    attrs_sampler *self;
    (void)options_json;
    self = malloc(sizeof *self);
    if (self == NULL) return HPO_ENOMEM;
    self->host = host;
    *out_self = self;
    return HPO_OK;
}

static void destroy(void *self) { free(self); }

static int64_t completed_before(const hpo_study_view *study, int64_t trial_index) {
    int64_t count = 0, i;
    for (i = 0; i < trial_index; ++i) count += HPO_STUDY_TRIAL(study, i)->state == HPO_TRIAL_COMPLETE;
    return count;
}

static int32_t before_trial(void *opaque, const hpo_study_view *study, int64_t trial_index,
                            char **out_trial_attrs, char **out_study_attrs) {
    const attrs_sampler *self = opaque;
    const hpo_trial_view *trial = HPO_STUDY_TRIAL(study, trial_index);
    char text[96];
    snprintf(text, sizeof text, "{\"generation\": %lld}", (long long)(completed_before(study, trial_index) / 4));
    *out_trial_attrs = host_text(self, text);
    snprintf(text, sizeof text, "{\"prepared_%lld\": true}", (long long)trial->number);
    *out_study_attrs = host_text(self, text);
    return *out_trial_attrs != NULL && *out_study_attrs != NULL ? HPO_OK : HPO_ENOMEM;
}

static int32_t sample_independent(void *opaque, const hpo_study_view *study, int64_t trial_index,
                                  int32_t param_index, double *out_value) {
    const attrs_sampler *self = opaque;
    const hpo_trial_view *trial = HPO_STUDY_TRIAL(study, trial_index);
    const hpo_param_info *param = HPO_STUDY_PARAM(study, param_index);
    char key[64];
    if (strstr(trial->system_attrs_json, "\"generation\"") == NULL)
        return fail_with(self, "attrs_sampler: the trial's view lacks what before_trial recorded");
    snprintf(key, sizeof key, "\"prepared_%lld\"", (long long)trial->number);
    if (strstr(study->system_attrs_json, key) == NULL)
        return fail_with(self, "attrs_sampler: the study's view lacks what before_trial recorded");
    /* Spread the trials over the domain by number: every trial distinct. */
    *out_value = param->low + (param->high - param->low) * (double)(trial->number % 1000) / 1000.0;
    return HPO_OK;
}

static int32_t after_trial_v2(void *opaque, const hpo_study_view *study, int64_t trial_index,
                              char **out_trial_attrs, char **out_study_attrs) {
    const attrs_sampler *self = opaque;
    const hpo_trial_view *trial = HPO_STUDY_TRIAL(study, trial_index);
    char text[96];
    snprintf(text, sizeof text, "{\"told_state\": %d}", (int)trial->state);
    *out_trial_attrs = host_text(self, text);
    snprintf(text, sizeof text, "{\"told_%lld\": %d}", (long long)trial->number, (int)trial->state);
    *out_study_attrs = host_text(self, text);
    return *out_trial_attrs != NULL && *out_study_attrs != NULL ? HPO_OK : HPO_ENOMEM;
}

static const hpo_sampler_ops ops = {
    sizeof(hpo_sampler_ops), create, destroy, NULL, sample_independent, NULL, before_trial,
    after_trial_v2,
};

static const hpo_plugin_info plugins[] = {
    {sizeof(hpo_plugin_info), HPO_PLUGIN_SAMPLER, "attrs_sampler",
     "records its state in trial and study system attributes (engine test)", HPO_PLUGIN_THREAD_SAFE,
     "{}", &ops},
};

static const hpo_plugin_table table = {sizeof(hpo_plugin_table), HPO_ABI_VERSION, 1, plugins};

HPO_PLUGIN_ENTRY const hpo_plugin_table *hpo_plugin_query(uint32_t offered_abi_version) {
    return offered_abi_version >= HPO_ABI_VERSION && HPO_ABI_MAJOR_OF(offered_abi_version) == HPO_ABI_VERSION_MAJOR
               ? &table
               : NULL;
}
