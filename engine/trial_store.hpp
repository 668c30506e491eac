// Where a study's records last: a storage plugin (sqlite, journal, ...) behind its URL. A
// study keeps every trial in memory either way; with a store, each change is written
// through before the call returns and other processes' changes are read back by revision,
// so many workers share one study. Without one ("memory:") the memory is the record.
#pragma once

#include "plugin_instance.hpp"
#include "space.hpp"

#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace hpo {

class Registry;

class TrialStore {
public:
    // Opens the storage of `url` ("sqlite:///path.db": the plugin named by the scheme).
    TrialStore(const Registry &registry, const std::string &url, uint64_t seed);

    // Creates the study, or with load_if_exists loads the one of that name; returns the
    // stored study JSON.
    json open_study(const json &study, bool load_if_exists);
    // Loads an existing study: HPO_ENOTFOUND naming it when the storage has none.
    json load_study(const std::string &name);
    void update_study(const json &study);
    // The id of the oldest WAITING trial, now RUNNING for this worker, if any.
    std::optional<int64_t> claim_waiting(const std::string &worker);
    // Creates a trial and returns its (id, number).
    std::pair<int64_t, int64_t> create_trial(const json &trial);
    void update_trial(int64_t id, const json &patch);
    // The trials written since the last call (all, the first time).
    json read_changes();
    // Fails RUNNING trials silent for longer than grace seconds; returns their ids.
    std::vector<int64_t> fail_stale(double grace_seconds);

    json list_studies();
    void delete_study(const std::string &name);

    const std::string &url() const { return url_; }

private:
    // Calls an operation and takes ownership of the string it hands back.
    std::string take(char *text);

    std::string url_;
    PluginInstance<hpo_storage_ops> plugin_;
    int64_t study_id_ = -1;
    int64_t revision_ = 0;
};

// The scheme of a storage URL: "sqlite" for "sqlite:///x.db"; throws for one without.
std::string storage_scheme(const std::string &url);
// The storage plugin's options: {"url": the URL without its query} plus the query's
// name=value pairs ("sqlite:///x.db?timeout=5&sync=false").
json storage_options(const std::string &url);

}  // namespace hpo
