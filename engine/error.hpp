// The engine's one exception type: a status code from common.h and a message that says what
// was wrong and where. The C API turns it into the status and hpo_last_error().
#pragma once

#include <hpo/common.h>

#include <stdexcept>
#include <string>

namespace hpo {

class Error : public std::runtime_error {
public:
    Error(hpo_status status, const std::string &message)
        : std::runtime_error(message), status_(status) {}
    hpo_status status() const noexcept { return status_; }

private:
    hpo_status status_;
};

[[noreturn]] inline void fail(hpo_status status, const std::string &message) {
    throw Error(status, message);
}

}  // namespace hpo

namespace hpo {

// The status and message of the exception being handled, for the catch (...) at a boundary
// (the C API, the table plugins call): hpo::Error keeps its status, malformed JSON is
// HPO_EINVAL, exhausted memory HPO_ENOMEM, anything else HPO_ERROR.
hpo_status current_exception_status(std::string &message) noexcept;

// The fixed text of a status code ("invalid argument").
const char *status_text(int32_t status) noexcept;

}  // namespace hpo
