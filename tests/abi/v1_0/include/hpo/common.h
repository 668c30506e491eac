/* hpo: definitions shared by the user API (hpo.h) and the plugin ABI (plugin.h).
 *
 * Pure C99, fixed-width types only, so that every language with a C FFI can bind it.
 * Numbers here are part of the ABI: values are only ever added, never renumbered. */
#ifndef HPO_COMMON_H
#define HPO_COMMON_H

#include <stddef.h>
#include <stdint.h>

#if defined(_WIN32)
#define HPO_EXPORT __declspec(dllexport)
#else
#define HPO_EXPORT __attribute__((visibility("default")))
#endif

/* The library version, at compile time (compare with hpo_version_number()). */
#define HPO_VERSION_MAJOR 0
#define HPO_VERSION_MINOR 1
#define HPO_VERSION_PATCH 0
#define HPO_VERSION "0.1.0"
#define HPO_VERSION_NUMBER (HPO_VERSION_MAJOR * 10000 + HPO_VERSION_MINOR * 100 + HPO_VERSION_PATCH)

/* The ABI version: major in the high 16 bits, minor in the low 16 bits. A minor bump only
 * adds (symbols, struct fields at the end, function-table slots at the end); a major bump
 * breaks, and a library or plugin of another major version is refused. */
#define HPO_ABI_VERSION_MAJOR 1
#define HPO_ABI_VERSION_MINOR 0
#define HPO_ABI_MAKE(major, minor) ((uint32_t)(((uint32_t)(major) << 16) | (uint32_t)(minor)))
#define HPO_ABI_MAJOR_OF(version) ((uint32_t)(version) >> 16)
#define HPO_ABI_MINOR_OF(version) ((uint32_t)(version) & 0xffffu)
#define HPO_ABI_VERSION HPO_ABI_MAKE(HPO_ABI_VERSION_MAJOR, HPO_ABI_VERSION_MINOR)

#ifdef __cplusplus
extern "C" {
#endif

/* Status codes. Every function of hpo.h and every plugin operation returns one.
 * 0 is success, positive codes are outcomes that are not errors, negative codes are errors;
 * the text beside an error is in hpo_last_error() (user side) or was given to
 * hpo_host.set_error (plugin side). */
typedef enum hpo_status {
    HPO_OK = 0,
    HPO_PRUNED = 1,   /* an objective stopped its trial early: the trial ends PRUNED */
    HPO_DONE = 2,     /* nothing more to do: the grid is exhausted, the budget is spent */
    HPO_ERROR = -1,   /* an error of no more specific kind */
    HPO_EINVAL = -2,  /* bad input: malformed JSON, impossible range, wrong type, NULL */
    HPO_ENOTFOUND = -3, /* no such parameter, trial, study or plugin */
    HPO_EPLUGIN = -4, /* a plugin was refused or failed */
    HPO_ESTATE = -5,  /* not allowed in the object's state: telling a finished trial */
    HPO_EUSER = -6,   /* a user callback (objective, ...) failed */
    HPO_ENOMEM = -7,  /* out of memory */
    HPO_EIO = -8,     /* a storage could not read or write */
    HPO_EABI = -9     /* the ABI versions of two sides do not match */
} hpo_status;

/* A trial's life: WAITING (enqueued, not started) -> RUNNING -> COMPLETE | PRUNED | FAIL. */
typedef enum hpo_trial_state {
    HPO_TRIAL_WAITING = 0,
    HPO_TRIAL_RUNNING = 1,
    HPO_TRIAL_COMPLETE = 2,
    HPO_TRIAL_PRUNED = 3,
    HPO_TRIAL_FAIL = 4
} hpo_trial_state;

/* Parameter kinds. Every parameter value is one double: the float itself, the integer, or the
 * categorical's choice index. NaN means the parameter is inactive (its condition is unmet)
 * or was not suggested in that trial. */
typedef enum hpo_param_kind {
    HPO_PARAM_FLOAT = 0,
    HPO_PARAM_INT = 1,
    HPO_PARAM_CATEGORICAL = 2
} hpo_param_kind;

/* Prior of a numeric parameter: uniform over [low, high] (in log space when log is set), or
 * normal(mu, sigma) truncated to [low, high] (Hyperopt's hp.normal / hp.lognormal). */
typedef enum hpo_prior {
    HPO_PRIOR_UNIFORM = 0,
    HPO_PRIOR_NORMAL = 1
} hpo_prior;

typedef enum hpo_direction {
    HPO_MINIMIZE = 0,
    HPO_MAXIMIZE = 1
} hpo_direction;

#ifdef __cplusplus
}
#endif

#endif /* HPO_COMMON_H */
