/* The catalogue of bad input through hpo.h (issue 18): one table, one row per case. Each row
 * is a call with bad input (or a call in the wrong state) and what must come of it: the
 * status, and a needle the message must hold, naming the field, plugin or file. After every
 * row the study the catalogue keeps beside the cases (two trials told before any case ran)
 * must be intact: those trials unchanged, and a new ask and tell must work.
 *
 * Inputs may hold placeholders: @DIR@ a fresh temporary folder, @REG@ the registry test's
 * deliberately broken plugin libraries, @CRASH@ libraries that crash while loading, @HPO@ the
 * `hpo` command (whose `__probe-plugin` is the engine's plugin probe). */
#include "check.h"

#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#ifndef REGISTRY_TEST_PLUGIN_DIR
#error "REGISTRY_TEST_PLUGIN_DIR must name the registry test's plugin folder"
#endif
#ifndef CRASH_PLUGIN_DIR
#error "CRASH_PLUGIN_DIR must name the folder of plugins that crash while loading"
#endif
#ifndef HPO_COMMAND
#error "HPO_COMMAND must name the hpo command"
#endif

/* What a row calls. */
enum action {
    ENGINE_NEW,       /* hpo_engine_new(input) */
    STUDY_CREATE,     /* hpo_study_create(engine, input) */
    ENQUEUE,          /* hpo_study_enqueue(kept, input) */
    SUGGEST,          /* on a new trial of the kept study: hpo_trial_suggest(trial, extra, input) */
    OPTIMIZE_PLUGIN,  /* hpo_study_optimize_plugin(kept, input, extra) */
    OPTIMIZE,         /* hpo_study_optimize(kept, the C objective named input, extra) */
    REFUSED_LIBRARY,  /* hpo_engine_new(input): loads, and lists the library extra as refused */
    MISUSE            /* a handle used wrongly: the case named input (see misuse()) */
};

struct bad_input {
    enum action action;
    const char *input;
    const char *extra;
    int32_t status;       /* what the call returns */
    const char *needle;   /* in hpo_last_error(); for HPO_OK rows, in the outcome (below) */
    int32_t trial_state;  /* OPTIMIZE: the state of the study's last trial, -1 for none */
};

#define DIRECTIONS_ONE "\"directions\": [\"minimize\"]"

