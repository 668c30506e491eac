// The study file of `hpo run`:
//   {"study": <config of hpo_study_create>,
//    "objective": {"name": "benchmarks", "options": {...}},
//    "optimize": <options of hpo_study_optimize>}        optional
// Read and checked here so that a bad file is reported with its name (and line and column
// for malformed JSON) before the engine sees it. The engine checks the contents.
#pragma once

#include <nlohmann/json.hpp>

#include <string>

namespace hpo::cli {

struct StudyFile {
    std::string path;
    nlohmann::ordered_json study;
    nlohmann::ordered_json objective;
    nlohmann::ordered_json optimize;
};

// Throws UsageError naming the file: unreadable, malformed (with line and column), a
// missing or unknown key, a key of the wrong type.
StudyFile load_study_file(const std::string &path);

}  // namespace hpo::cli
