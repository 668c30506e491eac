/* The library-wide part of hpo.h: versions, status strings, hpo_last_error naming what was
 * wrong, plugin listing, and _free(NULL). */
#include "check.h"

#include <string.h>

static void test_versions(void) {
    const uint32_t abi = hpo_abi_version();
    CHECK(strcmp(hpo_version(), HPO_VERSION) == 0);
    CHECK(hpo_version_number() == HPO_VERSION_NUMBER);
    CHECK(HPO_ABI_MAJOR_OF(abi) == HPO_ABI_VERSION_MAJOR);
    CHECK(abi == HPO_ABI_VERSION); /* built from the same headers */
}

static void test_status_strings(void) {
    CHECK(strlen(hpo_status_string(HPO_OK)) > 0);
    CHECK(strcmp(hpo_status_string(HPO_EINVAL), hpo_status_string(HPO_ESTATE)) != 0);
    CHECK(strcmp(hpo_status_string(HPO_DONE), hpo_status_string(HPO_PRUNED)) != 0);
    CHECK(hpo_status_string(12345) != NULL); /* an unknown code still has a text */
}

/* study_create must fail with `expected` and a message containing `needle`. */
static void check_refused(hpo_engine *engine, const char *config, int32_t expected, const char *needle) {
    hpo_study *study = NULL;
    CHECK_STATUS(hpo_study_create(engine, config, &study), expected);
    CHECK(study == NULL);
    if (strstr(hpo_last_error(), needle) == NULL) {
        fprintf(stderr, "message for %s does not name '%s': %s\n", config, needle, hpo_last_error());
        CHECK(0);
    }
}

static void test_errors_name_the_problem(hpo_engine *engine) {
    hpo_engine *not_made = NULL;
    check_refused(engine, "{\"name\": \"s\", ", HPO_EINVAL, "JSON");
    check_refused(engine, "{\"space\": {\"width\": {\"type\": \"float\", \"low\": 2, \"high\": 1}}}",
                  HPO_EINVAL, "width");
    check_refused(engine, "{\"space\": {\"rate\": {\"type\": \"float\", \"low\": 0, \"high\": 1, \"log\": true}}}",
                  HPO_EINVAL, "rate");
    check_refused(engine, "{\"sampler\": \"no-such-sampler\"}", HPO_ENOTFOUND, "no-such-sampler");
    CHECK_STATUS(hpo_engine_new("[1, 2]", &not_made), HPO_EINVAL);
    CHECK(not_made == NULL && strlen(hpo_last_error()) > 0);
}

static void test_plugins_are_listed_with_their_files(hpo_engine *engine) {
    char *json = NULL;
    CHECK_OK(hpo_engine_plugins_json(engine, &json));
    CHECK(json != NULL && strstr(json, "\"loaded\"") != NULL && strstr(json, "\"refused\"") != NULL);
    CHECK(json != NULL && strstr(json, "\"random\"") != NULL && strstr(json, "libhpo_random.so") != NULL);
    hpo_string_free(json);
}

int main(void) {
    hpo_engine *engine = NULL;
    test_versions();
    test_status_strings();
    CHECK_OK(hpo_engine_new(NULL, &engine));
    if (engine != NULL) {
        test_errors_name_the_problem(engine);
        test_plugins_are_listed_with_their_files(engine);
    }
    hpo_engine_free(engine);
    /* Freeing NULL does nothing (a crash here fails the test). */
    hpo_engine_free(NULL);
    hpo_study_free(NULL);
    hpo_trial_free(NULL);
    hpo_string_free(NULL);
    return check_summary();
}