static const struct bad_input catalogue[] = {
    /* ---- JSON: malformed, wrong types, unknown keys, duplicates ---- */
    {STUDY_CREATE, "{\"seed\": 1", NULL, HPO_EINVAL, "study config is not valid JSON", -1},
    {STUDY_CREATE, "", NULL, HPO_EINVAL, "study config", -1},
    {STUDY_CREATE, "[1, 2]", NULL, HPO_EINVAL, "study config must be a JSON object", -1},
    {STUDY_CREATE, "{\"seed\": 1} trailing", NULL, HPO_EINVAL, "study config is not valid JSON", -1},
    {STUDY_CREATE, "{\"seed\": NaN}", NULL, HPO_EINVAL, "study config is not valid JSON", -1},
    {STUDY_CREATE, "{/* a comment */ \"seed\": 1}", NULL, HPO_EINVAL, "study config is not valid JSON", -1},
    {STUDY_CREATE, "{\"seed\": \"42\"}", NULL, HPO_EINVAL, "\"seed\" must be a non-negative integer", -1},
    {STUDY_CREATE, "{\"seed\": -1}", NULL, HPO_EINVAL, "\"seed\" must be a non-negative integer", -1},
    {STUDY_CREATE, "{\"name\": 5}", NULL, HPO_EINVAL, "\"name\" must be a non-empty string", -1},
    {STUDY_CREATE, "{\"directions\": \"minimize\"}", NULL, HPO_EINVAL, "\"directions\" must be a non-empty array", -1},
    {STUDY_CREATE, "{\"directions\": []}", NULL, HPO_EINVAL, "\"directions\" must be a non-empty array", -1},
    {STUDY_CREATE, "{\"directions\": [\"upward\"]}", NULL, HPO_EINVAL, "\"upward\"", -1},
    {STUDY_CREATE, "{\"direction\": \"minimize\", " DIRECTIONS_ONE "}", NULL, HPO_EINVAL, "not both", -1},
    {STUDY_CREATE, "{\"load_if_exists\": \"yes\"}", NULL, HPO_EINVAL, "\"load_if_exists\" must be true or false", -1},
    {STUDY_CREATE, "{\"storage\": 7}", NULL, HPO_EINVAL, "\"storage\" must be a URL string", -1},
    {STUDY_CREATE, "{\"storage_timeout\": 0}", NULL, HPO_EINVAL, "\"storage_timeout\" must be a positive number", -1},
    {STUDY_CREATE, "{\"heartbeat\": {\"interval\": 5, \"grace\": 1}}", NULL, HPO_EINVAL, "grace", -1},
    {STUDY_CREATE, "{\"heartbeat\": {\"beat\": 5}}", NULL, HPO_EINVAL, "unknown key \"beat\"", -1},
    {STUDY_CREATE, "{\"sampler_options\": {}}", NULL, HPO_EINVAL, "unknown key \"sampler_options\"", -1},
    {STUDY_CREATE, "{\"sampler\": {\"name\": \"random\", \"option\": {}}}", NULL, HPO_EINVAL, "unknown key \"option\"", -1},
    {STUDY_CREATE, "{\"sampler\": {\"name\": \"random\", \"options\": []}}", NULL, HPO_EINVAL, "options must be an object", -1},
    {STUDY_CREATE, "{\"sampler\": 3}", NULL, HPO_EINVAL, "\"sampler\" must be a plugin name", -1},
    {STUDY_CREATE, "{\"sampler\": {\"name\": \"tpe\", \"options\": {\"seed\": 1, \"seed\": 2}}}", NULL, HPO_EINVAL,
     "duplicate key \"seed\"", -1},
    {ENGINE_NEW, "{\"plugin_paths\": \"/tmp\"}", NULL, HPO_EINVAL, "\"plugin_paths\" is unknown or of the wrong type", -1},
    {ENGINE_NEW, "{\"plugin_paths\": [3]}", NULL, HPO_EINVAL, "plugin_paths must hold strings", -1},
    {ENGINE_NEW, "{\"default_path\": false}", NULL, HPO_EINVAL, "\"default_path\" is unknown", -1},
    {ENGINE_NEW, "{\"plugin_probe\": []}", NULL, HPO_EINVAL, "\"plugin_probe\" is unknown or of the wrong type", -1},
    {ENGINE_NEW, "{\"plugin_probe\": [\"\"]}", NULL, HPO_EINVAL, "plugin_probe must hold non-empty strings", -1},
    {ENQUEUE, "{\"x\": 0.5", NULL, HPO_EINVAL, "not valid JSON", -1},
    {ENQUEUE, "[0.5]", NULL, HPO_EINVAL, "object", -1},
    {ENQUEUE, "{\"x\": \"half\"}", NULL, HPO_EINVAL, "\"x\"", -1},
    {ENQUEUE, "{\"k\": \"c\"}", NULL, HPO_EINVAL, "\"k\"", -1},
    {ENQUEUE, "{\"x\": 2}", NULL, HPO_EINVAL, "\"x\"", -1},

    /* ---- ranges and distributions ---- */
    {STUDY_CREATE, "{\"space\": {\"lr\": {\"type\": \"float\", \"low\": 1, \"high\": 0.1}}}", NULL, HPO_EINVAL, "\"lr\"", -1},
    {STUDY_CREATE, "{\"space\": {\"lr\": {\"type\": \"float\", \"low\": 0, \"high\": 1, \"log\": true}}}", NULL, HPO_EINVAL, "\"lr\"", -1},
    {STUDY_CREATE, "{\"space\": {\"n\": {\"type\": \"int\", \"low\": 0.5, \"high\": 4}}}", NULL, HPO_EINVAL, "\"n\"", -1},
    {STUDY_CREATE, "{\"space\": {\"n\": {\"type\": \"int\", \"low\": 0, \"high\": 4, \"step\": -1}}}", NULL, HPO_EINVAL, "\"n\"", -1},
    {STUDY_CREATE, "{\"space\": {\"c\": {\"type\": \"categorical\", \"choices\": []}}}", NULL, HPO_EINVAL, "\"c\"", -1},
    {STUDY_CREATE, "{\"space\": {\"c\": {\"type\": \"categorical\", \"choices\": [1, 1]}}}", NULL, HPO_EINVAL, "\"c\"", -1},
    {STUDY_CREATE, "{\"space\": {\"w\": {\"type\": \"complex\", \"low\": 0, \"high\": 1}}}", NULL, HPO_EINVAL, "\"w\"", -1},
    {STUDY_CREATE, "{\"space\": {\"w\": {\"type\": \"float\", \"low\": 0, \"high\": 1, \"lo\": 2}}}", NULL, HPO_EINVAL, "\"lo\"", -1},
    {STUDY_CREATE, "{\"space\": {\"w\": {\"type\": \"float\", \"low\": 0, \"high\": 1, \"prior\": {\"normal\": [0.5, -1]}}}}", NULL,
     HPO_EINVAL, "\"w\"", -1},
    {STUDY_CREATE, "{\"space\": {\"\": {\"type\": \"float\", \"low\": 0, \"high\": 1}}}", NULL, HPO_EINVAL, "name must not be empty", -1},
    {STUDY_CREATE, "{\"space\": [1]}", NULL, HPO_EINVAL, "a space must be an object", -1},
    {SUGGEST, "{\"type\": \"float\", \"low\": 0, \"high\": 1, \"log\": true}", "rate", HPO_EINVAL, "\"rate\"", -1},
    {SUGGEST, "{\"type\": \"int\", \"low\": 5, \"high\": 1}", "units", HPO_EINVAL, "\"units\"", -1},
    {SUGGEST, "{\"type\": \"int\", \"low\": 0, \"high\": 9}", "x", HPO_EINVAL, "\"x\"", -1},

    /* ---- conditions ---- */
    {STUDY_CREATE, "{\"space\": {\"g\": {\"type\": \"float\", \"low\": 0, \"high\": 1, \"condition\": {\"kernel\": [\"rbf\"]}}}}",
     NULL, HPO_EINVAL, "\"kernel\"", -1},
    {STUDY_CREATE, "{\"space\": {\"n\": {\"type\": \"float\", \"low\": 1, \"high\": 3}, "
                   "\"g\": {\"type\": \"float\", \"low\": 0, \"high\": 1, \"condition\": {\"n\": [2]}}}}",
     NULL, HPO_EINVAL, "condition on the float \"n\"", -1},
    {STUDY_CREATE, "{\"space\": {\"a\": {\"type\": \"int\", \"low\": 1, \"high\": 3, \"condition\": {\"b\": [1]}}, "
                   "\"b\": {\"type\": \"int\", \"low\": 1, \"high\": 3, \"condition\": {\"a\": [1]}}}}",
     NULL, HPO_EINVAL, "conditions form a cycle", -1},
    {STUDY_CREATE, "{\"space\": {\"k\": {\"type\": \"categorical\", \"choices\": [\"a\", \"b\"]}, "
                   "\"g\": {\"type\": \"float\", \"low\": 0, \"high\": 1, \"condition\": {\"k\": [\"z\"]}}}}",
     NULL, HPO_EINVAL, "\"z\"", -1},
    {STUDY_CREATE, "{\"space\": {\"k\": {\"type\": \"categorical\", \"choices\": [\"a\", \"b\"]}, "
                   "\"g\": {\"type\": \"float\", \"low\": 0, \"high\": 1, \"condition\": [\"k\"]}}}",
     NULL, HPO_EINVAL, "\"g\"", -1},
    {STUDY_CREATE, "{\"space\": {\"g\": {\"type\": \"float\", \"low\": 0, \"high\": 1, \"condition\": {\"g\": [0]}}}}",
     NULL, HPO_EINVAL, "\"g\"", -1},

    /* ---- plugin names and options, every in-tree plugin ---- */
    {STUDY_CREATE, "{\"sampler\": \"simulated_annealing\"}", NULL, HPO_ENOTFOUND, "simulated_annealing", -1},
    {STUDY_CREATE, "{\"sampler\": {\"name\": \"random\", \"options\": {\"seeds\": 1}}}", NULL, HPO_EINVAL, "seeds", -1},
    {STUDY_CREATE, "{\"sampler\": {\"name\": \"grid\", \"options\": {\"shuffle\": \"yes\"}}}", NULL, HPO_EINVAL, "shuffle", -1},
    {STUDY_CREATE, "{\"sampler\": {\"name\": \"tpe\", \"options\": {\"n_startup_trials\": -1}}}", NULL, HPO_EINVAL, "n_startup_trials", -1},
    {STUDY_CREATE, "{\"sampler\": {\"name\": \"anneal\", \"options\": {\"shrink_coef\": \"small\"}}}", NULL, HPO_EINVAL, "shrink_coef", -1},
    {STUDY_CREATE, "{\"sampler\": {\"name\": \"gp\", \"options\": {\"acquisition\": \"cubic\"}}}", NULL, HPO_EINVAL, "acquisition", -1},
    {STUDY_CREATE, "{\"sampler\": {\"name\": \"genetic\", \"options\": {\"population_size\": 0}}}", NULL, HPO_EINVAL, "population_size", -1},
    {STUDY_CREATE, "{\"sampler\": {\"name\": \"nsga2\", \"options\": {\"mutation_prob\": 2}}}", NULL, HPO_EINVAL, "mutation_prob", -1},
    {STUDY_CREATE, "{\"sampler\": {\"name\": \"cmaes\", \"options\": {\"sigma0\": -1}}}", NULL, HPO_EINVAL, "sigma0", -1},
    {STUDY_CREATE, "{\"scheduler\": \"early_stopping\"}", NULL, HPO_ENOTFOUND, "early_stopping", -1},
    {STUDY_CREATE, "{\"scheduler\": {\"name\": \"median\", \"options\": {\"n_warmup_steps\": -3}}}", NULL, HPO_EINVAL, "n_warmup_steps", -1},
    {STUDY_CREATE, "{\"scheduler\": {\"name\": \"asha\", \"options\": {\"reduction_factor\": 1}}}", NULL, HPO_EINVAL, "reduction_factor", -1},
    {STUDY_CREATE, "{\"scheduler\": {\"name\": \"hyperband\", \"options\": {\"max_resource\": 0}}}", NULL, HPO_EINVAL, "max_resource", -1},
    {STUDY_CREATE, "{\"storage\": \"mongodb://localhost/x\"}", NULL, HPO_ENOTFOUND, "mongodb", -1},
    {STUDY_CREATE, "{\"storage\": \"sqlite:///@DIR@/a.db?sync=sometimes\"}", NULL, HPO_EINVAL, "sync", -1},
    {STUDY_CREATE, "{\"storage\": \"journal:///@DIR@/a.log?timeout=soon\"}", NULL, HPO_EINVAL, "timeout", -1},
    {STUDY_CREATE, "{\"storage\": \"postgresql://user@localhost:notaport/db\"}", NULL, HPO_EINVAL, "notaport", -1},
    {OPTIMIZE_PLUGIN, "{\"name\": \"benchmarks\", \"options\": {\"function\": \"branin\"}}",
     "{\"n_trials\": 1, \"runner\": {\"name\": \"warp_drive\"}}", HPO_ENOTFOUND, "warp_drive", -1},
    {OPTIMIZE_PLUGIN, "{\"name\": \"benchmarks\", \"options\": {\"function\": \"branin\"}}",
     "{\"n_trials\": 1, \"runner\": {\"name\": \"threads\", \"options\": {\"n_jobs\": 0}}}", HPO_EINVAL, "n_jobs", -1},
    {OPTIMIZE_PLUGIN, "{\"name\": \"benchmarks\", \"options\": {\"function\": \"branin\"}}",
     "{\"n_trials\": 1, \"runner\": {\"name\": \"process\", \"options\": {\"n_jobs\": \"two\"}}}", HPO_EINVAL, "n_jobs", -1},
    {OPTIMIZE_PLUGIN, "{\"name\": \"benchmarks\", \"options\": {\"function\": \"branin\"}}",
     "{\"n_trials\": 1, \"runner\": {\"name\": \"gpu\", \"options\": {\"devices\": \"all of them\"}}}", HPO_EINVAL, "devices", -1},
    {OPTIMIZE_PLUGIN, "{\"name\": \"benchmarks\", \"options\": {\"function\": \"nosuch\"}}", "{\"n_trials\": 1}",
     HPO_EINVAL, "nosuch", -1},
    {OPTIMIZE_PLUGIN, "{\"name\": \"mlp\", \"options\": {\"max_epochs\": 0}}", "{\"n_trials\": 1}", HPO_EINVAL, "max_epochs", -1},
    {OPTIMIZE_PLUGIN, "{\"name\": \"command\", \"options\": {\"argv\": \"echo 1\"}}", "{\"n_trials\": 1}", HPO_EINVAL, "argv", -1},
    {OPTIMIZE_PLUGIN, "{\"name\": \"teleport\"}", "{\"n_trials\": 1}", HPO_ENOTFOUND, "teleport", -1},
    {OPTIMIZE_PLUGIN, "{\"name\": \"benchmarks\", \"options\": {\"function\": \"branin\"}}", "{\"n_trial\": 1}",
     HPO_EINVAL, "n_trial", -1},

    /* ---- objective outcomes: the trial FAILs with the reason, the study goes on ---- */
    {OPTIMIZE, "nan", "{\"n_trials\": 1}", HPO_OK, "NaN", HPO_TRIAL_FAIL},
    {OPTIMIZE, "inf", "{\"n_trials\": 1}", HPO_OK, "\"inf\"", HPO_TRIAL_COMPLETE},
    {OPTIMIZE, "-inf", "{\"n_trials\": 1}", HPO_OK, "\"-inf\"", HPO_TRIAL_COMPLETE},
    {OPTIMIZE, "error", "{\"n_trials\": 1}", HPO_OK, "the objective gave up on purpose", HPO_TRIAL_FAIL},
    {OPTIMIZE, "error", "{\"n_trials\": 1, \"catch\": false}", HPO_EUSER, "the objective gave up on purpose", HPO_TRIAL_FAIL},
    {OPTIMIZE, "bad_suggest", "{\"n_trials\": 1}", HPO_OK, "\"x\"", HPO_TRIAL_FAIL},
    {OPTIMIZE_PLUGIN, "{\"name\": \"command\", \"options\": {\"trials_dir\": \"@DIR@/trials\", \"argv\": [\"sh\", \"-c\", \"echo not-a-number\"]}}",
     "{\"n_trials\": 1}", HPO_OK, "printed no result line", HPO_TRIAL_FAIL},
    {OPTIMIZE_PLUGIN, "{\"name\": \"command\", \"options\": {\"trials_dir\": \"@DIR@/trials\", \"argv\": [\"sh\", \"-c\", \"echo 1; exit 3\"]}}",
     "{\"n_trials\": 1}", HPO_OK, "status 3", HPO_TRIAL_FAIL},
    {OPTIMIZE_PLUGIN, "{\"name\": \"command\", \"options\": {\"trials_dir\": \"@DIR@/trials\", \"argv\": [\"sh\", \"-c\", \"kill -SEGV $$\"]}}",
     "{\"n_trials\": 1, \"runner\": {\"name\": \"process\", \"options\": {\"n_jobs\": 1, \"logs_dir\": \"@DIR@/logs\"}}}", HPO_OK, "SIGSEGV", HPO_TRIAL_FAIL},

    /* ---- handles used wrongly ---- */
    {MISUSE, "ask a NULL study", NULL, HPO_EINVAL, "study", -1},
    {MISUSE, "ask into a NULL out", NULL, HPO_EINVAL, "out", -1},
    {MISUSE, "create on a NULL engine", NULL, HPO_EINVAL, "engine", -1},
    {MISUSE, "tell twice", NULL, HPO_ESTATE, "trial", -1},
    {MISUSE, "suggest after tell", NULL, HPO_ESTATE, "trial", -1},
    {MISUSE, "report after tell", NULL, HPO_ESTATE, "trial", -1},
    {MISUSE, "tell a state that is no state", NULL, HPO_EINVAL, "state -1 is not a trial state", -1},
    {MISUSE, "tell WAITING", NULL, HPO_EINVAL, "a trial ends COMPLETE, PRUNED or FAIL, not WAITING", -1},
    {MISUSE, "tell two values to one objective", NULL, HPO_EINVAL, "values", -1},
    {MISUSE, "tell NULL values with a count", NULL, HPO_EINVAL, "values", -1},
    {MISUSE, "constraints of NaN", NULL, HPO_EINVAL, "NaN", -1},
    {MISUSE, "a parameter never suggested", NULL, HPO_ENOTFOUND, "\"nosuch\"", -1},
    {MISUSE, "a trial number beyond the study", NULL, HPO_ENOTFOUND, "999", -1},

    /* ---- storages ---- */
    {STUDY_CREATE, "{\"storage\": \"sqlite:///@DIR@/no/such/folder/s.db\"}", NULL, HPO_EIO, "@DIR@/no/such/folder/s.db", -1},
    {STUDY_CREATE, "{\"storage\": \"journal:///@DIR@/no/such/folder/s.log\"}", NULL, HPO_EIO, "@DIR@/no/such/folder/s.log", -1},
    {STUDY_CREATE, "{\"storage\": \"sqlite:///@DIR@/a_file/s.db\"}", NULL, HPO_EIO, "@DIR@/a_file/s.db", -1},
    {STUDY_CREATE, "{\"storage\": \"sqlite:///@DIR@/garbage.db\"}", NULL, HPO_EIO, "@DIR@/garbage.db", -1},
    {STUDY_CREATE, "{\"storage\": \"journal:///@DIR@\"}", NULL, HPO_EIO, "@DIR@", -1},
    {STUDY_CREATE, "{\"storage\": \"sqlite:///@DIR@\"}", NULL, HPO_EIO, "@DIR@", -1},
    {STUDY_CREATE, "{\"name\": \"taken\", \"storage\": \"sqlite:///@DIR@/shared.db\"}", NULL, HPO_EEXISTS, "\"taken\"", -1},
    {STUDY_CREATE, "{\"name\": \"absent\", \"load_only\": true, \"storage\": \"sqlite:///@DIR@/shared.db\"}", NULL,
     HPO_ENOTFOUND, "\"absent\"", -1},

    /* ---- plugin libraries ---- */
    {REFUSED_LIBRARY, "{\"default_paths\": false, \"plugin_paths\": [\"@REG@/libabi_two.so\"]}", "@REG@/libabi_two.so",
     HPO_OK, "ABI", -1},
    {REFUSED_LIBRARY, "{\"default_paths\": false, \"plugin_paths\": [\"@REG@/libno_entry.so\"]}", "@REG@/libno_entry.so",
     HPO_OK, "no hpo_plugin_query symbol", -1},
    {REFUSED_LIBRARY, "{\"default_paths\": false, \"plugin_paths\": [\"@REG@/libgood.so\", \"@REG@/libgood_twin.so\"]}",
     "@REG@/libgood_twin.so", HPO_OK, "is already provided by", -1},
    {REFUSED_LIBRARY, "{\"default_paths\": false, \"plugin_paths\": [\"@REG@/liblisted_twice.so\"]}",
     "@REG@/liblisted_twice.so", HPO_OK, "is listed twice", -1},
    {REFUSED_LIBRARY, "{\"default_paths\": false, \"plugin_probe\": [\"@HPO@\", \"__probe-plugin\"], "
                      "\"plugin_paths\": [\"@CRASH@\", \"@REG@/libgood.so\"]}",
     "@CRASH@/libcrash_constructor_segv.so", HPO_OK, "loading it in a probe process failed", -1},
    {REFUSED_LIBRARY, "{\"default_paths\": false, \"plugin_probe\": [\"@HPO@\", \"__probe-plugin\"], "
                      "\"plugin_paths\": [\"@CRASH@\"]}",
     "@CRASH@/libcrash_constructor_exit.so", HPO_OK, "the probe exited with status 3; not loaded", -1},
    {REFUSED_LIBRARY, "{\"default_paths\": false, \"plugin_probe\": [\"@HPO@\", \"__probe-plugin\"], "
                      "\"plugin_paths\": [\"@CRASH@\"]}",
     "@CRASH@/libcrash_query_abort.so", HPO_OK, "loading it in a probe process failed", -1},
    {REFUSED_LIBRARY, "{\"default_paths\": false, \"plugin_probe\": [\"@DIR@/no_such_probe\"], "
                      "\"plugin_paths\": [\"@REG@/libgood.so\"]}",
     "@REG@/libgood.so", HPO_OK, "cannot be probed", -1},
    {ENGINE_NEW, "{\"default_paths\": false, \"plugin_paths\": [\"@DIR@/no/plugins\"]}", NULL, HPO_ENOTFOUND,
     "@DIR@/no/plugins", -1},
};

