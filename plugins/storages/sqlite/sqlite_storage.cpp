#include "sqlite_storage.hpp"

#include "sqlite_schema.hpp"

#include <storage_file.hpp>
#include <wall_clock.hpp>

#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace hpo::storage {
namespace {

using Mode = Database::Mode;

json parse_record(std::string_view text) { return json::parse(text); }

} // namespace

SqliteStorage::SqliteStorage(const plugin_kit::Options &options, const plugin_kit::Host &host)
    : options_(file_storage_options(about.name, options)), host_(host) {
    open_existing();
}

bool SqliteStorage::open_existing() {
    if (database_) return true;
    if (!storage_file_exists(options_.url, options_.path)) return false;
    database_.emplace(options_.url, options_.path, Database::Access::existing, options_.timeout_seconds);
    if (::access(options_.path.c_str(), W_OK) != 0) read_only_reason_ = std::strerror(errno);
    try {
        schema_version_ = readable_schema_version(*database_);
    } catch (const plugin_kit::StatusError &) {
        if (database_->failed_with() != SQLITE_READONLY_DIRECTORY) throw;
        // No -shm file beside it and no right to make one: no writer has it open (a writer
        // would have made that file), so the file is read as it stands.
        database_.emplace(options_.url, options_.path, Database::Access::immutable, options_.timeout_seconds);
        read_only_reason_ = "its directory is read-only here";
        schema_version_ = readable_schema_version(*database_);
    }
    return true;
}

Database *SqliteStorage::reader() {
    if (!open_existing()) return nullptr;
    if (schema_version_ == 0) schema_version_ = readable_schema_version(*database_); // another process wrote
    return schema_version_ > 0 ? &*database_ : nullptr;
}

Database &SqliteStorage::writer() {
    if (!open_existing()) {
        create_storage_file(options_.url, options_.path); // an empty file is an empty database
        if (!open_existing()) {
            throw plugin_kit::StatusError(HPO_EIO, options_.url + ": \"" + options_.path + "\" vanished as it was made");
        }
    }
    if (database_->read_only()) {
        const std::string why = read_only_reason_.empty() ? "the file is read-only" : read_only_reason_;
        throw plugin_kit::StatusError(HPO_EIO, options_.url + ": cannot write to \"" + options_.path + "\": " + why +
                                        " (this process may only read it)");
    }
    if (!ready_to_write_) {
        const std::string mode = configure_connection(*database_, options_.sync);
        if (mode != "wal") host_.log(HPO_LOG_WARNING, options_.url + ": WAL is unavailable here, journal mode is " + mode);
        migrate_schema(*database_);
        schema_version_ = current_schema_version;
        ready_to_write_ = true;
    }
    return *database_;
}

Database &SqliteStorage::writer_of_study(int64_t study_id) {
    if (reader() == nullptr) study_not_found(study_id); // nothing stored: nothing to make either
    return writer();
}

void SqliteStorage::study_not_found(int64_t study_id) const {
    throw plugin_kit::StatusError(HPO_ENOTFOUND, options_.url + ": no study with id " + std::to_string(study_id));
}

void SqliteStorage::study_not_named(const std::string &name) const {
    throw plugin_kit::StatusError(HPO_ENOTFOUND, no_study_named(options_.url, options_.path, name, database_.has_value()));
}

int64_t SqliteStorage::bump_revision(Database &database, int64_t study_id) {
    Query query = database.query("UPDATE studies SET revision = revision + 1 WHERE id = ? RETURNING revision");
    query.bind(1, study_id);
    if (!query.step()) study_not_found(study_id);
    return query.integer(0);
}

void SqliteStorage::write_trial(Database &database, const json &record, int64_t revision) {
    Query query = database.query(
        "UPDATE trials SET state = ?, heartbeat = ?, revision = ?, record = ? WHERE id = ?");
    query.bind(1, record["state"].get<std::string>());
    if (record["heartbeat"].is_number()) {
        query.bind(2, record["heartbeat"].get<double>());
    } else {
        query.bind_null(2);
    }
    query.bind(3, revision).bind(4, record.dump()).bind(5, record["id"].get<int64_t>());
    query.run();
}

std::optional<int64_t> SqliteStorage::find_study(Database &database, const std::string &name) {
    Query existing = database.query("SELECT id FROM studies WHERE name = ?");
    existing.bind(1, name);
    if (!existing.step()) return std::nullopt;
    return existing.integer(0);
}

