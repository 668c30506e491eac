// The engine's side of one storage plugin (sqlite, journal, ...) behind its URL: every call
// checked, a busy storage retried until it answers or its time is up, the plugin's strings
// taken back through its host, and the differences of the ABI versions a storage may answer
// smoothed over (how it takes its URL, how it says a name is taken, whether it can stamp
// heartbeats or report a changed study record).
#pragma once

#include "plugin_instance.hpp"
#include "space.hpp"

#include <chrono>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace hpo {

class Registry;

// What a storage wrote for a study since it was last asked.
struct StoredChanges {
    std::optional<json> study;  // the study record, when the storage tells it changed
    json trials;                // trial records, in order of number
};

class StorageClient {
public:
    // Opens the storage of `url` ("sqlite:///path.db": the plugin named by the scheme). A
    // busy storage is retried for busy_timeout before a call fails with HPO_EBUSY.
    StorageClient(const Registry &registry, const std::string &url, uint64_t seed,
                  std::chrono::duration<double> busy_timeout = std::chrono::seconds(60));

    // Creates the study, or with load_if_exists loads the one of that name; returns the
    // stored study record. A taken name fails with HPO_EEXISTS.
    json open_study(const json &study, bool load_if_exists);
    // Loads an existing study: HPO_ENOTFOUND naming it when the storage has none.
    json load_study(const std::string &name);
    void update_study(const json &study);
    // Merges attributes into the study's system attributes; `merged` is the whole result as
    // this process knows it, what a storage of ABI 1.0 (which replaces the key) is sent.
    void merge_study_attrs(const json &attrs, const json &merged);
    // The id of the oldest WAITING trial, now RUNNING for this worker, if any.
    std::optional<int64_t> claim_waiting(const std::string &worker);
    // Creates a trial and returns its (id, number).
    std::pair<int64_t, int64_t> create_trial(const json &trial);
    // HPO_ESTATE when the trial was ended elsewhere first (a heartbeat judged lost).
    void update_trial(int64_t id, const json &patch);
    // Stamps a running trial's heartbeat: by the storage's clock where it can, else by ours.
    void record_heartbeat(int64_t id);
    // What was written since the last call (everything, the first time).
    StoredChanges read_changes();
    // Fails RUNNING trials silent for longer than grace seconds; returns their ids.
    std::vector<int64_t> fail_stale(double grace_seconds);

    json list_studies();
    void delete_study(const std::string &name);

    const std::string &url() const { return url_; }

private:
    bool speaks_1_1() const { return plugin_.abi_version() >= HPO_ABI_MAKE(1, 1); }
    // Calls a storage operation, again while it answers HPO_EBUSY (with a growing pause) until
    // the busy timeout; returns its status after check_plugin_status.
    template <class Call>
    int32_t call(const char *what, Call &&operation);

    std::string url_;
    PluginInstance<hpo_storage_ops> plugin_;
    std::chrono::duration<double> busy_timeout_;
    int64_t study_id_ = -1;
    int64_t revision_ = 0;
};

// The scheme of a storage URL: "sqlite" for "sqlite:///x.db"; throws for one without.
std::string storage_scheme(const std::string &url);
// The options of a storage plugin of ABI 1.0: {"url": the URL without its query} plus the
// query's name=value pairs ("sqlite:///x.db?timeout=5&sync=false").
json storage_options_1_0(const std::string &url);

}  // namespace hpo
