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
