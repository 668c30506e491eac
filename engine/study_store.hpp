// Where a study's records last. The study keeps every trial in its TrialTable and tells its
// store each change; the store is either that memory ("memory:", MemoryStore) or a storage
// plugin that it writes through to and reads other workers' changes back from
// (PersistentStore). The study's code is the same for both.
#pragma once

#include "storage_client.hpp"
#include "trial_table.hpp"

#include <optional>
#include <set>
#include <string>
#include <vector>

namespace hpo {

// Why a trial was refused: the study already holds its budget of max_trials trials.
std::string budget_spent_message(const std::string &study, int64_t max_trials);

class StudyStore {
public:
    virtual ~StudyStore() = default;

    // The study as stored, to adopt (nullopt: nothing stored yet, as in memory): created from
    // `record`, or with load_if_exists the stored one of its name; with load_only it must exist.
    virtual std::optional<json> open_study(const json &record, bool load_if_exists, bool load_only) = 0;
    // The stored study record read again (nullopt in memory, where it never changes behind us).
    virtual std::optional<json> reload_study() = 0;
    virtual void save_study(const json &record) = 0;
    // Merges attributes into the study's system attributes; `merged` is the result as this
    // process knows it.
    virtual void merge_study_attrs(const json &attrs, const json &merged) = 0;

    // Creates a trial and returns its id; it is in the table once read_changes has run.
    // HPO_ECANCELLED, creating nothing, when the study holds its "max_trials" already: the
    // check and the creation are one step under the store's lock, so workers never overshoot.
    virtual int64_t create_trial(const TrialRecord &trial, const Space &space) = 0;
    // The id of the oldest WAITING trial, now RUNNING for `worker` (in the table once
    // read_changes has run); nullopt when none waits.
    virtual std::optional<int64_t> claim_waiting(const std::string &worker) = 0;
    // Writes a patch of a trial's record, with the define-by-run values chosen since its last
    // write.
    virtual void write(const TrialRecord &trial, json patch, const Space &space) = 0;
    // A define-by-run value was chosen: it goes with the trial's next write, so a trial of ten
    // suggestions costs one write, not ten. A crash loses them only for a trial never ended.
    virtual void defer_params(int64_t number) = 0;
    virtual bool has_deferred_params(int64_t number) const = 0;
    virtual StoredChanges read_changes() = 0;
    // Fails RUNNING trials whose heartbeat is older than grace seconds; their ids.
    virtual std::vector<int64_t> fail_stale(double grace_seconds) = 0;
    // Stamps a running trial's heartbeat (and writes its deferred values).
    virtual void record_heartbeat(const TrialRecord &trial, const Space &space) = 0;

    // Whether a trial no one has seen may be dropped rather than failed: in memory, an
    // exhausted grid leaves no trace; a storage has already shown it to other workers.
    virtual bool forgets_unseen_trials() const = 0;
    // Whether other processes may share the study, so that heartbeats matter.
    virtual bool shared() const = 0;
    virtual const std::string &url() const = 0;
};

class MemoryStore final : public StudyStore {
public:
    explicit MemoryStore(TrialTable &table) : table_(table) {}

    std::optional<json> open_study(const json &, bool, bool load_only) override;
    std::optional<json> reload_study() override { return std::nullopt; }
    void save_study(const json &) override {}
    void merge_study_attrs(const json &, const json &) override {}
    int64_t create_trial(const TrialRecord &trial, const Space &space) override;
    std::optional<int64_t> claim_waiting(const std::string &worker) override;
    void write(const TrialRecord &, json, const Space &) override {}
    void defer_params(int64_t) override {}
    bool has_deferred_params(int64_t) const override { return false; }
    StoredChanges read_changes() override { return {std::nullopt, json::array()}; }
    std::vector<int64_t> fail_stale(double) override { return {}; }
    void record_heartbeat(const TrialRecord &, const Space &) override {}
    bool forgets_unseen_trials() const override { return true; }
    bool shared() const override { return false; }
    const std::string &url() const override { return url_; }

private:
    TrialTable &table_;
    const std::string url_ = "memory:";
    std::string name_;
    int64_t max_trials_ = 0;  // 0: no budget
};

class PersistentStore final : public StudyStore {
public:
    PersistentStore(const Registry &registry, const std::string &url, uint64_t seed,
                    std::chrono::duration<double> busy_timeout);

    std::optional<json> open_study(const json &record, bool load_if_exists, bool load_only) override;
    std::optional<json> reload_study() override { return client_.load_study(name_); }
    void save_study(const json &record) override { client_.update_study(record); }
    void merge_study_attrs(const json &attrs, const json &merged) override { client_.merge_study_attrs(attrs, merged); }
    int64_t create_trial(const TrialRecord &trial, const Space &space) override;
    std::optional<int64_t> claim_waiting(const std::string &worker) override { return client_.claim_waiting(worker); }
    void write(const TrialRecord &trial, json patch, const Space &space) override;
    void defer_params(int64_t number) override { deferred_params_.insert(number); }
    bool has_deferred_params(int64_t number) const override { return deferred_params_.count(number) != 0; }
    StoredChanges read_changes() override { return client_.read_changes(); }
    std::vector<int64_t> fail_stale(double grace_seconds) override { return client_.fail_stale(grace_seconds); }
    void record_heartbeat(const TrialRecord &trial, const Space &space) override;
    bool forgets_unseen_trials() const override { return false; }
    bool shared() const override { return true; }
    const std::string &url() const override { return client_.url(); }

private:
    StorageClient client_;
    std::string name_;
    std::set<int64_t> deferred_params_;  // running trials with define-by-run values not yet written
};

}  // namespace hpo
