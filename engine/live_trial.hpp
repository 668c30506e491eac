// A started trial as its user holds it: the handle behind hpo.h's hpo_trial and the plugin
// ABI's hpo_trial_ref (one object; the two opaque names are the two sides' views of it).
#pragma once

#include "study.hpp"

#include <hpo/hpo.h>
#include <hpo/plugin.h>

#include <memory>
#include <string>
#include <vector>

struct hpo_trial {
    std::shared_ptr<hpo::Study> study;  // keeps the study alive while a handle lives
    int64_t number = -1;
    std::vector<int32_t> devices;  // given by its runner (GPU ordinals), in order
    int32_t slot = 0;              // the runner slot evaluating it
    std::string failure;  // why its objective is about to fail (hpo_trial_set_failure)
};

namespace hpo {

inline hpo_trial *from_ref(hpo_trial_ref *ref) { return reinterpret_cast<hpo_trial *>(ref); }
inline const hpo_trial *from_ref(const hpo_trial_ref *ref) { return reinterpret_cast<const hpo_trial *>(ref); }
inline hpo_trial_ref *to_ref(hpo_trial *trial) { return reinterpret_cast<hpo_trial_ref *>(trial); }

// The hpo_trial_api table handed to objective and runner plugins.
const hpo_trial_api *trial_api();

// Copies a string into memory from the host allocator (malloc), for strings handed out.
char *copy_out(const std::string &text);

}  // namespace hpo