static char temp_dir[64];

/* `text` with its placeholders replaced, in one of a few rotating buffers. */
static const char *expand(const char *text) {
    static char buffers[4][4096];
    static int next;
    char *out = buffers[next++ % 4];
    size_t n = 0;
    if (text == NULL) return NULL;
    while (*text != '\0' && n + 1 < sizeof buffers[0]) {
        const char *with = NULL;
        size_t skip = 0;
        if (strncmp(text, "@DIR@", 5) == 0) with = temp_dir, skip = 5;
        else if (strncmp(text, "@REG@", 5) == 0) with = REGISTRY_TEST_PLUGIN_DIR, skip = 5;
        else if (strncmp(text, "@CRASH@", 7) == 0) with = CRASH_PLUGIN_DIR, skip = 7;
        else if (strncmp(text, "@HPO@", 5) == 0) with = HPO_COMMAND, skip = 5;
        if (with != NULL) {
            size_t length = strlen(with);
            if (n + length + 1 >= sizeof buffers[0]) break;
            memcpy(out + n, with, length);
            n += length;
            text += skip;
        } else {
            out[n++] = *text++;
        }
    }
    out[n] = '\0';
    return out;
}

/* ---- the study kept beside the cases ---- */

static hpo_engine *engine;
static hpo_study *kept;
static char *kept_trials[2]; /* trials 0 and 1 as JSON, told before any case */

