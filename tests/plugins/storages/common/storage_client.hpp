// A storage plugin driven through its hpo_storage_ops exactly as the engine drives it: its
// library loaded with dlopen and asked for its table, the plugin named after the URL's scheme
// found in it, instances created from {"url": ...}, strings returned in the host's memory.
// Links nothing of hpo's but the public headers, so it drives any storage library.
#pragma once

#include <hpo_test/test_host.hpp>

#include <hpo/plugin.h>

#include <nlohmann/json.hpp>

#include <cstdint>
#include <filesystem>
#include <stdexcept>
#include <string>
#include <vector>

namespace hpo::test {

using nlohmann::json;

// The ops of the storage plugin named `scheme` in the library at `library_path`, which is
// loaded once and kept for the process. Throws std::runtime_error saying why when the
// library cannot be loaded, refuses this ABI, speaks one older than 1.1 or holds no such
// storage.
const hpo_storage_ops &storage_ops(const std::string &library_path, const std::string &scheme);

// "sqlite" of "sqlite:///x.db".
std::string scheme_of(const std::string &url);

inline bool contains(const std::string &text, const std::string &part) {
    return text.find(part) != std::string::npos;
}

// The numbers of trial records, in their order.
inline std::vector<int64_t> numbers_of(const json &trials) {
    std::vector<int64_t> numbers;
    for (const json &trial : trials) numbers.push_back(trial["number"].get<int64_t>());
    return numbers;
}

// A fresh folder under the system's temporary directory, removed with everything in it.
class ScratchDir {
public:
    ScratchDir();
    ~ScratchDir();
    ScratchDir(const ScratchDir &) = delete;
    ScratchDir &operator=(const ScratchDir &) = delete;
    [[nodiscard]] const std::filesystem::path &path() const { return path_; }
    [[nodiscard]] std::string file(const std::string &name) const { return (path_ / name).string(); }

private:
    std::filesystem::path path_;
};

// A storage's create refused its URL: the status it returned, and its message.
class OpenRefused : public std::runtime_error {
public:
    OpenRefused(int32_t status, const std::string &message) : std::runtime_error(message), status_(status) {}
    [[nodiscard]] int32_t status() const { return status_; }

private:
    int32_t status_;
};

// One instance of a storage. try_* return the status (last_error() says why); the others
// REQUIRE success.
class StorageClient {
public:
    // Creates an instance on `url` as the engine does; throws OpenRefused when the storage
    // refuses, std::runtime_error when its library cannot be used.
    StorageClient(const std::string &library_path, const std::string &url);
    ~StorageClient();
    StorageClient(const StorageClient &) = delete;
    StorageClient &operator=(const StorageClient &) = delete;

    [[nodiscard]] const hpo_storage_ops &ops() const { return ops_; }
    [[nodiscard]] std::string last_error() const { return host_.last_error(); }
    [[nodiscard]] std::vector<std::string> warnings() const { return host_.warnings(); }

    int32_t try_create_study(const json &study, bool load_if_exists, int64_t &study_id);
    int64_t create_study(const std::string &name);
    int32_t try_load_study(const std::string &name, int64_t &study_id, json &study);
    json load_study(const std::string &name);
    json list_studies();
    int32_t try_delete_study(const std::string &name);
    int32_t try_update_study(int64_t study_id, const json &update);

    int32_t try_create_trial(int64_t study_id, const json &trial, int64_t &trial_id, int64_t &number);
    int64_t create_trial(int64_t study_id, const json &trial = {{"state", "RUNNING"}});
    int32_t try_claim(int64_t study_id, const char *worker, int64_t &trial_id);
    int64_t claim(int64_t study_id, const char *worker);
    int32_t try_update_trial(int64_t study_id, int64_t trial_id, const json &patch);
    void update_trial(int64_t study_id, int64_t trial_id, const json &patch);

    // The trials written since since_revision, and the current revision.
    json read_trials(int64_t study_id, int64_t since_revision, int64_t &revision);
    int32_t try_read_trials(int64_t study_id, int64_t since_revision, json &trials);
    json all_trials(int64_t study_id);
    json trial(int64_t study_id, int64_t trial_id); // one record, from all_trials
    // {"study": ..., "trials": [...]} since since_revision, and the current revision.
    json read_changes(int64_t study_id, int64_t since_revision, int64_t &revision);
    json fail_stale_trials(int64_t study_id, double grace_seconds);
    int32_t try_record_heartbeat(int64_t study_id, int64_t trial_id);

private:
    json take_json(char *text) const;

    TestHost host_;
    const hpo_storage_ops &ops_;
    void *self_ = nullptr;
};

} // namespace hpo::test
