/* hpo plugin ABI: what a plugin library implements and what the engine hands it.
 *
 * A plugin library includes this header alone, links against nothing of hpo's, and exports
 * one symbol, hpo_plugin_query. Everything crossing the boundary is plain C: no C++ type,
 * exception or allocator. Conventions:
 *
 * - Versions. The engine offers the highest ABI it speaks; a library answers with a table for
 *   a version no higher, or NULL. Within a major version a newer engine runs every older
 *   plugin: what a minor version adds is marked below ("Added in ABI 1.1"), and the engine
 *   hands a plugin only what the version it answered has.
 * - Every struct begins with its size (struct_size) and only ever grows at its end. A reader
 *   checks struct_size before touching a field added later (HPO_HAS_FIELD) and checks a
 *   function slot for NULL before calling it: optional operations are NULL.
 * - Arrays of structs. A study view's trials and parameters are read through HPO_STUDY_TRIAL
 *   and HPO_STUDY_PARAM, which step by the stride the view gives, so fields added to
 *   hpo_trial_view or hpo_param_info later reach plugins built before them unharmed. (ABI 1.0
 *   had no strides: the engine hands a plugin that answered 1.0 arrays of the 1.0 sizes.) The
 *   one array a plugin hands over, hpo_plugin_table's plugins, is read with the stride of its
 *   first entry's struct_size.
 * - Operations return an hpo_status. On an error a plugin calls host->set_error with a
 *   message that says what went wrong and where; the engine adds which plugin said it.
 *   HPO_EBUSY says nothing changed and the same call may succeed later: the engine retries it.
 * - Views handed to a plugin (hpo_study_view and everything it points to) are read-only
 *   and valid for the duration of the call alone.
 * - Memory. Strings a plugin hands to the engine come from host->alloc; the engine releases
 *   them with host->free. Strings the engine hands to a plugin (hpo_trial_api.params_json, a
 *   runner's describe_run) come from the same allocator: the plugin releases them with
 *   host->free.
 * - Lifetimes. The hpo_host passed to create stays valid, unchanged, until destroy has
 *   returned, so an instance may keep the pointer. A library stays loaded while any instance
 *   created from it lives.
 * - An instance is used by one thread at a time unless its plugin sets
 *   HPO_PLUGIN_THREAD_SAFE; the engine serializes calls otherwise.
 */
#ifndef HPO_PLUGIN_H
#define HPO_PLUGIN_H

#include "common.h"