int64_t SqliteStorage::create_study(const json &study, bool load_if_exists) {
    const std::string name = study["name"].get<std::string>();
    const auto refuse_taken = [&] {
        throw plugin_kit::StatusError(HPO_EEXISTS, "study \"" + name + "\" already exists in " + options_.url);
    };
    // Loading an existing study reads alone, so a study in a read-only file still opens.
    if (Database *stored = reader()) {
        const auto existing = stored->transaction(Mode::read, [&] { return find_study(*stored, name); });
        if (existing && load_if_exists) return *existing;
        if (existing) refuse_taken();
    }
    Database &database = writer();
    return database.transaction(Mode::write, [&] {
        if (const auto existing = find_study(database, name)) { // created meanwhile by another process
            if (!load_if_exists) refuse_taken();
            return *existing;
        }
        Query insert = database.query("INSERT INTO studies (name, record) VALUES (?, ?)");
        insert.bind(1, name).bind(2, study.dump());
        insert.run();
        return static_cast<int64_t>(sqlite3_last_insert_rowid(database.handle()));
    });
}

LoadedStudy SqliteStorage::load_study(const std::string &name) {
    Database *stored = reader();
    if (stored == nullptr) study_not_named(name);
    Database &database = *stored;
    return database.transaction(Mode::read, [&] {
        Query query = database.query("SELECT id, record FROM studies WHERE name = ?");
        query.bind(1, name);
        if (!query.step()) study_not_named(name);
        const int64_t id = query.integer(0);
        return LoadedStudy{id, study_with_id(parse_record(query.text(1)), id)};
    });
}

json SqliteStorage::list_studies() {
    Database *stored = reader();
    if (stored == nullptr) return json::array();
    Database &database = *stored;
    return database.transaction(Mode::read, [&] {
        json studies = json::array();
        Query query = database.query("SELECT id, name, record FROM studies ORDER BY id");
        while (query.step()) studies.push_back(listed_study(parse_record(query.text(2)), query.integer(0), query.text(1)));
        return studies;
    });
}

void SqliteStorage::delete_study(const std::string &name) {
    if (reader() == nullptr) study_not_named(name);
    Database &database = writer();
    database.transaction(Mode::write, [&] {
        const auto id = find_study(database, name);
        if (!id) study_not_named(name);
        database.query("DELETE FROM trials WHERE study_id = ?").bind(1, *id).run();
        database.query("DELETE FROM studies WHERE id = ?").bind(1, *id).run();
    });
}

void SqliteStorage::update_study(int64_t study_id, const json &update) {
    Database &database = writer_of_study(study_id);
    database.transaction(Mode::write, [&] {
        Query find = database.query("SELECT record FROM studies WHERE id = ?");
        find.bind(1, study_id);
        if (!find.step()) study_not_found(study_id);
        const json study = updated_study(parse_record(find.text(0)), update);
        // record_revision tells read_changes that the record changed.
        database.query("UPDATE studies SET record = ?, revision = revision + 1, record_revision = revision + 1 "
                       "WHERE id = ?")
            .bind(1, study.dump())
            .bind(2, study_id)
            .run();
    });
}

CreatedTrial SqliteStorage::create_trial(int64_t study_id, const json &trial) {
    Database &database = writer_of_study(study_id);
    return database.transaction(Mode::write, [&] {
        const int64_t revision = bump_revision(database, study_id);
        // The last entry of the (study_id, number) index: no scan, however many trials.
        Query next = database.query("SELECT COALESCE(MAX(number) + 1, 0) FROM trials WHERE study_id = ?");
        next.bind(1, study_id);
        next.step();
        const int64_t number = next.integer(0);
        // In the same write transaction as the insert: no other worker can add a trial between.
        Query budget = database.query(
            "SELECT json_extract(record, '$.name'), COALESCE(json_extract(record, '$.max_trials'), 0) FROM studies WHERE id = ?");
        budget.bind(1, study_id);
        if (budget.step()) check_trial_budget(std::string(budget.text(0)), budget.integer(1), number);
        // The row first, for its id, which the record carries too.
        Query insert = database.query(
            "INSERT INTO trials (study_id, number, state, revision, record) VALUES (?, ?, '', ?, '{}')");
        insert.bind(1, study_id).bind(2, number).bind(3, revision);
        insert.run();
        const auto id = static_cast<int64_t>(sqlite3_last_insert_rowid(database.handle()));
        write_trial(database, created_trial_record(trial, id, number, now_seconds()), revision);
        return CreatedTrial{id, number};
    });
}

