#include "journal_storage.hpp"

#include <storage_file.hpp>
#include <wall_clock.hpp>

#include <algorithm>

namespace hpo::storage {

namespace {

JournalFile open_file(const StorageOptions &options) {
    return {options.url, options.path, options.timeout_seconds, options.sync};
}

} // namespace

JournalStorage::JournalStorage(const plugin_kit::Options &options, const plugin_kit::Host &host)
    : host_(host), file_(open_file(file_storage_options(about.name, options))) {
    catch_up();
}

void JournalStorage::warn(const std::string &message) const {
    host_.log(HPO_LOG_WARNING, file_.url() + ": " + message);
}

void JournalStorage::catch_up() {
    int skipped = 0;
    int64_t last_skipped_at = 0;
    for (const JournalFile::Line &line : file_.read_new_lines()) {
        try {
            state_.apply(json::parse(line.text));
        } catch (const std::exception &error) {
            // A record the writer could not have meant (a damaged disk block, a foreign line)
            // costs what it held: the rest of the log still stands.
            if (++skipped <= max_damage_warnings) {
                warn("skipped a damaged record at byte " + std::to_string(line.offset) + " of \"" + file_.path() +
                     "\": " + error.what());
            }
            last_skipped_at = line.offset;
        }
    }
    if (skipped > max_damage_warnings) {
        // A trial's lost creation makes each of its later records (heartbeats, reports) fail too.
        warn("skipped " + std::to_string(skipped - max_damage_warnings) + " more damaged records of \"" +
             file_.path() + "\", the last at byte " + std::to_string(last_skipped_at));
    }
}

template <class Decide>
void JournalStorage::write(Decide &&decide, Durability durability) {
    // Without a file every study is missing, so decide() refuses any write but a study's
    // creation before the file is made for it: a failed write leaves no empty file behind.
    if (!file_.exists()) {
        if (decide().empty()) return;
        file_.create();
    }
    {
        const JournalFile::Lock lock(file_);
        catch_up();
        const std::vector<json> operations = decide();
        if (operations.empty()) return;
        file_.require_writable();
        const int64_t torn_at = file_.consumed();
        if (const int64_t torn = file_.drop_torn_tail(); torn > 0) {
            warn("dropped a torn last record of " + std::to_string(torn) + " bytes at byte " + std::to_string(torn_at) +
                 " of \"" + file_.path() + "\" (a writer died mid-write)");
        }
        std::string text;
        for (const json &operation : operations) text += operation.dump() + '\n';
        try {
            file_.append(text);
        } catch (...) {
            // What reached the file is unsure: start over from the log on the next call.
            state_ = JournalState();
            file_.rewind();
            throw;
        }
        for (const json &operation : operations) state_.apply(operation);
    }
    // Outside the lock: one sync covers what other writers appended while this one waited.
    // The log is appended in order, so a later durable write also covers an earlier
    // deferred one.
    if (durability == Durability::now) file_.flush_to_disk();
}

int64_t JournalStorage::existing_study_id(const std::string &name) const {
    const auto id = state_.study_id(name);
    if (!id) {
        throw plugin_kit::StatusError(HPO_ENOTFOUND, no_study_named(file_.url(), file_.path(), name, file_.is_open()));
    }
    return *id;
}

int64_t JournalStorage::create_study(const json &study, bool load_if_exists) {
    const std::string name = study["name"].get<std::string>();
    int64_t id = 0;
    write([&] {
        if (const auto existing = state_.study_id(name)) {
            if (!load_if_exists) {
                throw plugin_kit::StatusError(HPO_EEXISTS, "study \"" + name + "\" already exists in " + file_.url());
            }
            id = *existing;
            return std::vector<json>{};
        }
        id = state_.next_study_id();
        return std::vector<json>{{{"op", "create_study"}, {"study_id", id}, {"study", study}}};
    });
    return id;
}

LoadedStudy JournalStorage::load_study(const std::string &name) {
    catch_up();
    const int64_t id = existing_study_id(name);
    return LoadedStudy{id, study_with_id(state_.study(id, file_.url()).study, id)};
}

json JournalStorage::list_studies() {
    catch_up();
    json studies = json::array();
    for (const auto &[id, study] : state_.studies()) studies.push_back(listed_study(study.study, id, study.name));
    return studies;
}

void JournalStorage::delete_study(const std::string &name) {
    write([&] {
        return std::vector<json>{{{"op", "delete_study"}, {"study_id", existing_study_id(name)}}};
    });
}

void JournalStorage::update_study(int64_t study_id, const json &update) {
    write([&] {
        const json study = updated_study(state_.study(study_id, file_.url()).study, update);
        return std::vector<json>{{{"op", "update_study"}, {"study_id", study_id}, {"study", study}}};
    });
}

CreatedTrial JournalStorage::create_trial(int64_t study_id, const json &trial) {
    // A RUNNING trial that a crash loses had not ended: its creation waits for the next
    // durable write (its tell, at the latest), saving a sync per trial.
    const bool running = trial.value("state", std::string("RUNNING")) == "RUNNING";
    CreatedTrial created{};
    write(
        [&] {
            const JournalStudy &study = state_.study(study_id, file_.url());
            // write() holds the file's lock and has read every record before: the count is
            // the study's own, whoever else writes.
            check_trial_budget(study.study.value("name", std::string()), trial_budget(study.study), study.next_number);
            created = {state_.next_trial_id(), study.next_number};
            const json record = created_trial_record(trial, created.id, created.number, now_seconds());
            return std::vector<json>{{{"op", "create_trial"}, {"study_id", study_id}, {"trial", record}}};
        },
        running ? Durability::deferred : Durability::now);
    return created;
}

int64_t JournalStorage::claim_waiting_trial(int64_t study_id, const json &worker) {
    int64_t claimed = -1;
    write([&] {
        const JournalStudy &study = state_.study(study_id, file_.url());
        if (study.waiting.empty()) return std::vector<json>{};
        claimed = study.waiting.begin()->second;
        return std::vector<json>{{{"op", "update_trial"},
                                  {"study_id", study_id},
                                  {"trial_id", claimed},
                                  {"patch", claim_patch(worker, now_seconds())}}};
    });
    return claimed;
}

template <class PatchOf>
void JournalStorage::patch_trial(int64_t study_id, int64_t trial_id, PatchOf &&patch_of, Durability durability) {
    write(
        [&] {
            // Refused here, before anything is written; no copy of the record, whose size
            // grows with each step a trial reports.
            const json &record = state_.trial(study_id, trial_id, file_.url());
            const json &patch = patch_of(record);
            refuse_finished_state_change(record, patch);
            return std::vector<json>{
                {{"op", "update_trial"}, {"study_id", study_id}, {"trial_id", trial_id}, {"patch", patch}}};
        },
        durability);
}

void JournalStorage::update_trial(int64_t study_id, int64_t trial_id, const json &patch) {
    patch_trial(study_id, trial_id, [&](const json &) -> const json & { return patch; }, Durability::now);
}

void JournalStorage::record_heartbeat(int64_t study_id, int64_t trial_id) {
    // A heartbeat lost to a power cut is only a late one: it waits for the next durable write.
    patch_trial(
        study_id, trial_id, [](const json &record) { return heartbeat_patch(record, now_seconds()); },
        Durability::deferred);
}

Changes JournalStorage::read_changes(int64_t study_id, int64_t since_revision) {
    catch_up();
    const JournalStudy &study = state_.study(study_id, file_.url());
    std::vector<const json *> changed;
    for (auto at = study.trial_by_revision.upper_bound(since_revision); at != study.trial_by_revision.end(); ++at) {
        changed.push_back(&state_.trial(study_id, at->second, file_.url()));
    }
    std::sort(changed.begin(), changed.end(),
              [](const json *a, const json *b) { return (*a)["number"] < (*b)["number"]; });
    json trials = json::array();
    for (const json *record : changed) trials.push_back(*record);
    const bool study_changed = since_revision == 0 || study.record_revision > since_revision;
    return Changes{study_changed ? study_with_id(study.study, study_id) : json(nullptr), trials.dump(),
                   study.revision};
}

json JournalStorage::fail_stale_trials(int64_t study_id, double grace_seconds) {
    json failed;
    write([&] {
        failed = json::array();
        const double now = now_seconds();
        std::vector<json> operations;
        for (const auto &[number, trial_id] : state_.study(study_id, file_.url()).running) {
            const json &record = state_.trial(study_id, trial_id, file_.url());
            if (const auto patch = stale_trial_patch(record, now, grace_seconds)) {
                operations.push_back(
                    {{"op", "update_trial"}, {"study_id", study_id}, {"trial_id", trial_id}, {"patch", *patch}});
                failed.push_back(trial_id);
            }
        }
        return operations;
    });
    return failed;
}

} // namespace hpo::storage
