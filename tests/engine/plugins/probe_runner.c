/* A runner that asks the engine what ABI 1.1 lets a runner ask: the run's description (as a
 * runner that evaluates trials in other processes needs it), whether a stop was requested,
 * and gives each trial two devices. It records what it learnt on the trials for the engine
 * tests to read. With {"needs_plugin_objective": true} it refuses, as a process runner must,
 * a study whose objective is a function of this process. */
#include "plugin_options.h"

#include <hpo/plugin.h>

#include <stdlib.h>
#include <string.h>

typedef struct probe_runner {
    const hpo_host *host;
    int needs_plugin_objective;
} probe_runner;

static int32_t create(const char *options_json, const hpo_host *host, void **out_self) {
    probe_runner *self = malloc(sizeof *self);
    if (self == NULL) return HPO_ENOMEM;
    self->host = host;
    self->needs_plugin_objective = option_is_true(options_json, "\"needs_plugin_objective\"");
    *out_self = self;
    return HPO_OK;
}

static void destroy(void *self) { free(self); }

static int32_t run(void *opaque, const hpo_runner_host *host) {
    const probe_runner *self = opaque;
    static const int32_t devices[] = {3, 1};
    char *description = NULL;
    int32_t status, stop = 0;
    hpo_trial_ref *trial = NULL;

    status = host->describe_run(host->ctx, &description);
    if (status != HPO_OK) return status;
    if (self->needs_plugin_objective && strstr(description, "\"objective\":null") != NULL) {
        self->host->free(self->host->engine, description);
        self->host->set_error(self->host->engine,
                              "probe_runner: the study's objective is a function of this process, "
                              "which another process cannot run; give an objective plugin");
        return HPO_ENOTSUP;
    }
    while ((status = host->next_trial(host->ctx, 0, &trial)) == HPO_OK && trial != NULL) {
        if ((status = host->set_devices(host->ctx, trial, devices, 2)) != HPO_OK) break;
        if ((status = host->trial_api->set_user_attr(trial, "run", description)) != HPO_OK) break;
        if ((status = host->evaluate(host->ctx, trial)) != HPO_OK) break;
    }
    self->host->free(self->host->engine, description);
    if (status != HPO_OK) return status;
    /* The run is over: the engine must say no more trials will start. */
    status = host->stop_requested(host->ctx, &stop);
    if (status == HPO_OK && stop == 0) {
        self->host->set_error(self->host->engine, "probe_runner: stop_requested says 0 after the last trial");
        return HPO_ERROR;
    }
    return status;
}

static const hpo_runner_ops ops = {sizeof(hpo_runner_ops), create, destroy, run};

static const hpo_plugin_info plugins[] = {
    {sizeof(hpo_plugin_info), HPO_PLUGIN_RUNNER, "probe_runner",
     "asks the run's description and stop, gives trials devices (engine test)", 0,
     "{\"needs_plugin_objective\": {\"type\": \"boolean\", \"default\": false}}", &ops},
};

static const hpo_plugin_table table = {sizeof(hpo_plugin_table), HPO_ABI_VERSION, 1, plugins};

HPO_PLUGIN_ENTRY const hpo_plugin_table *hpo_plugin_query(uint32_t offered_abi_version) {
    return offered_abi_version >= HPO_ABI_VERSION && HPO_ABI_MAJOR_OF(offered_abi_version) == HPO_ABI_VERSION_MAJOR
               ? &table
               : NULL;
}
