// The C API's boundary: every hpo.h function body runs inside `guarded`, which turns any
// exception into a status code and the thread's last error; nothing C++ escapes.
#pragma once

#include "error.hpp"
#include "live_trial.hpp"

#include <hpo/hpo.h>

#include <string>
#include <string_view>

namespace hpo::capi {

void set_last_error(const std::string &message);
void clear_last_error();

template <class F>
int32_t guarded(F &&body) noexcept {
    try {
        clear_last_error();
        return body();
    } catch (...) {
        std::string message;
        const hpo_status status = current_exception_status(message);
        set_last_error(message);
        return status;
    }
}

// Fails with HPO_EINVAL naming the argument when a required pointer is NULL.
void require(const void *pointer, const char *function, const char *argument);

// A string argument that goes into JSON (a name, a key, a message): fails with HPO_EINVAL
// naming the function and the argument when it is NULL or not UTF-8, since a string that is
// not would make every later JSON export of the study fail.
void require_text(const char *text, const char *function, const char *argument);
// The same for an optional one: NULL reads as "".
std::string_view optional_text(const char *text, const char *function, const char *argument);

// Parses JSON text handed in by the user, refusing duplicate keys too; `what` names it in
// the error.
json parse_json(const char *text, const char *what);

}  // namespace hpo::capi