static int32_t tell_one(hpo_study *study, double value) {
    hpo_trial *trial = NULL;
    int32_t status = hpo_study_ask(study, &trial);
    if (status == HPO_OK) status = hpo_trial_tell(trial, HPO_TRIAL_COMPLETE, &value, 1, NULL);
    hpo_trial_free(trial);
    return status;
}

/* The kept study's trials before the case are unchanged, and it still asks and tells. */
static int study_intact(void) {
    int intact = 1, i;
    int64_t before = 0, after = 0;
    for (i = 0; i < 2; ++i) {
        char *now = NULL;
        if (hpo_study_trial_json(kept, i, &now) != HPO_OK || strcmp(now, kept_trials[i]) != 0) intact = 0;
        hpo_string_free(now);
    }
    if (hpo_study_n_trials(kept, &before) != HPO_OK || tell_one(kept, 0.75) != HPO_OK ||
        hpo_study_n_trials(kept, &after) != HPO_OK || after != before + 1)
        intact = 0;
    return intact;
}

/* ---- C objectives, by name ---- */

static int32_t objective(hpo_trial *trial, double *out_values, size_t n_values, void *user_data) {
    const char *kind = (const char *)user_data;
    double x = 0;
    (void)n_values;
    if (strcmp(kind, "bad_suggest") == 0) {
        int64_t n = 0;
        return hpo_trial_suggest_int(trial, "x", 0, 9, 0, 1, &n); /* "x" is a float */
    }
    if (hpo_trial_param(trial, "x", &x) != HPO_OK) return HPO_EUSER;
    if (strcmp(kind, "nan") == 0) out_values[0] = NAN;
    else if (strcmp(kind, "inf") == 0) out_values[0] = INFINITY;
    else if (strcmp(kind, "-inf") == 0) out_values[0] = -INFINITY;
    else {
        hpo_trial_set_failure(trial, "the objective gave up on purpose");
        return HPO_EUSER;
    }
    return HPO_OK;
}

