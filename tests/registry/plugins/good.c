/* A well-behaved test plugin library: a sampler "test_sampler" and an objective
 * "test_objective", small enough that the registry test can check every call's result. */
#include <hpo/plugin.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct test_self {
    const hpo_host *host;
    double offset; /* the sampler's one option */
} test_self;

static int32_t fail_with(const hpo_host *host, const char *message) {
    host->set_error(host->engine, message);
    return HPO_EINVAL;
}

static int32_t make_self(const hpo_host *host, double offset, void **out_self) {
    test_self *self = (test_self *)malloc(sizeof *self);
    if (!self) return HPO_ENOMEM;
    self->host = host;
    self->offset = offset;
    *out_self = self;
    return HPO_OK;
}

/* Options: "{}" or {"offset": <number>}, enough for a test of the host's error path. */
static int32_t sampler_create(const char *options_json, const hpo_host *host, void **out_self) {
    double offset = 0;
    int end = 0;
    if (strcmp(options_json, "{}") != 0 &&
        !(sscanf(options_json, " { \"offset\" : %lf }%n", &offset, &end) == 1 && end > 0 &&
          options_json[end] == '\0'))
        return fail_with(host, "test_sampler takes {} or {\"offset\": <number>}");
    return make_self(host, offset, out_self);
}

static int32_t objective_create(const char *options_json, const hpo_host *host, void **out_self) {
    if (strcmp(options_json, "{}") != 0) return fail_with(host, "test_objective takes no options");
    return make_self(host, 0, out_self);
}

static void test_destroy(void *self) { free(self); }

/* The parameter's low bound plus (seed mod 100) percent of its range, plus the offset option:
 * depends on what create was given, so a test sees that the instance kept it. */
static int32_t test_sample_independent(void *self, const hpo_study_view *study,
                                       int64_t trial_index, int32_t param_index,
                                       double *out_value) {
    const hpo_param_info *param = HPO_STUDY_PARAM(study, param_index);
    double fraction = (double)(((test_self *)self)->host->seed % 100u) / 100.0;
    (void)trial_index;
    *out_value = param->low + fraction * (param->high - param->low) + ((test_self *)self)->offset;
    return HPO_OK;
}

/* f(x) = x^2 over x in [-5, 5]. */
static int32_t test_evaluate(void *self, const hpo_trial_api *api, hpo_trial_ref *trial,
                             double *out_values, int32_t n_values) {
    double x = 0;
    int32_t status;
    if (n_values != 1) return fail_with(((test_self *)self)->host, "test_objective has one value");
    status = api->suggest(trial, "x", "{\"type\": \"float\", \"low\": -5, \"high\": 5}", &x);
    if (status != HPO_OK) return status;
    out_values[0] = x * x;
    return HPO_OK;
}

static const hpo_sampler_ops sampler_ops = {
    sizeof(hpo_sampler_ops), sampler_create, test_destroy, NULL, test_sample_independent, NULL,
    NULL, NULL};

static const hpo_objective_ops objective_ops = {
    sizeof(hpo_objective_ops), objective_create, test_destroy, NULL, test_evaluate};

static const hpo_plugin_info plugins[] = {
    {sizeof(hpo_plugin_info), HPO_PLUGIN_SAMPLER, "test_sampler", "samples a fixed fraction",
     HPO_PLUGIN_THREAD_SAFE, "{\"offset\": {\"type\": \"float\", \"default\": 0}}", &sampler_ops},
    {sizeof(hpo_plugin_info), HPO_PLUGIN_OBJECTIVE, "test_objective", "x squared", 0, NULL,
     &objective_ops},
};

static const hpo_plugin_table table = {sizeof(hpo_plugin_table), HPO_ABI_VERSION, 2, plugins};

HPO_PLUGIN_ENTRY const hpo_plugin_table *hpo_plugin_query(uint32_t offered_abi_version) {
    return HPO_ABI_MAJOR_OF(offered_abi_version) == HPO_ABI_VERSION_MAJOR ? &table : NULL;
}
