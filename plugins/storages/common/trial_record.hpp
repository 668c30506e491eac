// A trial as the storages keep it: one JSON object of a fixed shape,
//   {"id", "number", "state", "params": {name: internal value | null}, "values": [...] | null,
//    "intermediate_values": {"step": value}, "constraints": [...] | null, "user_attrs",
//    "system_attrs", "datetime_start", "datetime_complete", "message",
//    "heartbeat": seconds since the epoch | null, "worker"}
// where each value of "values", "intermediate_values" and "constraints" is a number, "inf",
// "-inf" or null (NaN), and the rules that change it (plugin.h's). Both storages apply the same rules, so a study behaves the
// same whatever file holds it.
#pragma once

#include "study_record.hpp"

#include <cstdint>
#include <optional>
#include <string_view>

namespace hpo::storage {

[[nodiscard]] bool is_finished_state(std::string_view state);

// Checks create_trial's input: any of the fields above but id and number, which the storage
// assigns (given ones are ignored). Throws std::invalid_argument naming a key of the wrong
// type or an unknown one.
void check_new_trial(const json &input);

// The record of a new trial from checked input; "state" defaults to RUNNING.
[[nodiscard]] json new_trial_record(const json &input, int64_t id, int64_t number);

// new_trial_record for create_trial: a RUNNING trial's heartbeat is stamped `now`, by the
// storage's clock, whatever the input said.
[[nodiscard]] json created_trial_record(const json &input, int64_t id, int64_t number, double now);

// Checks a patch before it is applied: known keys of the right types, never id or number.
void check_trial_patch(const json &patch);

// Throws plugin_kit::StatusError(HPO_ESTATE) when the patch sets the state of a finished trial.
void refuse_finished_state_change(const json &record, const json &patch);

// Applies a checked patch. "intermediate_values" adds steps (a step already reported keeps its
// first value, as the engine does), "params", "user_attrs" and "system_attrs" merge keys, other
// keys replace. Refuses (refuse_finished_state_change) before it changes anything.
void apply_trial_patch(json &record, const json &patch);

// What record_heartbeat writes: the heartbeat `now`. Throws plugin_kit::StatusError
// (HPO_ESTATE) unless the trial is RUNNING.
[[nodiscard]] json heartbeat_patch(const json &record, double now);

// What claiming a WAITING trial writes: RUNNING for `worker` (a string or null), started and beating now.
[[nodiscard]] json claim_patch(const json &worker, double now);

// What failing a RUNNING trial whose heartbeat is older than now - grace writes, or nothing
// when the trial is not such a trial (a trial that never beat is left alone).
[[nodiscard]] std::optional<json> stale_trial_patch(const json &record, double now,
                                                    double grace_seconds);

} // namespace hpo::storage
