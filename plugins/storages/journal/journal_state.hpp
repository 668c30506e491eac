// What a journal's operations add up to: its studies and trials in memory, kept current by
// applying each operation once, in the order of the log. Indexes beside the records answer
// claims (WAITING by number), stale checks (RUNNING) and incremental reads (by revision)
// without a scan over all trials.
//
// The operations, one JSON object per line:
//   {"op": "create_study", "study_id": 1, "study": {...}}
//   {"op": "update_study", "study_id": 1, "study": {...}}      (the whole updated study)
//   {"op": "delete_study", "study_id": 1}
//   {"op": "create_trial", "study_id": 1, "trial": {...}}      (the whole record, id and number)
//   {"op": "update_trial", "study_id": 1, "trial_id": 7, "patch": {...}}
// Each writer decides under the file's lock, so the log never holds an operation that the
// state before it refuses.
#pragma once

#include <study_record.hpp>

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

namespace hpo::storage {

struct JournalStudy {
    json study;
    std::string name;              // as created: what load_study finds it by, whatever updates say
    int64_t revision = 0;          // bumped by every operation on the study
    int64_t record_revision = 0;   // the revision of the last change to `study`
    std::map<int64_t, int64_t> trial_by_revision; // a trial's last revision -> its id
    std::map<int64_t, int64_t> waiting;           // number -> id of WAITING trials
    std::map<int64_t, int64_t> running;           // number -> id of RUNNING trials
    int64_t next_number = 0;                      // past the highest number seen
};

struct JournalTrial {
    int64_t study_id;
    int64_t revision;
    json record;
};

class JournalState {
public:
    // Applies one operation; throws (std::exception) for one that does not fit the state (a
    // damaged record), which is then unchanged but for the ids it named: those are never
    // handed out again.
    void apply(const json &operation);

    [[nodiscard]] std::optional<int64_t> study_id(const std::string &name) const;
    // Throw plugin_kit::StatusError(HPO_ENOTFOUND) naming url when there is no such study or trial.
    [[nodiscard]] const JournalStudy &study(int64_t study_id, const std::string &url) const;
    [[nodiscard]] const json &trial(int64_t study_id, int64_t trial_id, const std::string &url) const;
    [[nodiscard]] const std::map<int64_t, JournalStudy> &studies() const { return studies_; }

    [[nodiscard]] int64_t next_study_id() const { return next_study_id_; }
    [[nodiscard]] int64_t next_trial_id() const { return next_trial_id_; }

private:
    JournalStudy &known_study(int64_t study_id);
    JournalTrial &known_trial(int64_t study_id, int64_t trial_id);
    void create_trial(JournalStudy &study, int64_t study_id, const json &record);
    // Records where a trial's state and revision now put it in its study's indexes.
    void index_trial(JournalStudy &study, int64_t trial_id, JournalTrial &trial);
    void unindex_trial(JournalStudy &study, const JournalTrial &trial);

    std::map<int64_t, JournalStudy> studies_;
    std::unordered_map<std::string, int64_t> study_ids_;
    std::unordered_map<int64_t, JournalTrial> trials_;
    int64_t next_study_id_ = 1;
    int64_t next_trial_id_ = 1;
};

} // namespace hpo::storage
