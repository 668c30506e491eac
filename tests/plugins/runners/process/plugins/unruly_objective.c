/* An objective that misbehaves on purpose, for the process runner's tests. Its option
 * "fate" says how every trial ends: "ok" (value (x - 0.3)^2 after reporting steps 0..4,
 * stopping when pruned), "segv" (a null write), "exit" (exit(7)), "hang" (sleeps for
 * ever), "hog" (allocates until malloc fails, then fails "out of memory"), "touch" (the
 * same, writing every block, until malloc fails or the kernel kills it), or "isolation":
 * by trial number, 3 mod 10 segfaults, 6 mod 10 hangs, 9 mod 10 hogs, the rest are ok; or
 * "gpu": holds an exclusive lock on $HPO_TEST_LOCK_DIR/gpu-$CUDA_VISIBLE_DEVICES while it
 * runs (failing "device ... in use" if another trial holds it), records CUDA_VISIBLE_DEVICES
 * in user attribute "visible", and by trial number 3 mod 10 segfaults, 6 mod 10 hangs.
 * Each trial prints a line on stdout and stderr and records its process id. */
#include <hpo/plugin.h>

#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <unistd.h>

typedef enum fate_kind { OK, SEGV, EXIT, HANG, HOG, ISOLATION, GPU, TOUCH } fate_kind;

typedef struct unruly {
    const hpo_host *host;
    fate_kind fate;
} unruly;

static int32_t create(const char *options_json, const hpo_host *host, void **out_self) {
    static const char *const names[] = {"\"ok\"",  "\"segv\"",      "\"exit\"", "\"hang\"",
                                        "\"hog\"", "\"isolation\"", "\"gpu\"",  "\"touch\""};
    unruly *self = calloc(1, sizeof *self);
    size_t i;
    if (self == NULL) return HPO_ENOMEM;
    self->host = host;
    for (i = 0; i < sizeof names / sizeof names[0]; ++i) {
        if (strstr(options_json, names[i]) != NULL) self->fate = (fate_kind)i;
    }
    *out_self = self;
    return HPO_OK;
}

static void destroy(void *self) { free(self); }

static int32_t describe(void *opaque, char **out_json) {
    const unruly *self = opaque;
    static const char text[] = "{\"space\": {\"x\": {\"type\": \"float\", \"low\": 0, \"high\": 1}}}";
    *out_json = self->host->alloc(self->host->engine, sizeof text);
    if (*out_json == NULL) return HPO_ENOMEM;
    memcpy(*out_json, text, sizeof text);
    return HPO_OK;
}

static int32_t hog(const unruly *self, int touch) {
    const size_t chunk = (size_t)16 << 20;
    char *block;
    /* Kept, never freed: the point is to hold memory. RLIMIT_AS bounds address space, so
     * the blocks need not be touched for malloc to fail; a cgroup counts the memory really
     * used, so they must be for it to see them. */
    while ((block = malloc(chunk)) != NULL) {
        if (touch) memset(block, 1, chunk);
    }
    self->host->set_error(self->host->engine, "out of memory");
    return HPO_ENOMEM;
}

/* The trial's devices, locked for as long as this process lives (the kernel drops the lock
 * when it dies, however it dies). */
static int32_t lock_devices(const unruly *self, const hpo_trial_api *api, hpo_trial_ref *trial) {
    const char *visible = getenv("CUDA_VISIBLE_DEVICES");
    const char *dir = getenv("HPO_TEST_LOCK_DIR");
    char path[4096], attr[256];
    int fd;
    if (visible == NULL || dir == NULL) {
        self->host->set_error(self->host->engine, "no CUDA_VISIBLE_DEVICES or HPO_TEST_LOCK_DIR");
        return HPO_EINVAL;
    }
    snprintf(attr, sizeof attr, "\"%s\"", visible);
    api->set_user_attr(trial, "visible", attr);
    snprintf(path, sizeof path, "%s/gpu-%s", dir, visible);
    fd = open(path, O_CREAT | O_RDWR | O_CLOEXEC, 0644);
    if (fd < 0 || flock(fd, LOCK_EX | LOCK_NB) != 0) {
        self->host->set_error(self->host->engine, "device in use by another trial");
        return HPO_EPLUGIN;
    }
    return HPO_OK;
}

static int32_t evaluate(void *opaque, const hpo_trial_api *api, hpo_trial_ref *trial, double *out_values,
                        int32_t n_values) {
    const unruly *self = opaque;
    const int64_t number = api->number(trial);
    fate_kind fate = self->fate;
    double x = 0;
    char pid[32];
    int32_t status, prune = 0;
    int64_t step;
    if (n_values != 1) return HPO_EINVAL;
    if ((status = api->suggest(trial, "x", NULL, &x)) != HPO_OK) return status;
    snprintf(pid, sizeof pid, "%ld", (long)getpid());
    if ((status = api->set_user_attr(trial, "pid", pid)) != HPO_OK) return status;
    printf("training trial %ld\n", (long)number);
    fflush(stdout);
    fprintf(stderr, "stderr of trial %ld\n", (long)number);
    if (fate == GPU) {
        if ((status = lock_devices(self, api, trial)) != HPO_OK) return status;
        usleep(20000);
        fate = number % 10 == 3 ? SEGV : number % 10 == 6 ? HANG : OK;
    }
    if (fate == ISOLATION) fate = number % 10 == 3 ? SEGV : number % 10 == 6 ? HANG : number % 10 == 9 ? HOG : OK;
    switch (fate) {
    case SEGV: raise(SIGSEGV); break;
    case EXIT: exit(7);
    case HANG:
        for (;;) pause();
    case HOG: return hog(self, 0);
    case TOUCH: return hog(self, 1);
    default: break;
    }
    for (step = 0; step < 5; ++step) {
        if ((status = api->report(trial, step, x + (double)step, &prune)) != HPO_OK) return status;
        if (prune) return HPO_PRUNED;
    }
    out_values[0] = (x - 0.3) * (x - 0.3);
    return HPO_OK;
}

static const hpo_objective_ops ops = {sizeof(hpo_objective_ops), create, destroy, describe, evaluate};
static const hpo_plugin_info info = {sizeof(hpo_plugin_info), HPO_PLUGIN_OBJECTIVE, "unruly",
                                     "misbehaves on purpose", HPO_PLUGIN_THREAD_SAFE, "{}", &ops};
static const hpo_plugin_table table = {sizeof(hpo_plugin_table), HPO_ABI_VERSION, 1, &info};

HPO_PLUGIN_ENTRY const hpo_plugin_table *hpo_plugin_query(uint32_t offered) {
    return HPO_ABI_MAJOR_OF(offered) == HPO_ABI_VERSION_MAJOR ? &table : NULL;
}
