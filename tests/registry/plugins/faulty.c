/* One deliberately broken plugin library per build: FAULT, defined by CMakeLists.txt as one of
 * the names below, picks what goes wrong. Each starts from a sound one-sampler table and breaks
 * one thing, so a refusal can only come from that thing. MINIMAL_OPS is the control: an ops
 * table exactly as long as a version-1.0 sampler needs, which must load; FUTURE_KIND holds a
 * plugin of a kind this engine does not know beside a sound one, which must load. */
#include <hpo/plugin.h>

#define ABI_TWO 1
#define DECLINES 2
#define NEWER_MINOR 3
#define SHORT_TABLE 4
#define NO_PLUGINS 5
#define NO_ENTRY 6
#define SHORT_INFO 7
#define FUTURE_KIND 8
#define BAD_NAME 9
#define NULL_OPS 10
#define SHORT_OPS 11
#define MINIMAL_OPS 12
#define NO_SAMPLE_INDEPENDENT 13
#define NO_DESTROY 14
#define SCHEDULER_NO_OPS 15
#define STORAGE_NO_OPS 16
#define RUNNER_NO_OPS 17
#define OBJECTIVE_NO_OPS 18
#define BAD_SCHEMA 19
#define SCHEMA_NOT_OBJECT 20
#define LISTED_TWICE 21

#ifndef FAULT
#error "define FAULT as one of the faults above"
#endif

static int32_t faulty_create(const char *options_json, const hpo_host *host, void **out_self) {
    (void)options_json;
    (void)host;
    *out_self = NULL;
    return HPO_OK;
}

static void faulty_destroy(void *self) { (void)self; }

static int32_t faulty_sample_independent(void *self, const hpo_study_view *study,
                                         int64_t trial_index, int32_t param_index,
                                         double *out_value) {
    (void)self;
    (void)trial_index;
    *out_value = HPO_STUDY_PARAM(study, param_index)->low;
    return HPO_OK;
}

static hpo_sampler_ops sampler_ops = {sizeof(hpo_sampler_ops), faulty_create, faulty_destroy,
                                      NULL, faulty_sample_independent, NULL, NULL, NULL};

/* Operations of the other kinds with only the common head filled: each lacks every operation
 * its kind requires. */
static hpo_scheduler_ops scheduler_ops = {sizeof(hpo_scheduler_ops), faulty_create,
                                          faulty_destroy, NULL, NULL};
static hpo_storage_ops storage_ops = {sizeof(hpo_storage_ops), faulty_create, faulty_destroy,
                                      NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL,
                                      NULL, NULL};
static hpo_runner_ops runner_ops = {sizeof(hpo_runner_ops), faulty_create, faulty_destroy, NULL};
static hpo_objective_ops objective_ops = {sizeof(hpo_objective_ops), faulty_create,
                                          faulty_destroy, NULL, NULL};

static hpo_plugin_info plugins[2] = {{sizeof(hpo_plugin_info), HPO_PLUGIN_SAMPLER, "faulty",
                                      "a test plugin with one fault", 0, "{}", &sampler_ops}};

static hpo_plugin_table table = {sizeof(hpo_plugin_table), HPO_ABI_VERSION, 1, plugins};

static void give_kind(int32_t kind, const void *ops) {
    plugins[0].kind = kind;
    plugins[0].ops = ops;
}

static const hpo_plugin_table *answer(void) {
    switch (FAULT) {
    case DECLINES: return NULL;
    case ABI_TWO: table.abi_version = HPO_ABI_MAKE(2, 0); break;
    case NEWER_MINOR:
        table.abi_version = HPO_ABI_MAKE(HPO_ABI_VERSION_MAJOR, HPO_ABI_VERSION_MINOR + 5);
        break;
    case SHORT_TABLE: table.struct_size = 4; break;
    case NO_PLUGINS: table.n_plugins = 0; break;
    case SHORT_INFO: plugins[0].struct_size = 8; break;
    case FUTURE_KIND:
        /* Not a fault: a sound sampler beside a plugin of a kind a later ABI may add. */
        plugins[0].name = "present";
        plugins[1] = plugins[0];
        plugins[1].kind = 9;
        plugins[1].name = "from_the_future";
        table.n_plugins = 2;
        break;
    case BAD_NAME: plugins[0].name = "Faulty Sampler"; break;
    case NULL_OPS: plugins[0].ops = NULL; break;
    case SHORT_OPS: sampler_ops.struct_size = offsetof(hpo_sampler_ops, sample_independent); break;
    case MINIMAL_OPS: sampler_ops.struct_size = offsetof(hpo_sampler_ops, after_trial); break;
    case NO_SAMPLE_INDEPENDENT: sampler_ops.sample_independent = NULL; break;
    case NO_DESTROY: sampler_ops.destroy = NULL; break;
    case SCHEDULER_NO_OPS: give_kind(HPO_PLUGIN_SCHEDULER, &scheduler_ops); break;
    case STORAGE_NO_OPS: give_kind(HPO_PLUGIN_STORAGE, &storage_ops); break;
    case RUNNER_NO_OPS: give_kind(HPO_PLUGIN_RUNNER, &runner_ops); break;
    case OBJECTIVE_NO_OPS: give_kind(HPO_PLUGIN_OBJECTIVE, &objective_ops); break;
    case BAD_SCHEMA: plugins[0].options_schema_json = "{\"offset\": "; break;
    case SCHEMA_NOT_OBJECT: plugins[0].options_schema_json = "[1, 2]"; break;
    case LISTED_TWICE:
        plugins[1] = plugins[0];
        table.n_plugins = 2;
        break;
    default: /* NO_ENTRY: a sound table behind a misnamed entry */ break;
    }
    return &table;
}

#if FAULT == NO_ENTRY
/* Exports a function, just not the one the engine looks for. */
HPO_PLUGIN_ENTRY const hpo_plugin_table *hpo_plugin_query_v1(uint32_t offered_abi_version) {
    (void)offered_abi_version;
    return answer();
}
#else
HPO_PLUGIN_ENTRY const hpo_plugin_table *hpo_plugin_query(uint32_t offered_abi_version) {
    (void)offered_abi_version;
    return answer();
}
#endif
