#include "sqlite_storage.hpp"

#include "sqlite_schema.hpp"

#include <wall_clock.hpp>

namespace hpo::storage {
namespace {

using Mode = Database::Mode;

json parse_record(std::string_view text) { return json::parse(text); }

} // namespace

SqliteStorage::SqliteStorage(const StorageOptions &options, const hpo_host &host)
    : database_(options.url, options.path, options.timeout_seconds) {
    const std::string mode = configure_connection(database_, options.sync);
    if (mode != "wal" && host.log != nullptr) {
        const std::string message = options.url + ": WAL is unavailable here, journal mode is " + mode;
        host.log(host.engine, HPO_LOG_WARNING, message.c_str());
    }
    migrate_schema(database_);
}

void SqliteStorage::study_not_found(int64_t study_id) const {
    throw StorageError(HPO_ENOTFOUND, database_.url() + ": no study with id " + std::to_string(study_id));
}

int64_t SqliteStorage::bump_revision(int64_t study_id) {
    Query query = database_.query("UPDATE studies SET revision = revision + 1 WHERE id = ? RETURNING revision");
    query.bind(1, study_id);
    if (!query.step()) study_not_found(study_id);
    return query.integer(0);
}

void SqliteStorage::write_trial(const json &record, int64_t revision) {
    Query query = database_.query(
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

int64_t SqliteStorage::create_study(const json &study, bool load_if_exists) {
    const std::string name = study["name"].get<std::string>();
    return database_.transaction(Mode::write, [&] {
        Query existing = database_.query("SELECT id FROM studies WHERE name = ?");
        existing.bind(1, name);
        if (existing.step()) {
            if (load_if_exists) return existing.integer(0);
            throw StorageError(HPO_ESTATE, "study \"" + name + "\" already exists in " + database_.url());
        }
        Query insert = database_.query("INSERT INTO studies (name, record) VALUES (?, ?)");
        insert.bind(1, name).bind(2, study.dump());
        insert.run();
        return static_cast<int64_t>(sqlite3_last_insert_rowid(database_.handle()));
    });
}

LoadedStudy SqliteStorage::load_study(const std::string &name) {
    return database_.transaction(Mode::read, [&] {
        Query query = database_.query("SELECT id, record FROM studies WHERE name = ?");
        query.bind(1, name);
        if (!query.step()) {
            throw StorageError(HPO_ENOTFOUND, database_.url() + ": no study named \"" + name + "\"");
        }
        const int64_t id = query.integer(0);
        return LoadedStudy{id, study_with_id(parse_record(query.text(1)), id)};
    });
}

json SqliteStorage::list_studies() {
    return database_.transaction(Mode::read, [&] {
        json studies = json::array();
        Query query = database_.query("SELECT id, record FROM studies ORDER BY id");
        while (query.step()) studies.push_back(study_with_id(parse_record(query.text(1)), query.integer(0)));
        return studies;
    });
}

void SqliteStorage::delete_study(const std::string &name) {
    database_.transaction(Mode::write, [&] {
        Query find = database_.query("SELECT id FROM studies WHERE name = ?");
        find.bind(1, name);
        if (!find.step()) {
            throw StorageError(HPO_ENOTFOUND, database_.url() + ": no study named \"" + name + "\"");
        }
        const int64_t id = find.integer(0);
        database_.query("DELETE FROM trials WHERE study_id = ?").bind(1, id).run();
        database_.query("DELETE FROM studies WHERE id = ?").bind(1, id).run();
    });
}

void SqliteStorage::update_study(int64_t study_id, const json &update) {
    database_.transaction(Mode::write, [&] {
        Query find = database_.query("SELECT record FROM studies WHERE id = ?");
        find.bind(1, study_id);
        if (!find.step()) study_not_found(study_id);
        const json study = updated_study(parse_record(find.text(0)), update);
        database_.query("UPDATE studies SET record = ?, revision = revision + 1 WHERE id = ?")
            .bind(1, study.dump())
            .bind(2, study_id)
            .run();
    });
}

CreatedTrial SqliteStorage::create_trial(int64_t study_id, const json &trial) {
    return database_.transaction(Mode::write, [&] {
        const int64_t revision = bump_revision(study_id);
        Query next = database_.query("SELECT COALESCE(MAX(number) + 1, 0) FROM trials WHERE study_id = ?");
        next.bind(1, study_id);
        next.step();
        const int64_t number = next.integer(0);
        // The row first, for its id, which the record carries too.
        Query insert = database_.query(
            "INSERT INTO trials (study_id, number, state, revision, record) VALUES (?, ?, '', ?, '{}')");
        insert.bind(1, study_id).bind(2, number).bind(3, revision);
        insert.run();
        const auto id = static_cast<int64_t>(sqlite3_last_insert_rowid(database_.handle()));
        write_trial(new_trial_record(trial, id, number), revision);
        return CreatedTrial{id, number};
    });
}

int64_t SqliteStorage::claim_waiting_trial(int64_t study_id, const json &worker) {
    return database_.transaction(Mode::write, [&]() -> int64_t {
        Query oldest = database_.query(
            "SELECT record FROM trials WHERE study_id = ? AND state = 'WAITING' ORDER BY number LIMIT 1");
        oldest.bind(1, study_id);
        if (!oldest.step()) {
            Query study = database_.query("SELECT 1 FROM studies WHERE id = ?");
            if (!study.bind(1, study_id).step()) study_not_found(study_id);
            return -1;
        }
        json record = parse_record(oldest.text(0));
        apply_trial_patch(record, claim_patch(worker, now_seconds()));
        write_trial(record, bump_revision(study_id));
        return record["id"].get<int64_t>();
    });
}

void SqliteStorage::update_trial(int64_t study_id, int64_t trial_id, const json &patch) {
    database_.transaction(Mode::write, [&] {
        Query find = database_.query("SELECT record FROM trials WHERE id = ? AND study_id = ?");
        find.bind(1, trial_id).bind(2, study_id);
        if (!find.step()) {
            throw StorageError(HPO_ENOTFOUND, database_.url() + ": no trial with id " + std::to_string(trial_id) +
                                                  " in study " + std::to_string(study_id));
        }
        json record = parse_record(find.text(0));
        apply_trial_patch(record, patch);
        write_trial(record, bump_revision(study_id));
    });
}

TrialsSince SqliteStorage::read_trials(int64_t study_id, int64_t since_revision) {
    return database_.transaction(Mode::read, [&] {
        Query study = database_.query("SELECT revision FROM studies WHERE id = ?");
        if (!study.bind(1, study_id).step()) study_not_found(study_id);
        TrialsSince since{"[", study.integer(0)};
        Query changed = database_.query(
            "SELECT record FROM trials WHERE study_id = ? AND revision > ? ORDER BY number");
        changed.bind(1, study_id).bind(2, since_revision);
        while (changed.step()) {
            if (since.trials_json.size() > 1) since.trials_json += ',';
            since.trials_json += changed.text(0);
        }
        since.trials_json += ']';
        return since;
    });
}

json SqliteStorage::fail_stale_trials(int64_t study_id, double grace_seconds) {
    return database_.transaction(Mode::write, [&] {
        const double now = now_seconds();
        Query running = database_.query(
            "SELECT record FROM trials WHERE study_id = ? AND state = 'RUNNING' AND heartbeat < ?");
        running.bind(1, study_id).bind(2, now - grace_seconds);
        std::vector<json> stale;
        while (running.step()) stale.push_back(parse_record(running.text(0)));
        json failed = json::array();
        if (stale.empty()) {
            Query study = database_.query("SELECT 1 FROM studies WHERE id = ?");
            if (!study.bind(1, study_id).step()) study_not_found(study_id);
            return failed;
        }
        const int64_t revision = bump_revision(study_id);
        for (json &record : stale) {
            if (const auto patch = stale_trial_patch(record, now, grace_seconds)) {
                apply_trial_patch(record, *patch);
                write_trial(record, revision);
                failed.push_back(record["id"]);
            }
        }
        return failed;
    });
}

} // namespace hpo::storage
