// Before `hpo run` touches a storage: the file's study is tried in memory (the engine checks
// every part of the file, and the objective plugin declares its space), and a stored study
// of the same name that would be resumed is compared with it. Resuming a study of another
// objective or space would mix its trials with the file's and report a best of neither.
#pragma once

#include "study_file.hpp"

#include <hpo/hpo.hpp>

#include <nlohmann/json.hpp>

#include <string>
#include <vector>

namespace hpo::cli {

// The info JSON (hpo_study_info_json) of the file's study, run for no trial on "memory:",
// in the engine's order (the space's parameters as the engine numbers them).
nlohmann::ordered_json planned_study(Engine &engine, const StudyFile &file);

// What a stored study's info JSON says differently from the planned one, one line each:
// the objective (when the stored study records one) and each parameter that differs.
std::vector<std::string> study_differences(const nlohmann::json &stored, const nlohmann::json &planned);

// A UsageError naming the differences when the file would resume a stored study that
// differs from it; nothing when there is none to resume or it is the same study.
void refuse_to_resume_another_study(Engine &engine, const StudyFile &file, const nlohmann::ordered_json &planned);

}  // namespace hpo::cli
