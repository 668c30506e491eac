/* Tiny assertion macros for the C API tests, which are compiled as C to prove that hpo.h is
 * plain C. Each check counts; the test prints "N passed, M failed" and fails unless M is 0. */
#ifndef HPO_TESTS_CAPI_CHECK_H
#define HPO_TESTS_CAPI_CHECK_H

#include <hpo/hpo.h>

#include <stdio.h>
#include <string.h>

static int checks_passed, checks_failed;

#define CHECK(cond)                                                                       \
    do {                                                                                  \
        if (cond) {                                                                       \
            ++checks_passed;                                                              \
        } else {                                                                          \
            ++checks_failed;                                                              \
            fprintf(stderr, "%s:%d: CHECK(%s) failed (last error: %s)\n", __FILE__,       \
                    __LINE__, #cond, hpo_last_error());                                   \
        }                                                                                 \
    } while (0)

#define CHECK_STATUS(call, expected)                                                      \
    do {                                                                                  \
        const int32_t check_status_ = (call);                                             \
        if (check_status_ == (expected)) {                                                \
            ++checks_passed;                                                              \
        } else {                                                                          \
            ++checks_failed;                                                              \
            fprintf(stderr, "%s:%d: %s returned %s, expected %s (last error: %s)\n",      \
                    __FILE__, __LINE__, #call, hpo_status_string(check_status_),         \
                    #expected, hpo_last_error());                                         \
        }                                                                                 \
    } while (0)

#define CHECK_OK(call) CHECK_STATUS(call, HPO_OK)

/* The call fails with HPO_EINVAL and its last error holds `needle` (what and where). */
#define CHECK_REFUSED(call, needle)                                                       \
    do {                                                                                  \
        CHECK_STATUS(call, HPO_EINVAL);                                                   \
        if (strstr(hpo_last_error(), (needle)) != NULL) {                                 \
            ++checks_passed;                                                              \
        } else {                                                                          \
            ++checks_failed;                                                              \
            fprintf(stderr, "%s:%d: the last error of %s lacks \"%s\": %s\n", __FILE__,   \
                    __LINE__, #call, (needle), hpo_last_error());                         \
        }                                                                                 \
    } while (0)

/* Prints the tally; the process's exit status. */
static int check_summary(void) {
    printf("%d passed, %d failed\n", checks_passed, checks_failed);
    return checks_failed == 0 ? 0 : 1;
}

#endif /* HPO_TESTS_CAPI_CHECK_H */
