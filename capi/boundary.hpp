// The C API's boundary: every hpo.h function body runs inside `guarded`, which turns any
// exception into a status code and the thread's last error; nothing C++ escapes.
#pragma once

#include "error.hpp"
#include "live_trial.hpp"

#include <hpo/hpo.h>

#include <string>

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

// Parses JSON text handed in by the user, refusing duplicate keys too; `what` names it in
// the error.
json parse_json(const char *text, const char *what);

}  // namespace hpo::capi
