// The storage-file targets (journal_fuzz.cpp, sqlite_fuzz.cpp): arbitrary bytes as the file
// of a storage, opened through the C API as a user would: its studies listed, each loaded, its
// trials read, and one more trial run. Every call returns a status; nothing crashes or leaks.
#pragma once

#include "fuzz_support.hpp"

#include <nlohmann/json.hpp>

namespace hpo::fuzz {

inline void open_stored_studies(const std::string &url) {
    char *text = nullptr;
    if (check_status(hpo_engine_studies_json(engine(), url.c_str(), &text)) != HPO_OK) return;
    const auto studies = nlohmann::json::parse(text, nullptr, false);
    take_string(text);
    if (!studies.is_array()) std::abort();
    int opened = 0;
    for (const auto &stored : studies) {
        if (++opened > 4) break;
        if (!stored.is_object() || !stored.contains("name") || !stored["name"].is_string()) std::abort();
        const nlohmann::json config = {
            {"name", stored["name"]}, {"storage", url}, {"load_only", true}, {"heartbeat", false}, {"storage_timeout", 1}};
        hpo_study *study = nullptr;
        if (check_status(hpo_study_create(engine(), config.dump().c_str(), &study)) != HPO_OK) continue;
        for (auto read : {hpo_study_trials_json, hpo_study_best_trials_json, hpo_study_info_json}) {
            if (check_status(read(study, &text)) == HPO_OK) take_string(text);
        }
        hpo_trial *trial = nullptr;
        if (check_status(hpo_study_ask(study, &trial)) == HPO_OK) {
            const double values[4] = {1, 2, 3, 4};
            int64_t n = 0;
            check_status(hpo_study_n_trials(study, &n));
            check_status(hpo_trial_tell(trial, HPO_TRIAL_COMPLETE, values, 1, nullptr));
            hpo_trial_free(trial);
        }
        hpo_study_free(study);
    }
}

}  // namespace hpo::fuzz
