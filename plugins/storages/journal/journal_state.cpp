#include "journal_state.hpp"

#include <hpo_kit/plugin_kit.hpp>
#include <trial_record.hpp>

#include <hpo/common.h>

#include <algorithm>
#include <stdexcept>

namespace hpo::storage {
namespace {

// operation[key], which must be an object (a damaged record may hold anything there).
const json &object_at(const json &operation, const char *key) {
    const json &value = operation.at(key);
    if (!value.is_object()) throw std::runtime_error(std::string("\"") + key + "\" is not an object");
    return value;
}

// operation[key], which must be an integer: a float (1e96, say) converted to int64_t is
// undefined behaviour, not a number.
int64_t integer_at(const json &operation, const char *key) {
    const json &value = operation.at(key);
    if (!value.is_number_integer()) throw std::runtime_error(std::string("\"") + key + "\" is not an integer");
    return value.get<int64_t>();
}

} // namespace

void JournalState::apply(const json &operation) {
    const std::string op = operation.at("op").get<std::string>();
    const int64_t study_id = integer_at(operation, "study_id");
    // Even a record refused below keeps its ids from being handed out again.
    next_study_id_ = std::max(next_study_id_, study_id + 1);
    if (op == "create_study") {
        const std::string name = operation.at("study").at("name").get<std::string>();
        if (studies_.contains(study_id) || study_ids_.contains(name)) {
            throw std::runtime_error("study \"" + name + "\" created twice");
        }
        studies_[study_id].study = operation["study"];
        studies_[study_id].name = name;
        study_ids_[name] = study_id;
        return;
    }
    JournalStudy &study = known_study(study_id);
    if (op == "delete_study") {
        for (const auto &[revision, trial_id] : study.trial_by_revision) trials_.erase(trial_id);
        study_ids_.erase(study.name);
        studies_.erase(study_id);
        return;
    }
    if (op == "update_study") {
        study.study = updated_study(study.study, object_at(operation, "study"));
        study.record_revision = ++study.revision;
        return;
    }
    if (op == "create_trial") {
        create_trial(study, study_id, object_at(operation, "trial"));
        return;
    }
    if (op == "update_trial") {
        const int64_t trial_id = integer_at(operation, "trial_id");
        next_trial_id_ = std::max(next_trial_id_, trial_id + 1);
        const json &patch = object_at(operation, "patch");
        check_trial_patch(patch);
        JournalTrial &trial = known_trial(study_id, trial_id);
        apply_trial_patch(trial.record, patch); // in place: it refuses before it changes anything
        unindex_trial(study, trial);
        ++study.revision;
        trial.revision = study.revision;
        index_trial(study, trial_id, trial);
        return;
    }
    throw std::runtime_error("unknown operation \"" + op + "\"");
}

void JournalState::create_trial(JournalStudy &study, int64_t study_id, const json &record) {
    const int64_t trial_id = integer_at(record, "id");
    const int64_t number = integer_at(record, "number");
    next_trial_id_ = std::max(next_trial_id_, trial_id + 1);
    check_new_trial(record);
    // Numbers only grow: one below the next (a record written twice, or garbled) is refused,
    // and one above it means the records of the numbers between were lost to damage. Their
    // numbers stay unused rather than being handed out again.
    if (trials_.contains(trial_id) || number < study.next_number) {
        throw std::runtime_error("trial id " + std::to_string(trial_id) + " (number " + std::to_string(number) +
                                 ") created out of turn: the study's next number is " +
                                 std::to_string(study.next_number));
    }
    ++study.revision;
    study.next_number = number + 1;
    JournalTrial &trial = trials_[trial_id] =
        JournalTrial{study_id, study.revision, new_trial_record(record, trial_id, number)};
    index_trial(study, trial_id, trial);
}

std::optional<int64_t> JournalState::study_id(const std::string &name) const {
    const auto found = study_ids_.find(name);
    if (found == study_ids_.end()) return std::nullopt;
    return found->second;
}

const JournalStudy &JournalState::study(int64_t study_id, const std::string &url) const {
    const auto found = studies_.find(study_id);
    if (found == studies_.end()) {
        throw plugin_kit::StatusError(HPO_ENOTFOUND, url + ": no study with id " + std::to_string(study_id));
    }
    return found->second;
}

const json &JournalState::trial(int64_t study_id, int64_t trial_id, const std::string &url) const {
    const auto found = trials_.find(trial_id);
    if (found == trials_.end() || found->second.study_id != study_id) {
        throw plugin_kit::StatusError(HPO_ENOTFOUND, url + ": no trial with id " + std::to_string(trial_id) +
                                              " in study " + std::to_string(study_id));
    }
    return found->second.record;
}

// The record an operation names must come earlier in the log; when it does not, its own
// record was lost to damage (or never written), which is what the message says.
JournalStudy &JournalState::known_study(int64_t study_id) {
    const auto found = studies_.find(study_id);
    if (found == studies_.end()) {
        throw std::runtime_error("no study with id " + std::to_string(study_id) + " is created before it");
    }
    return found->second;
}

JournalTrial &JournalState::known_trial(int64_t study_id, int64_t trial_id) {
    const auto found = trials_.find(trial_id);
    if (found == trials_.end() || found->second.study_id != study_id) {
        throw std::runtime_error("no trial with id " + std::to_string(trial_id) + " in study " +
                                 std::to_string(study_id) + " is created before it");
    }
    return found->second;
}

void JournalState::index_trial(JournalStudy &study, int64_t trial_id, JournalTrial &trial) {
    study.trial_by_revision[trial.revision] = trial_id;
    const int64_t number = trial.record["number"].get<int64_t>();
    const json &state = trial.record["state"];
    if (state == "WAITING") study.waiting[number] = trial_id;
    if (state == "RUNNING") study.running[number] = trial_id;
}

void JournalState::unindex_trial(JournalStudy &study, const JournalTrial &trial) {
    study.trial_by_revision.erase(trial.revision);
    const int64_t number = trial.record["number"].get<int64_t>();
    study.waiting.erase(number);
    study.running.erase(number);
}

} // namespace hpo::storage
