// A call of the trial API (suggest, report, ...) that failed inside an objective's evaluate.
// The engine set the error's message when the call failed, so the objective adapter returns
// the status and leaves that message as it is rather than replacing it with its own.
#pragma once

#include <hpo_kit/plugin_kit.hpp>

#include <cstdint>
#include <string>

namespace hpo::objectives {

class TrialApiError : public plugin_kit::StatusError {
public:
    using StatusError::StatusError;
};

// Throws TrialApiError when a trial API call returned an error; `what` says which call.
inline void check_trial_api(int32_t status, const std::string &what) {
    if (status < 0) throw TrialApiError(status, what + " failed");
}

} // namespace hpo::objectives
