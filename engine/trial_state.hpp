// A trial state handed in as a number (the C API, a runner plugin's finish), as the enum.
#pragma once

#include <hpo/common.h>

#include <cstdint>

namespace hpo {

// Throws HPO_EINVAL naming `where` for a number outside the enum's range, which no
// hpo_trial_state may hold (undefined behaviour in C++ as soon as it does).
hpo_trial_state trial_state_from(int32_t state, const char *where);

}  // namespace hpo
