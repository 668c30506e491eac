#include "postgres_storage.hpp"

#include "postgres_schema.hpp"

namespace hpo::storage {
namespace {

json parse_record(std::string_view text) { return json::parse(text); }

// Tokens of writes older than this are forgotten: no retry runs that long.
constexpr const char *forget_old_writes = "DELETE FROM hpo_writes WHERE written_at < now() - interval '1 day'";

} // namespace

PostgresStorageBase::PostgresStorageBase(const plugin_kit::Options &options, const plugin_kit::Host &host)
    : connection_(postgres_options(options), host) {
    connection_.on_connect([](Connection &connection) {
        connection.run("BEGIN");
        migrate_postgres_schema(connection);
        connection.run(forget_old_writes);
        connection.run("COMMIT");
    });
}

void PostgresStorageBase::study_not_found(int64_t study_id) const {
    throw plugin_kit::StatusError(HPO_ENOTFOUND,
                                  connection_.shown_url() + ": no study with id " + std::to_string(study_id));
}

void PostgresStorageBase::study_not_named(const std::string &name) const {
    throw plugin_kit::StatusError(HPO_ENOTFOUND,
                                  connection_.shown_url() + ": no study named \"" + name + "\"");
}

void PostgresStorageBase::require_study(int64_t study_id) {
    if (connection_.run("SELECT 1 FROM hpo_studies WHERE id = $1", {study_id}).empty()) study_not_found(study_id);
}

PostgresStorageBase::Bumped PostgresStorageBase::bump_revision(int64_t study_id) {
    const Rows bumped = connection_.run(
        "UPDATE hpo_studies SET revision = revision + 1 WHERE id = $1 "
        "RETURNING revision, extract(epoch FROM clock_timestamp())::float8",
        {study_id});
    if (bumped.empty()) study_not_found(study_id);
    return {bumped.integer(0, 0), bumped.number(0, 1)};
}

void PostgresStorageBase::write_trial(const json &record, int64_t revision) {
    const json &heartbeat = record["heartbeat"];
    connection_.run("UPDATE hpo_trials SET state = $1, heartbeat = $2, revision = $3, record = $4 WHERE id = $5",
                    {record["state"].get<std::string>(),
                     heartbeat.is_number() ? Param(heartbeat.get<double>()) : Param(nullptr), revision,
                     record.dump(), record["id"].get<int64_t>()});
}

int64_t PostgresStorageBase::create_study(const json &study, bool load_if_exists) {
    const std::string name = study["name"].get<std::string>();
    const std::string id = connection_.write([&] {
        // ON CONFLICT waits out a worker creating the same study, then finds its row.
        const Rows inserted = connection_.run(
            "INSERT INTO hpo_studies (name, record) VALUES ($1, $2) ON CONFLICT (name) DO NOTHING RETURNING id",
            {name, study.dump()});
        if (!inserted.empty()) return std::string(inserted.text(0, 0));
        if (!load_if_exists) {
            throw plugin_kit::StatusError(HPO_EEXISTS,
                                          "study \"" + name + "\" already exists in " + connection_.shown_url());
        }
        const Rows existing = connection_.run("SELECT id FROM hpo_studies WHERE name = $1", {name});
        if (existing.empty()) throw RetryableFailure{"study \"" + name + "\" was deleted as it was created"};
        return std::string(existing.text(0, 0));
    });
    return std::stoll(id);
}

LoadedStudy PostgresStorageBase::load_study(const std::string &name) {
    return connection_.retrying([&](int) {
        const Rows found = connection_.run("SELECT id, record FROM hpo_studies WHERE name = $1", {name});
        if (found.empty()) study_not_named(name);
        const int64_t id = found.integer(0, 0);
        return LoadedStudy{id, study_with_id(parse_record(found.text(0, 1)), id)};
    });
}

json PostgresStorageBase::list_studies() {
    return connection_.retrying([&](int) {
        json studies = json::array();
        const Rows rows = connection_.run("SELECT id, name, record FROM hpo_studies ORDER BY id");
        for (int row = 0; row < rows.size(); ++row) {
            studies.push_back(listed_study(parse_record(rows.text(row, 2)), rows.integer(row, 0), rows.text(row, 1)));
        }
        return studies;
    });
}

void PostgresStorageBase::delete_study(const std::string &name) {
    connection_.write([&] {
        // Its trials go with it (ON DELETE CASCADE).
        if (connection_.run("DELETE FROM hpo_studies WHERE name = $1 RETURNING id", {name}).empty()) {
            study_not_named(name);
        }
        return std::string();
    });
}

void PostgresStorageBase::update_study(int64_t study_id, const json &update) {
    connection_.write([&] {
        const Rows found = connection_.run("SELECT record FROM hpo_studies WHERE id = $1 FOR UPDATE", {study_id});
        if (found.empty()) study_not_found(study_id);
        const json study = updated_study(parse_record(found.text(0, 0)), update);
        // record_revision tells read_changes that the record changed.
        connection_.run("UPDATE hpo_studies SET record = $1, revision = revision + 1, record_revision = revision + 1 "
                        "WHERE id = $2",
                        {study.dump(), study_id});
        return std::string();
    });
}

CreatedTrial PostgresStorageBase::create_trial(int64_t study_id, const json &trial) {
    const std::string created = connection_.write([&] {
        // One statement locks the study, numbers the trial, bumps the revision, takes the
        // trial's id, reads the server's clock and the study's name and budget.
        const Rows next = connection_.run(
            "UPDATE hpo_studies SET revision = revision + 1, trial_count = trial_count + 1 WHERE id = $1 "
            "RETURNING revision, trial_count - 1, extract(epoch FROM clock_timestamp())::float8, "
            "nextval(pg_get_serial_sequence('hpo_trials', 'id')), record::jsonb->>'name', "
            "COALESCE((record::jsonb->>'max_trials')::bigint, 0)",
            {study_id});
        if (next.empty()) study_not_found(study_id);
        const int64_t revision = next.integer(0, 0), number = next.integer(0, 1), id = next.integer(0, 3);
        // The study's row stays locked until commit, so workers are counted one at a time; a
        // trial past the budget rolls the count back.
        check_trial_budget(std::string(next.text(0, 4)), next.integer(0, 5), number);
        const json record = created_trial_record(trial, id, number, next.number(0, 2));
        const json &heartbeat = record["heartbeat"];
        connection_.run(
            "INSERT INTO hpo_trials (id, study_id, number, state, heartbeat, revision, record) "
            "VALUES ($1, $2, $3, $4, $5, $6, $7)",
            {id, study_id, number, record["state"].get<std::string>(),
             heartbeat.is_number() ? Param(heartbeat.get<double>()) : Param(nullptr), revision, record.dump()});
        return std::to_string(id) + " " + std::to_string(number);
    });
    const auto space = created.find(' ');
    return CreatedTrial{std::stoll(created.substr(0, space)), std::stoll(created.substr(space + 1))};
}

int64_t PostgresStorageBase::claim_waiting_trial(int64_t study_id, const json &worker) {
    const std::string claimed = connection_.write([&] {
        // Trials another worker is claiming are skipped, not waited for.
        const Rows oldest = connection_.run(
            "SELECT record FROM hpo_trials WHERE study_id = $1 AND state = 'WAITING' ORDER BY number LIMIT 1 "
            "FOR UPDATE SKIP LOCKED",
            {study_id});
        if (oldest.empty()) {
            require_study(study_id);
            return std::string("-1");
        }
        json record = parse_record(oldest.text(0, 0));
        const Bumped bumped = bump_revision(study_id);
        apply_trial_patch(record, claim_patch(worker, bumped.now));
        write_trial(record, bumped.revision);
        return record["id"].dump();
    });
    return std::stoll(claimed);
}

template <class PatchOf>
void PostgresStorageBase::patch_trial(int64_t study_id, int64_t trial_id, PatchOf &&patch_of) {
    connection_.write([&] {
        const Rows found = connection_.run(
            "SELECT record FROM hpo_trials WHERE id = $1 AND study_id = $2 FOR UPDATE", {trial_id, study_id});
        if (found.empty()) {
            throw plugin_kit::StatusError(HPO_ENOTFOUND, connection_.shown_url() + ": no trial with id " +
                                                             std::to_string(trial_id) + " in study " +
                                                             std::to_string(study_id));
        }
        json record = parse_record(found.text(0, 0));
        const Bumped bumped = bump_revision(study_id);
        apply_trial_patch(record, patch_of(record, bumped.now));
        write_trial(record, bumped.revision);
        return std::string();
    });
}

void PostgresStorageBase::update_trial(int64_t study_id, int64_t trial_id, const json &patch) {
    patch_trial(study_id, trial_id, [&](const json &, double) -> const json & { return patch; });
}

void PostgresStorageBase::record_heartbeat(int64_t study_id, int64_t trial_id) {
    patch_trial(study_id, trial_id, [](const json &record, double now) { return heartbeat_patch(record, now); });
}

Changes PostgresStorageBase::read_changes(int64_t study_id, int64_t since_revision) {
    return connection_.retrying([&](int) {
        // One statement, so one snapshot: the study's revision and the trials written up to it.
        const Rows rows = connection_.run(
            "SELECT s.revision, s.record_revision > $2 OR $2 = 0, s.record, "
            "  (SELECT string_agg(t.record, ',' ORDER BY t.number) FROM hpo_trials t "
            "   WHERE t.study_id = s.id AND t.revision > $2) "
            "FROM hpo_studies s WHERE s.id = $1",
            {study_id, since_revision});
        if (rows.empty()) study_not_found(study_id);
        Changes changes{nullptr, "[", rows.integer(0, 0)};
        if (rows.text(0, 1) == "t") changes.study = study_with_id(parse_record(rows.text(0, 2)), study_id);
        changes.trials_json += rows.text(0, 3);
        changes.trials_json += ']';
        return changes;
    });
}

json PostgresStorageBase::fail_stale_trials(int64_t study_id, double grace_seconds) {
    // Every ask asks this, and almost always nothing is stale: a read answers that without a
    // write, whose commit would wait for the server's disk.
    const bool any_stale = connection_.retrying([&](int) {
        const Rows stale = connection_.run(
            "SELECT EXISTS (SELECT 1 FROM hpo_trials WHERE study_id = $1 AND state = 'RUNNING' "
            "AND heartbeat < extract(epoch FROM clock_timestamp())::float8 - $2), "
            "EXISTS (SELECT 1 FROM hpo_studies WHERE id = $1)",
            {study_id, grace_seconds});
        if (stale.text(0, 1) != "t") study_not_found(study_id);
        return stale.text(0, 0) == "t";
    });
    if (!any_stale) return json::array();
    const std::string failed = connection_.write([&] {
        // Trials being written by their worker right now are not stale: skipped.
        const Rows stale = connection_.run(
            "SELECT record FROM hpo_trials WHERE study_id = $1 AND state = 'RUNNING' "
            "AND heartbeat < extract(epoch FROM clock_timestamp())::float8 - $2 FOR UPDATE SKIP LOCKED",
            {study_id, grace_seconds});
        json ids = json::array();
        if (stale.empty()) {
            require_study(study_id);
            return ids.dump();
        }
        const Bumped bumped = bump_revision(study_id);
        for (int row = 0; row < stale.size(); ++row) {
            json record = parse_record(stale.text(row, 0));
            if (const auto patch = stale_trial_patch(record, bumped.now, grace_seconds)) {
                apply_trial_patch(record, *patch);
                write_trial(record, bumped.revision);
                ids.push_back(record["id"]);
            }
        }
        return ids.dump();
    });
    return json::parse(failed);
}

} // namespace hpo::storage
