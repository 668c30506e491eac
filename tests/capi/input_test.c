/* Bad input through hpo.h's char* and double arguments, which no JSON parser stands in front
 * of: each is refused with HPO_EINVAL and a message naming the argument, and the study's
 * JSON export still works afterwards. */
#include "check.h"

#include <math.h>
#include <stdint.h>
#include <string.h>

static hpo_study *new_study(hpo_engine *engine, const char *config) {
    hpo_study *study = NULL;
    CHECK_OK(hpo_study_create(engine, config, &study));
    return study;
}

/* The study's trials still export as JSON (a string that is not UTF-8 would break it). */
static void check_exports(hpo_study *study) {
    char *trials = NULL;
    CHECK_OK(hpo_study_trials_json(study, &trials));
    CHECK(trials != NULL && trials[0] == '[');
    hpo_string_free(trials);
}

static void test_float_steps_and_bounds(hpo_trial *trial) {
    double x = 0;
    CHECK_REFUSED(hpo_trial_suggest_float(trial, "a", 0, 1, 0, NAN, &x), "\"step\" (nan) must be a finite number");
    CHECK_REFUSED(hpo_trial_suggest_float(trial, "b", 0, 1, 0, INFINITY, &x), "\"step\" (inf) must be a finite");
    CHECK_REFUSED(hpo_trial_suggest_float(trial, "c", 0, 1, 0, -0.5, &x), "\"step\" (-0.5) must be > 0");
    CHECK_REFUSED(hpo_trial_suggest_float(trial, "d", NAN, 1, 0, 0, &x), "\"low\" (nan) must be a finite number");
    CHECK_REFUSED(hpo_trial_suggest_float(trial, "e", 0, -INFINITY, 0, 0, &x), "\"high\" (-inf) must be a finite");
    CHECK_REFUSED(hpo_trial_suggest_float(trial, "f", -1e308, 1e308, 0, 0, &x), "overflows a double");
    CHECK_OK(hpo_trial_suggest_float(trial, "g", 0, 1, 0, 0.25, &x)); /* 0 alone is continuous */
    CHECK(x == 0 || x == 0.25 || x == 0.5 || x == 0.75 || x == 1);
}

static void test_int_limits(hpo_trial *trial) {
    int64_t n = 0;
    CHECK_REFUSED(hpo_trial_suggest_int(trial, "lo", INT64_MIN, 0, 0, 1, &n),
                  "\"low\" (-9223372036854775808) is beyond \xc2\xb1" "2^53");
    CHECK_REFUSED(hpo_trial_suggest_int(trial, "hi", 0, INT64_MAX, 0, 1, &n),
                  "\"high\" (9223372036854775807) is beyond \xc2\xb1" "2^53");
    CHECK_REFUSED(hpo_trial_suggest_int(trial, "step", 0, 4, 0, 0, &n), "\"step\" (0) must be > 0");
    CHECK_OK(hpo_trial_suggest_int(trial, "wide", -(INT64_C(1) << 53), INT64_C(1) << 53, 0, 1, &n));
    CHECK(n >= -(INT64_C(1) << 53) && n <= INT64_C(1) << 53);
}

static void test_strings_must_be_utf8(hpo_trial *trial) {
    double x = 0;
    int64_t index = 0;
    CHECK_REFUSED(hpo_trial_suggest_float(trial, "lr\xff", 0, 1, 0, 0, &x),
                  "hpo_trial_suggest_float: name is not valid UTF-8 (byte 0xff at offset 2");
    CHECK_REFUSED(hpo_trial_suggest_int(trial, "\xc3", 0, 1, 0, 1, &index), "hpo_trial_suggest_int: name");
    CHECK_REFUSED(hpo_trial_suggest_categorical(trial, "k\xed\xa0\x80", "[1, 2]", &index),
                  "hpo_trial_suggest_categorical: name is not valid UTF-8 (byte 0xed at offset 1");
    CHECK_REFUSED(hpo_trial_suggest(trial, "\x80", "{\"type\": \"int\", \"low\": 0, \"high\": 1}", &x),
                  "hpo_trial_suggest: name");
    CHECK_REFUSED(hpo_trial_param(trial, "\xc0\xaf", &x), "hpo_trial_param: name");
    CHECK_REFUSED(hpo_trial_set_user_attr(trial, "note\xfe", "1"), "hpo_trial_set_user_attr: key");
    CHECK_REFUSED(hpo_trial_set_failure(trial, "bad \xe2\x82"), "hpo_trial_set_failure: message");
    CHECK_OK(hpo_trial_set_user_attr(trial, "caf\xc3\xa9", "\"\xe2\x82\xac\""));
}

static void test_duplicate_keys(hpo_engine *engine, hpo_study *study, hpo_trial *trial) {
    hpo_study *other = NULL;
    double x = 0;
    int64_t index = 0;
    CHECK_REFUSED(hpo_study_create(engine, "{\"space\": {\"x\": {\"type\": \"float\", \"low\": 0, \"high\": 1},\n"
                                           "  \"x\": {\"type\": \"int\", \"low\": 0, \"high\": 9}}}", &other),
                  "study config is not valid JSON: duplicate key \"x\" at line 2, column 3");
    CHECK(other == NULL);
    CHECK_REFUSED(hpo_study_enqueue(study, "{\"g\": 0.25, \"g\": 0.5}"), "duplicate key \"g\" at line 1, column 13");
    CHECK_REFUSED(hpo_trial_suggest(trial, "h", "{\"type\": \"int\", \"low\": 0, \"high\": 1, \"low\": 1}", &x),
                  "distribution is not valid JSON: duplicate key \"low\"");
    CHECK_REFUSED(hpo_trial_suggest_categorical(trial, "k", "[{\"a\": 1, \"a\": 2}]", &index),
                  "choices is not valid JSON: duplicate key \"a\"");
    CHECK_REFUSED(hpo_trial_set_user_attr(trial, "u", "{\"v\": 1, \"v\": 2}"),
                  "user attribute value is not valid JSON: duplicate key \"v\"");
}

int main(void) {
    hpo_engine *engine = NULL;
    hpo_study *study = NULL;
    hpo_trial *trial = NULL;
    const double value = 1;
    CHECK_OK(hpo_engine_new(NULL, &engine));
    if (engine != NULL) study = new_study(engine, "{\"seed\": 1}");
    if (study != NULL) {
        CHECK_OK(hpo_study_ask(study, &trial));
        test_float_steps_and_bounds(trial);
        test_int_limits(trial);
        test_strings_must_be_utf8(trial);
        test_duplicate_keys(engine, study, trial);
        CHECK_REFUSED(hpo_trial_tell(trial, HPO_TRIAL_COMPLETE, &value, 1, "done\xff"), "hpo_trial_tell: message");
        CHECK_OK(hpo_trial_tell(trial, HPO_TRIAL_COMPLETE, &value, 1, NULL));
        check_exports(study);
        hpo_trial_free(trial);
    }
    hpo_study_free(study);
    hpo_engine_free(engine);
    return check_summary();
}