static char outcome[8192]; /* the message of the call, or the outcome of an HPO_OK row */

static void keep(const char *text) { snprintf(outcome, sizeof outcome, "%s", text ? text : ""); }

/* ---- handles used wrongly ---- */

static int32_t misuse(const char *name) {
    hpo_trial *trial = NULL;
    hpo_study *study = NULL;
    const double one = 1, two[2] = {1, 2}, nan_value = NAN;
    double x = 0;
    int32_t status = HPO_OK + 100; /* none of the calls below made yet */
    if (strcmp(name, "ask a NULL study") == 0) status = hpo_study_ask(NULL, &trial);
    else if (strcmp(name, "ask into a NULL out") == 0) status = hpo_study_ask(kept, NULL);
    else if (strcmp(name, "create on a NULL engine") == 0) status = hpo_study_create(NULL, "{}", &study);
    if (status != HPO_OK + 100) {
        keep(hpo_last_error());
        return status;
    }
    if (strcmp(name, "a trial number beyond the study") == 0) {
        char *json = NULL;
        status = hpo_study_trial_json(kept, 999, &json);
        keep(hpo_last_error());
        hpo_string_free(json);
        return status;
    }
    status = hpo_study_ask(kept, &trial);
    if (status != HPO_OK) {
        keep(hpo_last_error());
        return status;
    }
    if (strcmp(name, "tell twice") == 0 || strcmp(name, "suggest after tell") == 0 ||
        strcmp(name, "report after tell") == 0) {
        CHECK_OK(hpo_trial_tell(trial, HPO_TRIAL_COMPLETE, &one, 1, NULL));
        if (strcmp(name, "tell twice") == 0) status = hpo_trial_tell(trial, HPO_TRIAL_COMPLETE, &one, 1, NULL);
        else if (strcmp(name, "suggest after tell") == 0) status = hpo_trial_suggest_float(trial, "y", 0, 1, 0, 0, &x);
        else status = hpo_trial_report(trial, 1, 0.5, NULL);
        keep(hpo_last_error());
        hpo_trial_free(trial);
        return status;
    }
    if (strcmp(name, "tell a state that is no state") == 0) status = hpo_trial_tell(trial, -1, &one, 1, NULL);
    else if (strcmp(name, "tell WAITING") == 0) status = hpo_trial_tell(trial, HPO_TRIAL_WAITING, &one, 1, NULL);
    else if (strcmp(name, "tell two values to one objective") == 0) status = hpo_trial_tell(trial, HPO_TRIAL_COMPLETE, two, 2, NULL);
    else if (strcmp(name, "tell NULL values with a count") == 0) status = hpo_trial_tell(trial, HPO_TRIAL_COMPLETE, NULL, 1, NULL);
    else if (strcmp(name, "constraints of NaN") == 0) status = hpo_trial_set_constraints(trial, &nan_value, 1);
    else if (strcmp(name, "a parameter never suggested") == 0) status = hpo_trial_param(trial, "nosuch", &x);
    else status = HPO_ERROR, fprintf(stderr, "no misuse named \"%s\"\n", name);
    keep(hpo_last_error()); /* before the clean-up's calls replace it */
    CHECK_OK(hpo_trial_tell(trial, HPO_TRIAL_FAIL, NULL, 0, "ended by the catalogue"));
    hpo_trial_free(trial);
    return status;
}

