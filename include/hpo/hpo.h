/* hpo: the user C API. The one header a user of the engine includes.
 *
 * Conventions (SQLite's and libgit2's):
 * - Opaque handles, each with its _free; _free(NULL) does nothing.
 * - Every call returns an hpo_status; on an error hpo_last_error() holds a thread-local
 *   message naming what was wrong and where. No exception ever crosses this API.
 * - Outputs come last-but-user-data as `T **out`; what comes back through `out` is the
 *   caller's: handles are released with their _free, strings with hpo_string_free.
 * - Bulk data in and out as JSON text (UTF-8); numbers through typed arguments.
 * - Threads: an hpo_engine and an hpo_study may be used from many threads at once. An
 *   hpo_trial handle belongs to one thread at a time (the objective running it).
 */
#ifndef HPO_HPO_H
#define HPO_HPO_H

#include "common.h"

#ifdef __cplusplus
extern "C" {
#endif

#define HPO_API HPO_EXPORT

/* ------------------------------------------------------------------------------------------
 * Library
 * ---------------------------------------------------------------------------------------- */

HPO_API const char *hpo_version(void);          /* "0.1.0"; compare with HPO_VERSION */
HPO_API int32_t hpo_version_number(void);       /* compare with HPO_VERSION_NUMBER */
HPO_API uint32_t hpo_abi_version(void);         /* compare with HPO_ABI_VERSION */
HPO_API const char *hpo_status_string(int32_t status); /* fixed text of a status code */
/* The message of the last error on this thread; "" when none. Valid until the next call on
 * this thread. */
HPO_API const char *hpo_last_error(void);
HPO_API void hpo_string_free(char *s);

/* ------------------------------------------------------------------------------------------
 * Engine: the plugin registry. One per process is usual; several are allowed.
 * ---------------------------------------------------------------------------------------- */

typedef struct hpo_engine hpo_engine;

/* options_json may be NULL. {"plugin_paths": ["dir", ...], "default_paths": true}:
 * plugins are searched in the install's plugin folder (beside the engine library), then in
 * HPO_PLUGIN_PATH (':'-separated), then in plugin_paths. default_paths false skips the
 * first two. "plugin_probe": ["program", "arg", ...] (since 0.2): each library is first
 * loaded by this command, its path appended, in a child process, and loaded here only when
 * that exits 0 (within 30 s); any other library is listed as refused with how its probe
 * ended, so a library that crashes while loading cannot take the caller down (the `hpo`
 * command probes with `hpo __probe-plugin` for `hpo plugins`). */
HPO_API int32_t hpo_engine_new(const char *options_json, hpo_engine **out);
HPO_API void hpo_engine_free(hpo_engine *engine);
/* Scans one more folder (or loads one library file). */
HPO_API int32_t hpo_engine_add_plugin_path(hpo_engine *engine, const char *path);
/* {"loaded": [{"kind", "name", "summary", "file", "abi_version", "thread_safe", "options"}],
 *  "refused": [{"file", "reason"}],
 *  "skipped": [{"file", "entry", "kind", "name", "reason"}]  plugins of a kind this engine
 *             does not know, in libraries whose other plugins loaded (since 0.2),
 *  "paths": [the folders and files searched]} */
HPO_API int32_t hpo_engine_plugins_json(hpo_engine *engine, char **out_json);

/* The studies a storage holds, as a JSON array of {"name", "directions", "space", ...}. */
HPO_API int32_t hpo_engine_studies_json(hpo_engine *engine, const char *storage_url, char **out_json);
/* Deletes a study and its trials from a storage. HPO_ENOTFOUND when it holds none of that name. */
HPO_API int32_t hpo_engine_delete_study(hpo_engine *engine, const char *storage_url, const char *name);

/* ------------------------------------------------------------------------------------------
 * Studies
 * ---------------------------------------------------------------------------------------- */

typedef struct hpo_study hpo_study;
typedef struct hpo_trial hpo_trial;

/* config_json:
 * {"name": "study",                      optional; a generated one otherwise
 *  "directions": ["minimize"],           one per objective; default one "minimize"
 *  "space": {...},                       optional: the declared space (see README)
 *  "sampler": "random" | {"name": "tpe", "options": {...}},   default "random"
 *  "scheduler": {"name": "asha", "options": {...}},           optional
 *  "storage": "memory:" | "sqlite:///path.db" | "journal:///path.log", default "memory:"
 *  "load_if_exists": false,              true: resume the stored study of that name
 *  "load_only": false,                   true: the stored study must exist (its directions
 *                                        and space are taken from it when not given)
 *  "heartbeat": {"interval": 10, "grace": 20, "retry": false},  optional, persistent storages:
 *                                        a RUNNING trial silent for grace seconds FAILs
 *                                        (and with retry is enqueued again)
 *  "storage_timeout": 60,                seconds a storage may stay busy (locked by another
 *                                        process, out of reach) before a call fails with
 *                                        HPO_EBUSY
 *  "max_trials": 1000,                   optional: the study-wide trial budget; every worker
 *                                        of the study together starts no more trials (kept
 *                                        in the stored study; naming another is HPO_EINVAL)
 *  "seed": 42}                           optional; a random one otherwise (a stored study
 *                                        keeps its own)
 * A name a storage already holds fails with HPO_EEXISTS unless load_if_exists. */
HPO_API int32_t hpo_study_create(hpo_engine *engine, const char *config_json, hpo_study **out);
HPO_API void hpo_study_free(hpo_study *study);

/* Starts a trial: the oldest enqueued one if any, else a new one whose declared parameters
 * the sampler chooses now. Returns HPO_DONE (and *out NULL) when the sampler has nothing left
 * to propose, or when the study holds its "max_trials" (hpo_study_enqueue then fails with
 * HPO_ECANCELLED). */
HPO_API int32_t hpo_study_ask(hpo_study *study, hpo_trial **out);
/* Enqueues a trial with fixed parameters ({"name": value, ...}, values as the user writes
 * them: a categorical's choice, not its index); unnamed parameters are sampled at ask. */
HPO_API int32_t hpo_study_enqueue(hpo_study *study, const char *params_json);

/* The objective of hpo_study_optimize. Writes n_values results and returns HPO_OK, or
 * HPO_PRUNED after stopping early, or any other code to fail the trial (the message is
 * hpo_last_error(), or what the function gave hpo_trial_set_failure). */
typedef int32_t (*hpo_objective_fn)(hpo_trial *trial, double *out_values, size_t n_values,
                                    void *user_data);

/* Runs the loop: ask, evaluate, tell. options_json may be NULL:
 * {"n_trials": 100, "timeout": 60.0 (seconds: no trial starts after it), "n_jobs": 1,
 *  "trial_timeout": 600.0 (seconds one trial may run; past it the trial FAILs at once, its
 *    reports answer "prune" and what its objective returns is dropped: a thread cannot be
 *    stopped, so the worker moves on when the objective returns),
 *  "runner": {"name": "threads", "options": {...}},  default: threads when n_jobs > 1
 *  "catch": true}   false: the first failed trial stops the run and its error is returned
 * An objective that returns an error or NaN makes its trial FAIL, and the study goes on; an
 * infinite value completes it. A trial the engine ended itself (trial_timeout, a suggestion
 * against the study's definition) never stops the run. */
HPO_API int32_t hpo_study_optimize(hpo_study *study, hpo_objective_fn objective,
                                   const char *options_json, void *user_data);
/* The same with an objective plugin: objective_json is {"name": "benchmarks",
 * "options": {...}}. The objective's declared space is added to the study's. */
HPO_API int32_t hpo_study_optimize_plugin(hpo_study *study, const char *objective_json,
                                          const char *options_json);
/* Called after each trial of the study ends through this handle (tell, or the optimize
 * loop), in the thread that ended it, with the trial's number and final state; may be
 * called from several threads at once. It may read the study (hpo_study_trial_json) and
 * stop it (hpo_study_stop). NULL removes it. */
typedef void (*hpo_trial_end_fn)(int64_t trial_number, int32_t state, void *user_data);
HPO_API int32_t hpo_study_set_trial_end_callback(hpo_study *study, hpo_trial_end_fn callback,
                                                 void *user_data);
/* Asks a running hpo_study_optimize to start no more trials. Safe from any thread. */
HPO_API int32_t hpo_study_stop(hpo_study *study);

/* {"name", "directions", "space", "sampler", "scheduler", "storage", "seed", "n_trials",
 * "max_trials" (when the study has a budget),
 * "system_attrs" (what plugins record for the whole study)}, and after
 * hpo_study_optimize_plugin "objective": {"name", "options", and what the plugin describes
 * of itself, such as "optimum"} */
HPO_API int32_t hpo_study_info_json(hpo_study *study, char **out_json);
/* Every trial as a JSON array of
 * {"id", "number", "state", "params": {name: value}, "values": [..] | null,
 *  "constraints": [..] | null, "intermediate_values": {"step": value}, "user_attrs": {},
 *  "system_attrs": {}, "datetime_start", "datetime_complete", "message", "heartbeat",
 *  "worker" (host:pid:tag of the process that ran it)}; infinite numbers
 *  are written "inf" and "-inf". */
HPO_API int32_t hpo_study_trials_json(hpo_study *study, char **out_json);
/* The best COMPLETE trial (one objective), as one object of the form above. A feasible trial
 * beats an infeasible one, and of two infeasible ones the smaller total violation (the sum
 * of positive constraint values) wins (Deb's rule); trials without constraints are feasible.
 * HPO_ENOTFOUND when no trial has completed; HPO_EINVAL for a study of several objectives. */
HPO_API int32_t hpo_study_best_trial_json(hpo_study *study, char **out_json);
/* The Pareto front of COMPLETE trials (the best trial, for one objective), as an array,
 * under the same rule: when any completed trial is feasible, the front holds feasible ones. */
HPO_API int32_t hpo_study_best_trials_json(hpo_study *study, char **out_json);
HPO_API int32_t hpo_study_n_trials(hpo_study *study, int64_t *out);
/* One trial by number, as one object of the form above. HPO_ENOTFOUND for no such trial. */
HPO_API int32_t hpo_study_trial_json(hpo_study *study, int64_t number, char **out_json);

/* Parameter importances by fANOVA (Hutter, Hoos and Leyton-Brown 2014; Optuna's default
 * FanovaImportanceEvaluator): per objective, a random forest of regression trees fitted on
 * the selected trials, then each tree's functional ANOVA over its leaf partition of the
 * bounded space; a parameter's importance is the share of the prediction's variance it
 * explains alone, averaged over the trees. Parameters are encoded as samplers see them (log
 * parameters in log space, ints as numbers, categoricals as category indices split by
 * subsets). A parameter inactive in some trials (a condition, define-by-run) takes one more
 * value, "inactive": a last category, or for a number a cell below its range as wide as it.
 * Deterministic for a seed, whatever the threads. Since 0.2. options_json may be NULL:
 * {"params": ["x", "y"],     the parameters to assess (default: every one active in some
 *                            selected trial); an unknown name is HPO_EINVAL
 *  "trials": [0, 5, ...],    trial numbers to use (default: every trial)
 *  "states": ["COMPLETE"],   states of the trials to use (default COMPLETE; PRUNED trials
 *                            carry their last intermediate value)
 *  "objective": 0,           one objective (default: each objective, one entry each)
 *  "values": {"3": 0.5, ...} a target value per trial number (in place of the objectives;
 *                            trials without one are left out): Optuna's `target`
 *  "seed": 42,               default: the study's seed
 *  "n_trees": 64, "max_depth": 64, "min_samples_split": 2, "min_samples_leaf": 1,
 *  "max_features": 1.0,      features tried at each split: a fraction (float) or a count
 *                            (integer); default every one, as Optuna's forest
 *  "bootstrap": true, "normalize": true}   normalize: importances sum to 1 per objective
 * Trials whose value is not finite are left out; fewer than 2 left is HPO_EINVAL. Answer:
 * {"method": "fanova", "n_trees", "max_depth", "seed", "normalized",
 *  "params": [the parameters assessed, in the study's order],
 *  "objectives": [{"objective": 0 (null for "values"), "direction": "minimize",
 *                  ("target": "values" instead of "direction" for "values"),
 *                  "n_trials": trials used, "n_trees_used": trees whose prediction varies,
 *                  "importances": [{"param": "x", "importance": 0.83, "std": 0.05}, ...]}]}
 * importances are ordered by importance, largest first; std is their spread over the trees.
 * A parameter with a single value (low == high, one choice) has importance 0. */
HPO_API int32_t hpo_study_param_importances(hpo_study *study, const char *options_json,
                                            char **out_json);

/* One plot of the study as plotly figure JSON, {"data": [traces], "layout": {...}}: what the
 * report (`hpo report`), the dashboard and Python's hpo.visualization all draw. kind:
 *   "history"       values by trial number and the best value so far
 *   "slice"         the objective against each parameter, coloured by trial number
 *   "contour"       the objective over two parameters (default the first two)
 *   "parallel"      parallel coordinates of the objective and the parameters
 *   "intermediate"  each trial's reported values by step, pruned trials marked
 *   "pareto"        the Pareto front (studies of several objectives only)
 *   "edf"           the empirical distribution function of the objective
 *   "timeline"      each trial's run on the worker slot that ran it
 * options_json may be NULL: {"objective": 0 (which objective to draw), "params": ["x", ...]
 * (slice, contour, parallel), "objectives": [0, 1] (pareto), "max_points": N (trials drawn
 * one by one before the figure samples them and says so in its title)}; a key the kind does
 * not read is HPO_EINVAL. Safe from many threads. */
HPO_API int32_t hpo_study_figure_json(hpo_study *study, const char *kind, const char *options_json,
                                      char **out_json);

/* ------------------------------------------------------------------------------------------
 * Trials. A handle from hpo_study_ask is the caller's: tell, then free. Freeing a handle
 * without telling leaves the trial RUNNING (a heartbeat-checking storage fails it later).
 * ---------------------------------------------------------------------------------------- */

HPO_API void hpo_trial_free(hpo_trial *trial);
HPO_API int64_t hpo_trial_number(const hpo_trial *trial);
HPO_API int64_t hpo_trial_id(const hpo_trial *trial);

/* Define-by-run: the trial's value of `name`, choosing it now unless it was already chosen
 * (declared space, enqueued values). The distribution must match the study's if `name` is
 * known (a declared parameter's condition aside): another one fails this trial with
 * HPO_EINVAL naming both, and the study's definition stands. log: sample in log space (low > 0). step: 0 for continuous. */
HPO_API int32_t hpo_trial_suggest_float(hpo_trial *trial, const char *name, double low,
                                        double high, int32_t log, double step, double *out);
HPO_API int32_t hpo_trial_suggest_int(hpo_trial *trial, const char *name, int64_t low,
                                      int64_t high, int32_t log, int64_t step, int64_t *out);
/* choices_json: a JSON array of choices; *out_index: the chosen one's index. */
HPO_API int32_t hpo_trial_suggest_categorical(hpo_trial *trial, const char *name,
                                              const char *choices_json, int64_t *out_index);
/* Any distribution in the space's JSON form ({"type": "float", ...}); *out is the internal
 * value (NaN when the parameter's condition leaves it inactive). */
HPO_API int32_t hpo_trial_suggest(hpo_trial *trial, const char *name,
                                  const char *distribution_json, double *out);
/* A declared or already suggested parameter: internal value (NaN: inactive), or as JSON
 * (a categorical's choice itself). HPO_ENOTFOUND for an unknown name. */
HPO_API int32_t hpo_trial_param(hpo_trial *trial, const char *name, double *out);
HPO_API int32_t hpo_trial_params_json(hpo_trial *trial, char **out_json);

/* Intermediate values (pruning); NaN is recorded, and schedulers take it as the worst.
 * *out_should_prune (may be NULL) says whether the scheduler wants the trial stopped (always,
 * once the engine has ended the trial); hpo_trial_should_prune asks again without reporting. */
HPO_API int32_t hpo_trial_report(hpo_trial *trial, int64_t step, double value,
                                 int32_t *out_should_prune);
HPO_API int32_t hpo_trial_should_prune(hpo_trial *trial, int32_t *out);
HPO_API int32_t hpo_trial_set_user_attr(hpo_trial *trial, const char *key,
                                        const char *value_json);
/* The device (GPU ordinal) a runner gave this trial, -1 for none; the first when it was
 * given several. */
HPO_API int32_t hpo_trial_device(const hpo_trial *trial);
/* Every device a runner gave this trial, in order: writes min(capacity, count) ordinals to
 * out (which may be NULL when capacity is 0) and the count to *out_n. Since 0.2. */
HPO_API int32_t hpo_trial_devices(const hpo_trial *trial, int32_t *out, size_t capacity,
                                  size_t *out_n);
/* Constraint values of the trial (Optuna's constraints_func): it is feasible when every one
 * is <= 0. Samplers see them; best-trial and Pareto queries rank a feasible trial before an
 * infeasible one. Replaces any set before; NaN is refused with HPO_EINVAL. Since 0.2. */
HPO_API int32_t hpo_trial_set_constraints(hpo_trial *trial, const double *values,
                                          size_t n_values);
/* Records why an objective is about to fail, for the FAIL trial's message. */
HPO_API int32_t hpo_trial_set_failure(hpo_trial *trial, const char *message);

/* Ends the trial: COMPLETE with n_values values (one per objective; a NaN value turns it
 * into FAIL, an infinite one is kept), PRUNED (values optional: the last intermediate value is kept), or FAIL with
 * `message` (may be NULL). HPO_ESTATE when the trial has already ended. */
HPO_API int32_t hpo_trial_tell(hpo_trial *trial, int32_t state, const double *values,
                               size_t n_values, const char *message);

#ifdef __cplusplus
}
#endif

#endif /* HPO_HPO_H */
