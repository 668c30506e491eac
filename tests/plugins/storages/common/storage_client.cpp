#include "storage_client.hpp"

#include <doctest/doctest.h>

#include <dlfcn.h>
#include <unistd.h>

#include <atomic>
#include <map>
#include <mutex>
#include <stdexcept>

namespace hpo::test {
namespace {

std::string version_text(uint32_t version) {
    return std::to_string(HPO_ABI_MAJOR_OF(version)) + "." + std::to_string(HPO_ABI_MINOR_OF(version));
}

// The library's table, negotiated as the engine negotiates it.
const hpo_plugin_table &table_of(const std::string &library_path) {
    static std::mutex mutex;
    static std::map<std::string, const hpo_plugin_table *> loaded;
    const std::lock_guard lock(mutex);
    if (const auto found = loaded.find(library_path); found != loaded.end()) return *found->second;
    void *library = dlopen(library_path.c_str(), RTLD_NOW | RTLD_LOCAL);
    if (library == nullptr) throw std::runtime_error(dlerror());
    const auto query = reinterpret_cast<hpo_plugin_query_fn>(dlsym(library, HPO_PLUGIN_QUERY_SYMBOL));
    if (query == nullptr) throw std::runtime_error(library_path + " exports no " HPO_PLUGIN_QUERY_SYMBOL);
    const hpo_plugin_table *table = query(HPO_ABI_VERSION);
    if (table == nullptr || HPO_ABI_MAJOR_OF(table->abi_version) != HPO_ABI_VERSION_MAJOR) {
        throw std::runtime_error(library_path + " speaks no ABI this build (" + version_text(HPO_ABI_VERSION) +
                                 ") can load");
    }
    if (table->abi_version < HPO_ABI_MAKE(1, 1)) {
        throw std::runtime_error(library_path + " speaks ABI " + version_text(table->abi_version) +
                                 "; this contract is ABI 1.1's");
    }
    return *(loaded[library_path] = table);
}

} // namespace

const hpo_storage_ops &storage_ops(const std::string &library_path, const std::string &scheme) {
    const hpo_plugin_table &table = table_of(library_path);
    std::string found;
    // The table's entries are read with the stride of the first one's size, as plugin.h says.
    const auto *entries = reinterpret_cast<const char *>(table.plugins);
    for (int32_t i = 0; i < table.n_plugins; ++i) {
        const auto &info =
            *reinterpret_cast<const hpo_plugin_info *>(entries + static_cast<size_t>(i) * table.plugins[0].struct_size);
        if (info.kind == HPO_PLUGIN_STORAGE && scheme == info.name) {
            return *static_cast<const hpo_storage_ops *>(info.ops);
        }
        found += std::string(found.empty() ? "" : ", ") + info.name;
    }
    throw std::runtime_error(library_path + " holds no storage named \"" + scheme + "\" (it holds: " + found + ")");
}

namespace {

// Whether an optional slot is filled (a function pointer doctest cannot print).
template <class Slot>
bool has(Slot slot) {
    return slot != nullptr;
}

} // namespace

std::string scheme_of(const std::string &url) { return url.substr(0, url.find(':')); }

ScratchDir::ScratchDir() {
    static std::atomic<int> counter{0};
    path_ = std::filesystem::temp_directory_path() /
            ("hpo_storage_test_" + std::to_string(::getpid()) + "_" + std::to_string(counter++));
    std::filesystem::remove_all(path_);
    std::filesystem::create_directories(path_);
}

ScratchDir::~ScratchDir() {
    std::error_code ignored;
    std::filesystem::remove_all(path_, ignored);
}

StorageClient::StorageClient(const std::string &library_path, const std::string &url)
    : ops_(storage_ops(library_path, scheme_of(url))) {
    const std::string options = json{{"url", url}}.dump();
    if (const int32_t status = ops_.create(options.c_str(), host_.get(), &self_); status != HPO_OK) {
        throw OpenRefused(status, "cannot open " + url + ": " + last_error());
    }
}

StorageClient::~StorageClient() { ops_.destroy(self_); }

json StorageClient::take_json(char *text) const {
    REQUIRE(text != nullptr);
    json parsed = json::parse(text);
    host_.get()->free(host_.get()->engine, text);
    return parsed;
}

int32_t StorageClient::try_create_study(const json &study, bool load_if_exists, int64_t &study_id) {
    return ops_.create_study(self_, study.dump().c_str(), load_if_exists ? 1 : 0, &study_id);
}

int64_t StorageClient::create_study(const std::string &name) {
    int64_t id = -1;
    const json study = {{"name", name}, {"directions", {"minimize"}}, {"space", json::object()}};
    REQUIRE_MESSAGE(try_create_study(study, false, id) == HPO_OK, last_error());
    return id;
}

int32_t StorageClient::try_load_study(const std::string &name, int64_t &study_id, json &study) {
    char *text = nullptr;
    const int32_t status = ops_.load_study(self_, name.c_str(), &study_id, &text);
    if (status == HPO_OK) study = take_json(text);
    return status;
}

json StorageClient::load_study(const std::string &name) {
    int64_t id = -1;
    json study;
    REQUIRE_MESSAGE(try_load_study(name, id, study) == HPO_OK, last_error());
    return study;
}

json StorageClient::list_studies() {
    char *text = nullptr;
    REQUIRE_MESSAGE(ops_.list_studies(self_, &text) == HPO_OK, last_error());
    return take_json(text);
}

int32_t StorageClient::try_delete_study(const std::string &name) { return ops_.delete_study(self_, name.c_str()); }

int32_t StorageClient::try_update_study(int64_t study_id, const json &update) {
    return ops_.update_study(self_, study_id, update.dump().c_str());
}

int32_t StorageClient::try_create_trial(int64_t study_id, const json &trial, int64_t &trial_id, int64_t &number) {
    return ops_.create_trial(self_, study_id, trial.dump().c_str(), &trial_id, &number);
}

int64_t StorageClient::create_trial(int64_t study_id, const json &trial) {
    int64_t id = -1;
    int64_t number = -1;
    REQUIRE_MESSAGE(try_create_trial(study_id, trial, id, number) == HPO_OK, last_error());
    return id;
}

int32_t StorageClient::try_claim(int64_t study_id, const char *worker, int64_t &trial_id) {
    return ops_.claim_waiting_trial(self_, study_id, worker, &trial_id);
}

int64_t StorageClient::claim(int64_t study_id, const char *worker) {
    int64_t id = -2;
    REQUIRE_MESSAGE(try_claim(study_id, worker, id) == HPO_OK, last_error());
    return id;
}

int32_t StorageClient::try_update_trial(int64_t study_id, int64_t trial_id, const json &patch) {
    return ops_.update_trial(self_, study_id, trial_id, patch.dump().c_str());
}

void StorageClient::update_trial(int64_t study_id, int64_t trial_id, const json &patch) {
    REQUIRE_MESSAGE(try_update_trial(study_id, trial_id, patch) == HPO_OK, last_error());
}

json StorageClient::read_trials(int64_t study_id, int64_t since_revision, int64_t &revision) {
    char *text = nullptr;
    REQUIRE_MESSAGE(ops_.read_trials(self_, study_id, since_revision, &text, &revision) == HPO_OK, last_error());
    return take_json(text);
}

int32_t StorageClient::try_read_trials(int64_t study_id, int64_t since_revision, json &trials) {
    char *text = nullptr;
    int64_t revision = 0;
    const int32_t status = ops_.read_trials(self_, study_id, since_revision, &text, &revision);
    if (status == HPO_OK) trials = take_json(text);
    return status;
}

json StorageClient::all_trials(int64_t study_id) {
    int64_t revision = 0;
    return read_trials(study_id, 0, revision);
}

json StorageClient::trial(int64_t study_id, int64_t trial_id) {
    for (const json &record : all_trials(study_id)) {
        if (record["id"] == trial_id) return record;
    }
    FAIL("no trial " << trial_id << " in study " << study_id);
    return nullptr;
}

json StorageClient::read_changes(int64_t study_id, int64_t since_revision, int64_t &revision) {
    REQUIRE_MESSAGE(has(ops_.read_changes), "the storage has no read_changes");
    char *text = nullptr;
    REQUIRE_MESSAGE(ops_.read_changes(self_, study_id, since_revision, &text, &revision) == HPO_OK, last_error());
    return take_json(text);
}

json StorageClient::fail_stale_trials(int64_t study_id, double grace_seconds) {
    REQUIRE_MESSAGE(has(ops_.fail_stale_trials), "the storage has no fail_stale_trials");
    char *text = nullptr;
    REQUIRE_MESSAGE(ops_.fail_stale_trials(self_, study_id, grace_seconds, &text) == HPO_OK, last_error());
    return take_json(text);
}

int32_t StorageClient::try_record_heartbeat(int64_t study_id, int64_t trial_id) {
    REQUIRE_MESSAGE(has(ops_.record_heartbeat), "the storage has no record_heartbeat");
    return ops_.record_heartbeat(self_, study_id, trial_id);
}

} // namespace hpo::test