/* ---- running one row ---- */


/* The reason a library `file` was refused, from the engine's plugins JSON: the text from the
 * file's entry in "refused" to the next entry. */
static void keep_refusal(hpo_engine *loaded, const char *file) {
    char *json = NULL, *refused, *entry, *end;
    char quoted[1024];
    outcome[0] = '\0';
    if (hpo_engine_plugins_json(loaded, &json) != HPO_OK) return;
    snprintf(quoted, sizeof quoted, "\"file\":\"%s\"", file);
    refused = strstr(json, "\"refused\":");
    entry = refused ? strstr(refused, quoted) : NULL;
    if (entry != NULL) {
        end = strstr(entry + 1, "\"file\":");
        if (end != NULL) *end = '\0';
        keep(entry);
    }
    hpo_string_free(json);
}

static int32_t run_row(const struct bad_input *row) {
    const char *input = expand(row->input), *extra = expand(row->extra);
    int32_t status = HPO_ERROR;
    outcome[0] = '\0';
    switch (row->action) {
    case ENGINE_NEW:
    case REFUSED_LIBRARY: {
        hpo_engine *other = NULL;
        status = hpo_engine_new(input, &other);
        if (status != HPO_OK) keep(hpo_last_error());
        else if (row->action == REFUSED_LIBRARY) keep_refusal(other, extra);
        hpo_engine_free(other);
        break;
    }
    case STUDY_CREATE: {
        hpo_study *study = NULL;
        status = hpo_study_create(engine, input, &study);
        keep(hpo_last_error());
        hpo_study_free(study);
        break;
    }
    case ENQUEUE:
        status = hpo_study_enqueue(kept, input);
        keep(hpo_last_error());
        break;
    case SUGGEST: {
        hpo_trial *trial = NULL;
        double x = 0;
        status = hpo_study_ask(kept, &trial);
        if (status != HPO_OK) break;
        status = hpo_trial_suggest(trial, extra, input, &x);
        keep(hpo_last_error());
        hpo_trial_tell(trial, HPO_TRIAL_FAIL, NULL, 0, NULL); /* may have ended it already */
        hpo_trial_free(trial);
        break;
    }
    case OPTIMIZE_PLUGIN:
    case OPTIMIZE: {
        int64_t n = 0;
        char *last = NULL;
        status = row->action == OPTIMIZE ? hpo_study_optimize(kept, objective, extra, (void *)input)
                                         : hpo_study_optimize_plugin(kept, input, extra);
        keep(hpo_last_error());
        if (row->trial_state >= 0 && hpo_study_n_trials(kept, &n) == HPO_OK &&
            hpo_study_trial_json(kept, n - 1, &last) == HPO_OK) {
            static const char *const states[] = {"WAITING", "RUNNING", "COMPLETE", "PRUNED", "FAIL"};
            char state[32];
            snprintf(state, sizeof state, "\"state\":\"%s\"", states[row->trial_state]);
            if (strstr(last, state) == NULL) {
                ++checks_failed;
                fprintf(stderr, "case %s: the last trial is not %s: %s\n", input, states[row->trial_state], last);
            }
            if (status == HPO_OK) keep(last);
        }
        hpo_string_free(last);
        break;
    }
    case MISUSE:
        status = misuse(input);
        break;
    }
    return status;
}