int64_t SqliteStorage::claim_waiting_trial(int64_t study_id, const json &worker) {
    Database &database = writer_of_study(study_id);
    return database.transaction(Mode::write, [&]() -> int64_t {
        Query oldest = database.query(
            "SELECT record FROM trials WHERE study_id = ? AND state = 'WAITING' ORDER BY number LIMIT 1");
        oldest.bind(1, study_id);
        if (!oldest.step()) {
            Query study = database.query("SELECT 1 FROM studies WHERE id = ?");
            if (!study.bind(1, study_id).step()) study_not_found(study_id);
            return -1;
        }
        json record = parse_record(oldest.text(0));
        apply_trial_patch(record, claim_patch(worker, now_seconds()));
        write_trial(database, record, bump_revision(database, study_id));
        return record["id"].get<int64_t>();
    });
}

template <class PatchOf>
void SqliteStorage::patch_trial(int64_t study_id, int64_t trial_id, PatchOf &&patch_of) {
    Database &database = writer_of_study(study_id);
    database.transaction(Mode::write, [&] {
        Query find = database.query("SELECT record FROM trials WHERE id = ? AND study_id = ?");
        find.bind(1, trial_id).bind(2, study_id);
        if (!find.step()) {
            throw plugin_kit::StatusError(HPO_ENOTFOUND, options_.url + ": no trial with id " +
                                                             std::to_string(trial_id) + " in study " +
                                                             std::to_string(study_id));
        }
        json record = parse_record(find.text(0));
        apply_trial_patch(record, patch_of(record));
        write_trial(database, record, bump_revision(database, study_id));
    });
}

void SqliteStorage::update_trial(int64_t study_id, int64_t trial_id, const json &patch) {
    patch_trial(study_id, trial_id, [&](const json &) -> const json & { return patch; });
}

void SqliteStorage::record_heartbeat(int64_t study_id, int64_t trial_id) {
    patch_trial(study_id, trial_id, [](const json &record) { return heartbeat_patch(record, now_seconds()); });
}

Changes SqliteStorage::read_changes(int64_t study_id, int64_t since_revision) {
    Database *stored = reader();
    if (stored == nullptr) study_not_found(study_id);
    Database &database = *stored;
    return database.transaction(Mode::read, [&] {
        // A file of version 1, not yet migrated by a writer, keeps no record_revision: its
        // study counts as changed with every write, which tells a reader too much, never too
        // little.
        Query study = database.query(schema_version_ >= 2
                                         ? "SELECT revision, record_revision, record FROM studies WHERE id = ?"
                                         : "SELECT revision, revision, record FROM studies WHERE id = ?");
        if (!study.bind(1, study_id).step()) study_not_found(study_id);
        Changes changes{nullptr, "[", study.integer(0)};
        if (since_revision == 0 || study.integer(1) > since_revision) {
            changes.study = study_with_id(parse_record(study.text(2)), study_id);
        }
        Query changed = database.query(
            "SELECT record FROM trials WHERE study_id = ? AND revision > ? ORDER BY number");
        changed.bind(1, study_id).bind(2, since_revision);
        while (changed.step()) {
            if (changes.trials_json.size() > 1) changes.trials_json += ',';
            changes.trials_json += changed.text(0);
        }
        changes.trials_json += ']';
        return changes;
    });
}

json SqliteStorage::fail_stale_trials(int64_t study_id, double grace_seconds) {
    Database &database = writer_of_study(study_id);
    return database.transaction(Mode::write, [&] {
        const double now = now_seconds();
        Query running = database.query(
            "SELECT record FROM trials WHERE study_id = ? AND state = 'RUNNING' AND heartbeat < ?");
        running.bind(1, study_id).bind(2, now - grace_seconds);
        std::vector<json> stale;
        while (running.step()) stale.push_back(parse_record(running.text(0)));
        json failed = json::array();
        if (stale.empty()) {
            Query study = database.query("SELECT 1 FROM studies WHERE id = ?");
            if (!study.bind(1, study_id).step()) study_not_found(study_id);
            return failed;
        }
        const int64_t revision = bump_revision(database, study_id);
        for (json &record : stale) {
            if (const auto patch = stale_trial_patch(record, now, grace_seconds)) {
                apply_trial_patch(record, *patch);
                write_trial(database, record, revision);
                failed.push_back(record["id"]);
            }
        }
        return failed;
    });
}

} // namespace hpo::storage