#ifdef __cplusplus
extern "C" {
#endif

/* True when a struct of the given size, as received, contains `field`. */
#define HPO_HAS_FIELD(ptr, type, field) \
    ((ptr)->struct_size >= offsetof(type, field) + sizeof(((type *)0)->field))

/* The kinds of plugin. An engine that meets a kind it does not know (a library written for a
 * later version) skips that entry, loads the library's other plugins and says so. */
typedef enum hpo_plugin_kind {
    HPO_PLUGIN_SAMPLER = 1,
    HPO_PLUGIN_SCHEDULER = 2,
    HPO_PLUGIN_STORAGE = 3,
    HPO_PLUGIN_RUNNER = 4,
    HPO_PLUGIN_OBJECTIVE = 5
} hpo_plugin_kind;

/* Flags of an hpo_plugin_info. */
#define HPO_PLUGIN_THREAD_SAFE 0x1u /* one instance may be called from several threads at once */

typedef enum hpo_log_level {
    HPO_LOG_DEBUG = 0,
    HPO_LOG_INFO = 1,
    HPO_LOG_WARNING = 2,
    HPO_LOG_ERROR = 3
} hpo_log_level;

/* ------------------------------------------------------------------------------------------
 * Read-only views of a study, handed to samplers and schedulers.
 * ---------------------------------------------------------------------------------------- */

typedef struct hpo_param_info {
    uint32_t struct_size;
    const char *name;
    int32_t kind;       /* hpo_param_kind */
    double low, high;   /* inclusive bounds; a categorical has low 0 and high n_choices - 1 */
    double step;        /* quantization step of a float or int (an int's is at least 1); 0 when continuous */
    int32_t log;        /* nonzero: sampled uniformly in log space (low > 0) */
    int32_t prior;      /* hpo_prior */
    double prior_mu, prior_sigma; /* with HPO_PRIOR_NORMAL, in log space when log is set */
    int32_t n_choices;  /* categorical: number of choices, else 0 */
    const char *const *choices_json; /* categorical: each choice as JSON text ("\"rbf\"", "3", "null") */
    /* Condition: the parameter is active only when parameter `parent` (an index into the
     * study's parameters, always lower than this one's) takes one of parent_values
     * (internal values: a categorical's choice index, an int's integer). -1: unconditional. */
    int32_t parent;
    int32_t n_parent_values;
    const double *parent_values;
} hpo_param_info;

typedef struct hpo_trial_view {
    uint32_t struct_size;
    int64_t id;               /* storage-wide identity */
    int64_t number;           /* 0, 1, 2, ... within the study, in order of creation */
    int32_t state;            /* hpo_trial_state */
    const double *params;     /* hpo_study_view.n_params values; NaN: inactive or not yet chosen */
    const double *values;     /* hpo_study_view.n_objectives values when COMPLETE, else NULL */
    int64_t n_intermediate;   /* reported intermediate values, in increasing step order */
    const int64_t *intermediate_steps;
    const double *intermediate_values;
    const char *system_attrs_json; /* JSON object the engine and plugins record on a trial
                                      (a scheduler's bracket, a sampler's generation); never NULL */
    /* Added in ABI 1.1. */
    /* Constraint values the objective set (hpo_trial_api.set_constraints): the trial is
     * feasible when every one is <= 0. 0 and NULL when it set none. */
    int32_t n_constraints;
    const double *constraints;
} hpo_trial_view;

typedef struct hpo_study_view {
    uint32_t struct_size;
    int32_t n_params;
    const hpo_param_info *params;  /* in the study's parameter order; parents before children:
                                      read entry i as HPO_STUDY_PARAM(study, i) */
    int32_t n_objectives;
    const int32_t *directions;     /* hpo_direction, one per objective */
    int64_t n_trials;
    const hpo_trial_view *trials;  /* every trial, in order of number; RUNNING ones included
                                      so that parallel samplers can see pending points: read
                                      entry i as HPO_STUDY_TRIAL(study, i) */
    uint64_t seed;                 /* the study's seed */
    /* Added in ABI 1.1. */
    uint32_t trial_stride;         /* bytes from one trial view to the next */
    uint32_t param_stride;         /* bytes from one parameter info to the next */
    /* The study's system attributes, a JSON object shared by every worker of the study
     * (a sampler's state: a CMA-ES distribution, a population); never NULL. */
    const char *system_attrs_json;
} hpo_study_view;

/* Entry i of a study view's trials and parameters, whatever size the engine's structs have
 * grown to. A plugin built against ABI 1.1 or later always receives the strides. */
#define HPO_STUDY_TRIAL(study, i)                                                          \
    ((const hpo_trial_view *)(const void *)((const char *)(study)->trials +                \
                                            (size_t)(i) * (study)->trial_stride))
#define HPO_STUDY_PARAM(study, i)                                                          \
    ((const hpo_param_info *)(const void *)((const char *)(study)->params +                \
                                            (size_t)(i) * (study)->param_stride))

/* ------------------------------------------------------------------------------------------
 * The host: the engine's services, handed to every plugin instance at creation and valid
 * until its destroy returns.
 * ---------------------------------------------------------------------------------------- */

typedef struct hpo_host hpo_host;
struct hpo_host {
    uint32_t struct_size;
    uint32_t abi_version;  /* the version the engine and this plugin agreed on */
    void *engine;          /* opaque; pass back as the first argument below */
    /* Memory the engine will free (strings returned to it), and its release (of those, and
     * of strings the engine hands out). */
    void *(*alloc)(void *engine, size_t size);
    void (*free)(void *engine, void *ptr);
    /* The detail of an error a plugin is about to return; copied, thread-local. */
    void (*set_error)(void *engine, const char *message);
    void (*log)(void *engine, int32_t level, const char *message);
    /* A seed for this instance, derived from the study's seed and the plugin's kind and name:
     * a plugin that draws from streams seeded by (seed, trial number) is reproducible even
     * when trials run in parallel. */
    uint64_t seed;
};

/* ------------------------------------------------------------------------------------------
 * Trials, as objectives and runners see them. The engine implements these; a plugin calls
 * them through the hpo_trial_api table it receives.
 * ---------------------------------------------------------------------------------------- */

typedef struct hpo_trial_ref hpo_trial_ref; /* opaque */

typedef struct hpo_trial_api {
    uint32_t struct_size;
    int64_t (*number)(const hpo_trial_ref *trial);
    /* The value of a parameter, suggesting it first when the trial has none yet:
     * distribution_json is one parameter of the space's JSON form, e.g.
     * {"type": "float", "low": 0, "high": 1}; NULL means the study must already declare
     * `name`. *out is the internal value (NaN when inactive). */
    int32_t (*suggest)(hpo_trial_ref *trial, const char *name, const char *distribution_json,
                       double *out);
    /* The parameter's value as JSON text (a categorical's choice itself), from host->alloc. */
    int32_t (*param_json)(hpo_trial_ref *trial, const char *name, char **out_json);
    /* Records an intermediate value; *out_should_prune (optional) says whether the
     * scheduler wants the trial stopped. */
    int32_t (*report)(hpo_trial_ref *trial, int64_t step, double value, int32_t *out_should_prune);
    int32_t (*set_user_attr)(hpo_trial_ref *trial, const char *key, const char *value_json);
    /* The first device the trial was given by its runner (a GPU ordinal), -1 for none. */
    int32_t (*device)(const hpo_trial_ref *trial);
    /* Added in ABI 1.1. */
    /* The trial's parameters chosen so far, as a JSON object of name -> value as the user
     * writes it (a categorical's choice itself), from host->alloc. */
    int32_t (*params_json)(hpo_trial_ref *trial, char **out_json);
    /* Records the trial's constraint values (feasible when every one is <= 0), replacing any
     * set before. NaN is refused. */
    int32_t (*set_constraints)(hpo_trial_ref *trial, const double *values, int32_t n_values);
    /* Every device the trial was given, in order: writes min(capacity, count) ordinals to
     * out (NULL when capacity is 0) and the count to *out_n. */
    int32_t (*devices)(const hpo_trial_ref *trial, int32_t *out, int32_t capacity,
                       int32_t *out_n);
} hpo_trial_api;

/* ------------------------------------------------------------------------------------------
 * The operations of each kind. Each begins with struct_size, create and destroy:
 * create parses options_json (never NULL; "{}" when the user gave none), validates it
 * against the plugin's schema and fails with a message naming the bad option.
 * ---------------------------------------------------------------------------------------- */

#define HPO_PLUGIN_OPS_HEAD                                                               \
    uint32_t struct_size;                                                                 \
    int32_t (*create)(const char *options_json, const hpo_host *host, void **out_self);   \
    void (*destroy)(void *self)

/* Samplers choose parameter values from a study's history.
 *
 * A sampler that keeps state (a genetic sampler's generations, CMA-ES's distribution) keeps
 * it in the study, not in its memory: returned from before_trial and after_trial_v2 as
 * attributes to merge into the trial's and the study's system attributes, and read back from
 * the view. The study's storage shares them with every worker and keeps them across
 * restarts. Attributes merge key by key; two workers that write one key at once leave one
 * of the two values, so keys that several workers write should say whose they are (by
 * generation, by trial). A trial's proposal is a pure function of the view, so the same
 * history gives the same proposal in any process. */
typedef struct hpo_sampler_ops {
    HPO_PLUGIN_OPS_HEAD;
    /* Proposes values for several parameters jointly (GP, CMA-style, multivariate TPE,
     * grid). subspace lists n_subspace parameter indices in increasing order; out_values
     * receives one value per entry, NaN for a parameter the sampler leaves to
     * sample_independent. trial_index is the new trial's place in study->trials (RUNNING,
     * with its enqueued values, if any, already set). May return HPO_DONE: no more
     * configurations (an exhausted grid). NULL: the sampler samples one at a time only. */
    int32_t (*sample_relative)(void *self, const hpo_study_view *study, int64_t trial_index,
                               const int32_t *subspace, int32_t n_subspace, double *out_values);
    /* Proposes a value for one parameter (define-by-run, or what sample_relative left). */
    int32_t (*sample_independent)(void *self, const hpo_study_view *study, int64_t trial_index,
                                  int32_t param_index, double *out_value);
    /* Called after a trial finished (its state and values are in the view). Optional; not
     * called when after_trial_v2 is set. */
    void (*after_trial)(void *self, const hpo_study_view *study, int64_t trial_index);
    /* Added in ABI 1.1. */
    /* Called when a trial starts, before any sample call for it: may return JSON objects
     * (from host->alloc) to merge into the trial's system attributes (*out_trial_attrs_json)
     * and the study's (*out_study_attrs_json), or leave either NULL. The sample calls for the
     * trial then see them in the view. Optional. */
    int32_t (*before_trial)(void *self, const hpo_study_view *study, int64_t trial_index,
                            char **out_trial_attrs_json, char **out_study_attrs_json);
    /* after_trial with a status and attributes to merge, as before_trial returns them. The
     * trial's outcome is recorded before it is called; an error it returns is the error of
     * the call that ended the trial. Optional. */
    int32_t (*after_trial_v2)(void *self, const hpo_study_view *study, int64_t trial_index,
                              char **out_trial_attrs_json, char **out_study_attrs_json);
} hpo_sampler_ops;

/* Schedulers stop unpromising trials early from their intermediate values. */
typedef struct hpo_scheduler_ops {
    HPO_PLUGIN_OPS_HEAD;
    /* Called when a trial starts: may return a JSON object (from host->alloc) merged into the
     * trial's system attributes, e.g. {"bracket": 2}; *out_attrs_json NULL for none. Optional. */
    int32_t (*on_trial_start)(void *self, const hpo_study_view *study, int64_t trial_index,
                              char **out_attrs_json);
    /* Called after each report: *out_prune = 1 to stop the trial. */
    int32_t (*should_prune)(void *self, const hpo_study_view *study, int64_t trial_index,
                            int32_t *out_prune);
} hpo_scheduler_ops;

/* Storages keep studies and trials, as JSON records of the shapes below; every string a
 * storage returns comes from host->alloc.
 *
 * Options. A storage answering ABI 1.1 receives {"url": "<the URL as the user wrote it>"},
 * query and all ("postgresql://u@h/db?sslmode=require"), and reads its own options from the
 * query. (A storage answering 1.0 received the URL without its query, and each name=value
 * of the query as an option beside it.)
 *
 * The study record: a JSON object the engine writes whole with create_study and
 * update_study and reads back from load_study and list_studies, where the storage adds "id".
 *   {"name": "...",                    unique in the storage; never changes
 *    "directions": ["minimize", ...],
 *    "space": {...}, "declared": [...], "seed": 42, "sampler": {...}, "scheduler": {...},
 *    "objective": {...},               the engine's own: a storage keeps them as they are
 *    "system_attrs": {...},            added in 1.1: plugins' shared state, merged key by key
 *    "max_trials": 1000}               added in 1.1 (optional; absent or null: none): the
 *                                      study-wide trial budget, see create_trial
 * update_study replaces each top-level key it is given, except (since 1.1; a 1.0 storage
 * replaced them whole) "system_attrs" and "space", whose keys it merges into the stored ones,
 * and "declared", whose names it adds to the stored ones: two workers that grow a
 * define-by-run space at once must not lose each other's parameters.
 *
 * The trial record:
 *   {"id": 7, "number": 3,             assigned by create_trial; never written by the engine
 *    "state": "WAITING" | "RUNNING" | "COMPLETE" | "PRUNED" | "FAIL",
 *    "params": {"name": internal value | null},   null: inactive, or not chosen
 *    "values": [v, ...] | null,        one per objective
 *    "intermediate_values": {"step": v},          the step as decimal text
 *    "constraints": [v, ...] | null,   added in 1.1
 *    "user_attrs": {...}, "system_attrs": {...},
 *    "datetime_start": "2026-01-31T12:00:00.000000Z" | null, "datetime_complete": ... | null,
 *    "message": "why it failed" | null,
 *    "heartbeat": seconds since the epoch | null, "worker": "host:pid:n" | null}
 * where each v is a number, "inf" or "-inf" (JSON has no infinities), or null (NaN).
 * update_trial applies a patch of any of these fields but id and number:
 * "intermediate_values" adds steps (a step already there keeps its value); "params",
 * "user_attrs" and "system_attrs" merge key by key; every other field is replaced. A patch
 * that changes the state of a finished trial (COMPLETE, PRUNED, FAIL) is refused with
 * HPO_ESTATE and changes nothing.
 *
 * Durability. Each write is durable when the call returns, except that a storage may let the
 * creation of a RUNNING trial wait for its next durable write (a crash then loses only a
 * trial that had not ended). Revisions grow with every write to a study, so a reader asks
 * only for what changed since the revision it last saw. */
typedef struct hpo_storage_ops {
    HPO_PLUGIN_OPS_HEAD;
    /* Creates a study from its record and returns its id; with load_if_exists an existing
     * study of that name is returned instead, else HPO_EEXISTS (HPO_ESTATE from a 1.0
     * storage) when the name is taken. */
    int32_t (*create_study)(void *self, const char *study_json, int32_t load_if_exists,
                            int64_t *out_study_id);
    /* HPO_ENOTFOUND when no study has that name. */
    int32_t (*load_study)(void *self, const char *name, int64_t *out_study_id,
                          char **out_study_json);
    int32_t (*list_studies)(void *self, char **out_json); /* JSON array of study records */
    int32_t (*delete_study)(void *self, const char *name);
    /* Applies an update to the study record (a define-by-run space grows, a sampler records
     * its state). */
    int32_t (*update_study)(void *self, int64_t study_id, const char *study_json);
    /* Creates a trial (WAITING or RUNNING, per trial_json), numbering it atomically. A
     * RUNNING trial's heartbeat is stamped now. When the study record has "max_trials" and the
     * study holds that many trials already (any state), creates nothing and returns
     * HPO_ECANCELLED: the count and the creation are one atomic step, so workers sharing the
     * study never create more than the budget between them. */
    int32_t (*create_trial)(void *self, int64_t study_id, const char *trial_json,
                            int64_t *out_trial_id, int64_t *out_number);
    /* Atomically turns the oldest WAITING trial RUNNING for `worker`, started and beating
     * now; *out_trial_id -1 when none waits. */
    int32_t (*claim_waiting_trial)(void *self, int64_t study_id, const char *worker,
                                   int64_t *out_trial_id);
    /* Applies a patch to a trial (see the trial record above). */
    int32_t (*update_trial)(void *self, int64_t study_id, int64_t trial_id, const char *patch_json);
    /* The trials written since `since_revision` (0: all), as a JSON array of trial records
     * in order of number, and the current revision. */
    int32_t (*read_trials)(void *self, int64_t study_id, int64_t since_revision,
                           char **out_trials_json, int64_t *out_revision);
    /* Fails RUNNING trials whose last heartbeat is older than grace_seconds by the storage's
     * clock, returning their ids as a JSON array. Optional. */
    int32_t (*fail_stale_trials)(void *self, int64_t study_id, double grace_seconds,
                                 char **out_trial_ids_json);
    /* Added in ABI 1.1. */
    /* Stamps a RUNNING trial's heartbeat with the storage's own clock (a database server's),
     * so that workers whose clocks differ are judged by one. HPO_ESTATE when the trial has
     * finished. Optional: without it the engine writes a "heartbeat" patch by its own clock. */
    int32_t (*record_heartbeat)(void *self, int64_t study_id, int64_t trial_id);
    /* read_trials and the study record at once: {"study": the record with its "id" when it
     * changed since since_revision, else null, "trials": [...]}. Optional: without it the
     * engine reads the study record again only when a trial names a parameter it lacks, so
     * other workers' study system attributes reach it late. */
    int32_t (*read_changes)(void *self, int64_t study_id, int64_t since_revision,
                            char **out_json, int64_t *out_revision);
} hpo_storage_ops;

/* What a runner drives: the engine's side of ask -> evaluate -> tell. */
typedef struct hpo_runner_host {
    uint32_t struct_size;
    void *ctx;
    const hpo_trial_api *trial_api;
    /* Starts the next trial for worker `slot` (0 .. n_slots-1). *out_trial is NULL when
     * the run is over (budget spent, timeout, grid exhausted, stop requested). */
    int32_t (*next_trial)(void *ctx, int32_t slot, hpo_trial_ref **out_trial);
    /* Runs the study's objective on the trial, in this thread, and records the outcome
     * (COMPLETE, PRUNED, or FAIL with the reason); releases the trial. An objective's
     * failure is an outcome, not an error of this call. Each slot has an objective instance
     * of its own unless the objective plugin is thread-safe. */
    int32_t (*evaluate)(void *ctx, hpo_trial_ref *trial);
    /* Records an outcome obtained elsewhere (another process) and releases the trial. */
    int32_t (*finish)(void *ctx, hpo_trial_ref *trial, int32_t state, const double *values,
                      int32_t n_values, const char *message);
    /* The trial's parameters as a JSON object of name -> value, from host->alloc. */
    int32_t (*params_json)(void *ctx, const hpo_trial_ref *trial, char **out_json);
    /* Gives the trial a device (GPU ordinal) before it is evaluated. */
    int32_t (*set_device)(void *ctx, hpo_trial_ref *trial, int32_t device);
    /* Added in ABI 1.1. */
    /* What a runner that evaluates trials elsewhere must know, as a JSON object from
     * host->alloc: {"study": "name", "storage": "sqlite:///x.db" | "memory:",
     * "directions": ["minimize"], "seed": 42,
     * "objective": {"name": "...", "options": {...}} | null}. objective is null when the
     * study's objective is a function of this process (a C callback, a Python function),
     * which another process cannot run: such a runner fails with HPO_ENOTSUP saying so. */
    int32_t (*describe_run)(void *ctx, char **out_json);
    /* *out_stop nonzero once no more trials will start (a stop requested, the timeout, the
     * budget spent, an error): a runner waiting on trials elsewhere may cancel them. */
    int32_t (*stop_requested)(void *ctx, int32_t *out_stop);
    /* Gives the trial several devices (a multi-GPU trial), in order, replacing set_device's. */
    int32_t (*set_devices)(void *ctx, hpo_trial_ref *trial, const int32_t *devices,
                           int32_t n_devices);
} hpo_runner_host;

/* Runners execute trials: threads, processes, GPU slots. */
typedef struct hpo_runner_ops {
    HPO_PLUGIN_OPS_HEAD;
    /* Drives trials until next_trial returns NULL, then returns once every trial it
     * started has been evaluated or finished. */
    int32_t (*run)(void *self, const hpo_runner_host *host);
} hpo_runner_ops;

/* Objectives measure a configuration. */
typedef struct hpo_objective_ops {
    HPO_PLUGIN_OPS_HEAD;
    /* Optional: what the objective declares, as JSON, from host->alloc:
     * {"space": {...}, "directions": ["minimize"], "optimum": [0.397887]}. The engine
     * declares the space on the study before the first trial; optimum is for benchmarks. */
    int32_t (*describe)(void *self, char **out_json);
    /* Evaluates one trial: reads parameters through api->suggest, may report intermediate
     * values, writes n_values results. Returns HPO_OK, HPO_PRUNED when it stopped on the
     * scheduler's word, or an error (the trial FAILs with the message set_error gave). */
    int32_t (*evaluate)(void *self, const hpo_trial_api *api, hpo_trial_ref *trial,
                        double *out_values, int32_t n_values);
} hpo_objective_ops;

/* ------------------------------------------------------------------------------------------
 * The entry point.
 * ---------------------------------------------------------------------------------------- */

typedef struct hpo_plugin_info {
    uint32_t struct_size;
    int32_t kind;              /* hpo_plugin_kind */
    const char *name;          /* unique per kind: "tpe", "threads", "sqlite" */
    const char *summary;       /* one line */
    uint32_t flags;            /* HPO_PLUGIN_THREAD_SAFE, ... */
    /* JSON object of option name -> {"type": ..., "default": ..., "description": ...}. */
    const char *options_schema_json;
    const void *ops;           /* hpo_sampler_ops, hpo_scheduler_ops, ... per kind */
} hpo_plugin_info;

typedef struct hpo_plugin_table {
    uint32_t struct_size;
    uint32_t abi_version;      /* the ABI the library speaks: no higher than offered */
    int32_t n_plugins;
    const hpo_plugin_info *plugins;
} hpo_plugin_table;

/* The one symbol a plugin library exports. The engine offers the highest ABI version it
 * speaks; the library answers with the table for a version no higher, or NULL when it
 * speaks none the engine can take. A library whose major version differs from the engine's
 * is refused. */
#define HPO_PLUGIN_QUERY_SYMBOL "hpo_plugin_query"
typedef const hpo_plugin_table *(*hpo_plugin_query_fn)(uint32_t offered_abi_version);

#ifdef __cplusplus
#define HPO_PLUGIN_ENTRY extern "C" HPO_EXPORT
#else
#define HPO_PLUGIN_ENTRY HPO_EXPORT
#endif

#ifdef __cplusplus
}
#endif

#endif /* HPO_PLUGIN_H */
