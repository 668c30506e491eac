// Storage plugins driven through their hpo_storage_ops, as the engine drives them, with a
// host that keeps the last error and the warnings, and a scratch folder per test.
#pragma once

#include <hpo/plugin.h>

#include <nlohmann/json.hpp>

#include <cstdint>
#include <filesystem>
#include <functional>
#include <mutex>
#include <string>
#include <vector>

namespace hpo::test {

using nlohmann::json;

// The built library "sqlite" or "journal", loaded once and kept for the process.
struct LoadedLibrary {
    hpo_plugin_query_fn query;
};
LoadedLibrary load_library(const std::string &scheme);

// The ops of its one storage plugin.
const hpo_storage_ops &storage_ops(const std::string &scheme);

// The engine's side: memory for returned strings, the error of the last failed call on this
// thread, and what was logged.
struct TestHost {
    TestHost();
    TestHost(const TestHost &) = delete;
    TestHost &operator=(const TestHost &) = delete;

    static std::string &last_error(); // this thread's
    [[nodiscard]] std::vector<std::string> warnings() const;

    hpo_host host{};
    mutable std::mutex mutex;
    std::vector<std::string> logged;
};

// A fresh folder under the system's temporary directory, removed with everything in it.
class ScratchDir {
public:
    ScratchDir();
    ~ScratchDir();
    ScratchDir(const ScratchDir &) = delete;
    ScratchDir &operator=(const ScratchDir &) = delete;
    [[nodiscard]] std::string file(const std::string &name) const { return (path_ / name).string(); }

private:
    std::filesystem::path path_;
};

inline bool contains(const std::string &text, const std::string &part) {
    return text.find(part) != std::string::npos;
}

// "sqlite:///" + path: an absolute path gives "sqlite:////tmp/...".
inline std::string url_of(const std::string &scheme, const std::string &path) {
    return scheme + ":///" + path;
}

// Runs body() in a child process that may not write what only its owner may (as root, the
// child becomes user "nobody": root writes anywhere, whatever the permissions say). Returns
// what body() returned, its account of what went wrong ("" when nothing did), or why the
// child failed.
std::string in_unprivileged_process(const std::function<std::string()> &body);

// Creates an instance from options_json; on failure returns the status, last_error says why.
int32_t open_storage(const std::string &scheme, const std::string &options_json, TestHost &host,
                     void **out_self);

// One open storage instance. try_* return the status; the others CHECK success.
class Storage {
public:
    // Opens the file at path with a 20 s timeout and any other options in `options`.
    Storage(const std::string &scheme, const std::string &path, json options = json::object());
    ~Storage();
    Storage(const Storage &) = delete;
    Storage &operator=(const Storage &) = delete;

    int32_t try_create_study(const json &study, bool load_if_exists, int64_t &study_id);
    int64_t create_study(const std::string &name);
    int32_t try_load_study(const std::string &name, int64_t &study_id, json &study);
    json list_studies();
    int32_t try_delete_study(const std::string &name);
    int32_t try_update_study(int64_t study_id, const json &update);

    int32_t try_create_trial(int64_t study_id, const json &trial, int64_t &trial_id, int64_t &number);
    int64_t create_trial(int64_t study_id, const json &trial = {{"state", "RUNNING"}});
    int64_t claim(int64_t study_id, const char *worker);
    int32_t try_update_trial(int64_t study_id, int64_t trial_id, const json &patch);
    void update_trial(int64_t study_id, int64_t trial_id, const json &patch);

    // The trials written since since_revision and the current revision.
    json read_trials(int64_t study_id, int64_t since_revision, int64_t &revision);
    int32_t try_read_trials(int64_t study_id, int64_t since_revision, json &trials);
    json all_trials(int64_t study_id);
    json trial(int64_t study_id, int64_t trial_id); // one record, from all_trials
    json fail_stale_trials(int64_t study_id, double grace_seconds);

    [[nodiscard]] const std::string &last_error() const { return TestHost::last_error(); }
    TestHost host;

private:
    json take_json(char *text);

    const hpo_storage_ops &ops_;
    void *self_ = nullptr;
};

} // namespace hpo::test
