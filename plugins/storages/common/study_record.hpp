// A study as the storages keep it: the engine's JSON object, stored whole (the engine owns its
// shape), with only its name required here and "id" added on the way out.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

namespace hpo::storage {

using nlohmann::json;

// Parses text that must be a JSON object; `what` names it in errors ("study", "trial patch").
// Throws std::invalid_argument (HPO_EINVAL) otherwise.
[[nodiscard]] json parse_object(std::string_view text, const char *what);

// Parses create_study's input: an object with a non-empty string "name" (and "system_attrs",
// when given, an object; "max_trials", when given, a positive integer or null).
[[nodiscard]] json parse_study(std::string_view study_json);

// update_study: the update's keys replace the stored study's, but for "system_attrs" and
// "space", whose keys merge into the stored ones, and "declared", whose names are added to
// the stored ones (plugin.h); "id" is ignored and the name cannot change.
[[nodiscard]] json updated_study(const json &stored, const json &update);

// The study's trial budget: its "max_trials", 0 when it has none.
[[nodiscard]] int64_t trial_budget(const json &study);

// create_trial, inside the storage's write lock or transaction: throws HPO_ECANCELLED when a
// trial numbered `number` would be past the study's budget (0: none), so workers sharing the
// study never create more than "max_trials" trials between them.
void check_trial_budget(const std::string &study_name, int64_t budget, int64_t number);

// The study as load_study and list_studies return it.
[[nodiscard]] json study_with_id(json study, int64_t id);
// A study as list_studies gives it, for a storage that keeps each study by name beside its
// record (a column, the journal's index): the record with that id and name. The name is what
// load_study finds the study by, so a record whose own "name" was damaged is listed under it.
[[nodiscard]] json listed_study(json study, int64_t id, std::string_view name);

} // namespace hpo::storage