/* Files some storage rows need: a plain file where a folder should be, files that are not
 * what their storage reads, and a study that is already there. */
static int set_up_files(void) {
    char path[256];
    FILE *file;
    hpo_study *study = NULL;
    const char *const garbage[] = {"a_file", "garbage.db"};
    size_t i;
    for (i = 0; i < sizeof garbage / sizeof garbage[0]; ++i) {
        snprintf(path, sizeof path, "%s/%s", temp_dir, garbage[i]);
        file = fopen(path, "w");
        if (file == NULL) return 0;
        fputs("this is not what a storage wrote\n{\"op\": \x01\x02\n", file);
        fclose(file);
    }
    CHECK_OK(hpo_study_create(engine, expand("{\"name\": \"taken\", \"storage\": \"sqlite:///@DIR@/shared.db\"}"), &study));
    if (study != NULL) CHECK_OK(tell_one(study, 2.0));
    hpo_study_free(study); /* left open would not change what the rows see */
    return 1;
}

int main(void) {
    size_t i, n_cases = sizeof catalogue / sizeof catalogue[0];
    snprintf(temp_dir, sizeof temp_dir, "/tmp/hpo-capi-catalogue-XXXXXX");
    if (mkdtemp(temp_dir) == NULL) {
        perror("mkdtemp");
        return 1;
    }
    CHECK_OK(hpo_engine_new(NULL, &engine));
    CHECK_OK(hpo_study_create(engine,
                              "{\"seed\": 1, \"space\": {\"x\": {\"type\": \"float\", \"low\": 0, \"high\": 1}, "
                              "\"k\": {\"type\": \"categorical\", \"choices\": [\"a\", \"b\"]}}}",
                              &kept));
    if (kept == NULL || !set_up_files()) return check_summary();
    CHECK_OK(tell_one(kept, 0.5));
    CHECK_OK(tell_one(kept, 0.25));
    for (i = 0; i < 2; ++i) CHECK_OK(hpo_study_trial_json(kept, (int64_t)i, &kept_trials[i]));

    for (i = 0; i < n_cases; ++i) {
        const struct bad_input *row = &catalogue[i];
        const int32_t status = run_row(row);
        const char *needle = expand(row->needle);
        const int passed = status == row->status && strstr(outcome, needle) != NULL;
        if (passed) {
            ++checks_passed;
        } else {
            ++checks_failed;
            fprintf(stderr, "case %zu (%s): returned %s, expected %s with \"%s\" in: %s\n", i, expand(row->input),
                    hpo_status_string(status), hpo_status_string(row->status), needle, outcome);
        }
        if (study_intact()) {
            ++checks_passed;
        } else {
            ++checks_failed;
            fprintf(stderr, "case %zu (%s): the kept study is not intact afterwards\n", i, expand(row->input));
        }
    }
    printf("%zu cases\n", n_cases);
    for (i = 0; i < 2; ++i) hpo_string_free(kept_trials[i]);
    hpo_study_free(kept);
    hpo_engine_free(engine);
    {
        char command[128];
        snprintf(command, sizeof command, "rm -rf '%s'", temp_dir);
        if (system(command) != 0) fprintf(stderr, "could not remove %s\n", temp_dir);
    }
    return check_summary();
}
