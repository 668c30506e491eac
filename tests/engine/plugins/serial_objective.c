/* An objective that is not thread-safe and says so: an instance that is entered by a second
 * trial while a first runs fails both. With {"rendezvous": true} the first two trials of a
 * run wait (a few seconds at most) until they run at once, which only per-slot instances
 * allow. Each trial records, through ABI 1.1's trial API, its devices and its parameters as
 * JSON, and sets a constraint: feasible when x <= 0.5. */
#include "plugin_options.h"

#include <hpo/plugin.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

typedef struct serial_objective {
    const hpo_host *host;
    int rendezvous;
    int busy;
} serial_objective;

/* Trials running at once over every instance, and whether two ever did. */
static int in_flight;
static int met;

static int32_t fail_with(const serial_objective *self, const char *message) {
    self->host->set_error(self->host->engine, message);
    return HPO_ERROR;
}

static int32_t create(const char *options_json, const hpo_host *host, void **out_self) {
    serial_objective *self = calloc(1, sizeof *self);
    if (self == NULL) return HPO_ENOMEM;
    self->host = host;
    self->rendezvous = option_is_true(options_json, "\"rendezvous\"");
    *out_self = self;
    return HPO_OK;
}

static void destroy(void *self) { free(self); }

static int32_t describe(void *opaque, char **out_json) {
    const serial_objective *self = opaque;
    static const char text[] = "{\"space\": {\"x\": {\"type\": \"float\", \"low\": 0, \"high\": 1}}}";
    *out_json = self->host->alloc(self->host->engine, sizeof text);
    if (*out_json == NULL) return HPO_ENOMEM;
    memcpy(*out_json, text, sizeof text);
    return HPO_OK;
}

static void wait_for_company(void) {
    const struct timespec pause = {0, 1000000};
    int waited_ms;
    if (__atomic_add_fetch(&in_flight, 1, __ATOMIC_SEQ_CST) >= 2) __atomic_store_n(&met, 1, __ATOMIC_SEQ_CST);
    for (waited_ms = 0; !__atomic_load_n(&met, __ATOMIC_SEQ_CST) && waited_ms < 10000; ++waited_ms) nanosleep(&pause, NULL);
}

static int32_t record(const hpo_trial_api *api, hpo_trial_ref *trial, const serial_objective *self) {
    int32_t devices[4], n = 0, status;
    char text[128], *params = NULL;
    if ((status = api->devices(trial, devices, 4, &n)) != HPO_OK) return status;
    if (n == 2) snprintf(text, sizeof text, "[%d, %d]", devices[0], devices[1]);
    else snprintf(text, sizeof text, "{\"count\": %d}", n);
    if ((status = api->set_user_attr(trial, "devices", text)) != HPO_OK) return status;
    if ((status = api->params_json(trial, &params)) != HPO_OK) return status;
    status = api->set_user_attr(trial, "params_json", params);
    self->host->free(self->host->engine, params);
    return status;
}

static int32_t evaluate(void *opaque, const hpo_trial_api *api, hpo_trial_ref *trial, double *out_values,
                        int32_t n_values) {
    serial_objective *self = opaque;
    double x = 0, constraint;
    int32_t status;
    if (n_values != 1) return fail_with(self, "serial_objective gives one value");
    if (self->busy) return fail_with(self, "serial_objective: two trials at once on one instance");
    self->busy = 1;
    if (self->rendezvous) wait_for_company();
    status = api->suggest(trial, "x", NULL, &x);
    if (status == HPO_OK) status = record(api, trial, self);
    constraint = x - 0.5;
    if (status == HPO_OK) status = api->set_constraints(trial, &constraint, 1);
    out_values[0] = x * x;
    if (self->rendezvous) __atomic_sub_fetch(&in_flight, 1, __ATOMIC_SEQ_CST);
    self->busy = 0;
    if (status == HPO_OK && self->rendezvous && !__atomic_load_n(&met, __ATOMIC_SEQ_CST))
        return fail_with(self, "serial_objective: no two trials ran at once");
    return status;
}

static const hpo_objective_ops ops = {sizeof(hpo_objective_ops), create, destroy, describe, evaluate};

static const hpo_plugin_info plugins[] = {
    {sizeof(hpo_plugin_info), HPO_PLUGIN_OBJECTIVE, "serial_objective",
     "not thread-safe; records devices, parameters and a constraint (engine test)", 0,
     "{\"rendezvous\": {\"type\": \"boolean\", \"default\": false}}", &ops},
};

static const hpo_plugin_table table = {sizeof(hpo_plugin_table), HPO_ABI_VERSION, 1, plugins};

HPO_PLUGIN_ENTRY const hpo_plugin_table *hpo_plugin_query(uint32_t offered_abi_version) {
    return offered_abi_version >= HPO_ABI_VERSION && HPO_ABI_MAJOR_OF(offered_abi_version) == HPO_ABI_VERSION_MAJOR
               ? &table
               : NULL;
}
