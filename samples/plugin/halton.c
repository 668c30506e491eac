/* A quasi-random sampler as a plugin, in plain C: trial n takes the n-th point of the Halton
 * sequence (one prime base per parameter), scrambled by the study's seed, mapped into each
 * parameter's domain. It covers a space more evenly than random sampling in few trials.
 * A sample of the plugin ABI: one exported query function, an ops table, options parsed
 * from JSON text, errors through the host, study views read through HPO_STUDY_TRIAL and
 * HPO_STUDY_PARAM (so the plugin keeps working when a later ABI grows their structs). */
#include <hpo/plugin.h>

#include <math.h>
#include <stdlib.h>
#include <string.h>

typedef struct halton {
    const hpo_host *host; /* the engine keeps it alive until destroy */
} halton;

static const int primes[] = {2,  3,  5,  7,  11, 13, 17, 19, 23, 29, 31, 37, 41, 43, 47, 53,
                             59, 61, 67, 71, 73, 79, 83, 89, 97, 101, 103, 107, 109, 113};
#define N_PRIMES ((int)(sizeof primes / sizeof primes[0]))

/* The radical inverse of index in base b: its digits mirrored about the point. */
static double radical_inverse(uint64_t index, int base) {
    double inverse = 0, scale = 1.0 / base;
    for (; index > 0; index /= (uint64_t)base, scale /= base) inverse += (double)(index % (uint64_t)base) * scale;
    return inverse;
}

static int32_t create(const char *options_json, const hpo_host *host, void **out_self) {
    /* No options: anything but an empty object is a mistake worth reporting. */
    const char *p = options_json;
    while (*p == ' ' || *p == '\n' || *p == '\t') ++p;
    if (strncmp(p, "{}", 2) != 0 && strncmp(p, "{ }", 3) != 0) {
        host->set_error(host->engine, "halton: takes no options");
        return HPO_EINVAL;
    }
    halton *self = calloc(1, sizeof *self);
    if (self == NULL) return HPO_ENOMEM;
    self->host = host;
    *out_self = self;
    return HPO_OK;
}

static void destroy(void *self) { free(self); }

static int32_t sample_independent(void *opaque, const hpo_study_view *study, int64_t trial_index,
                                  int32_t param_index, double *out_value) {
    const halton *self = opaque;
    if (param_index >= N_PRIMES) {
        self->host->set_error(self->host->engine, "halton: at most 30 parameters");
        return HPO_EINVAL;
    }
    const hpo_param_info *param = HPO_STUDY_PARAM(study, param_index);
    const uint64_t number = (uint64_t)HPO_STUDY_TRIAL(study, trial_index)->number;
    /* A shift of the sequence by a seed-dependent offset: a Cranley-Patterson rotation. */
    const double shift = radical_inverse((self->host->seed >> 11) + (uint64_t)param_index, 2);
    const double u = fmod(radical_inverse(number + 1, primes[param_index]) + shift, 1.0);
    if (param->kind == HPO_PARAM_CATEGORICAL) {
        *out_value = floor(u * param->n_choices);
        if (*out_value >= param->n_choices) *out_value = param->n_choices - 1;
    } else if (param->log) {
        *out_value = exp(log(param->low) + u * (log(param->high) - log(param->low)));
    } else if (param->kind == HPO_PARAM_INT) {
        *out_value = floor(param->low + u * (param->high - param->low + 1));
    } else {
        *out_value = param->low + u * (param->high - param->low);
    }
    return HPO_OK; /* the engine snaps values onto steps and integers */
}

static const hpo_sampler_ops ops = {
    sizeof(hpo_sampler_ops), create, destroy, NULL /* sample_relative */, sample_independent,
    NULL /* after_trial */, NULL /* before_trial */, NULL /* after_trial_v2 */,
};

static const hpo_plugin_info plugins[] = {{
    sizeof(hpo_plugin_info), HPO_PLUGIN_SAMPLER, "halton",
    "Quasi-random Halton sequence, scrambled by the seed (sample plugin)", HPO_PLUGIN_THREAD_SAFE,
    "{}", &ops,
}};

static const hpo_plugin_table table = {sizeof(hpo_plugin_table), HPO_ABI_VERSION, 1, plugins};

/* The engine offers the highest ABI it speaks; this table is for the version this file was
 * built against, which an older engine (of a lower minor version) cannot take. */
HPO_PLUGIN_ENTRY const hpo_plugin_table *hpo_plugin_query(uint32_t offered_abi_version) {
    if (HPO_ABI_MAJOR_OF(offered_abi_version) != HPO_ABI_VERSION_MAJOR) return NULL;
    if (offered_abi_version < HPO_ABI_VERSION) return NULL;
    return &table;
}
