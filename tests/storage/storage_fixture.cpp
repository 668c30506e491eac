#include "storage_fixture.hpp"

#include <doctest/doctest.h>

#include <dlfcn.h>
#include <grp.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <map>
#include <stdexcept>

namespace hpo::test {

LoadedLibrary load_library(const std::string &scheme) {
    static std::mutex mutex;
    static std::map<std::string, LoadedLibrary> loaded;
    const std::lock_guard lock(mutex);
    if (const auto found = loaded.find(scheme); found != loaded.end()) return found->second;
    const std::map<std::string, std::string> files{{"sqlite", SQLITE_LIBRARY}, {"journal", JOURNAL_LIBRARY}};
    void *library = dlopen(files.at(scheme).c_str(), RTLD_NOW | RTLD_LOCAL);
    if (library == nullptr) throw std::runtime_error(dlerror());
    const auto query = reinterpret_cast<hpo_plugin_query_fn>(dlsym(library, HPO_PLUGIN_QUERY_SYMBOL));
    if (query == nullptr) throw std::runtime_error(scheme + ": no " HPO_PLUGIN_QUERY_SYMBOL);
    return loaded[scheme] = LoadedLibrary{query};
}

const hpo_storage_ops &storage_ops(const std::string &scheme) {
    const hpo_plugin_table *table = load_library(scheme).query(HPO_ABI_VERSION);
    if (table == nullptr || table->n_plugins != 1 || table->plugins[0].kind != HPO_PLUGIN_STORAGE) {
        throw std::runtime_error(scheme + ": not one storage plugin");
    }
    return *static_cast<const hpo_storage_ops *>(table->plugins[0].ops);
}

TestHost::TestHost() {
    host.struct_size = sizeof host;
    host.abi_version = HPO_ABI_VERSION;
    host.engine = this;
    host.alloc = [](void *, size_t size) { return std::malloc(size); };
    host.free = [](void *, void *ptr) { std::free(ptr); };
    host.set_error = [](void *, const char *message) { last_error() = message; };
    host.log = [](void *engine, int32_t level, const char *message) {
        auto &self = *static_cast<TestHost *>(engine);
        const std::lock_guard lock(self.mutex);
        if (level >= HPO_LOG_WARNING) self.logged.emplace_back(message);
    };
    host.seed = 7;
}

std::string &TestHost::last_error() {
    thread_local std::string error;
    return error;
}

std::vector<std::string> TestHost::warnings() const {
    const std::lock_guard lock(mutex);
    return logged;
}

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

std::string in_unprivileged_process(const std::function<std::string()> &body) {
    // Loaded while still privileged: the build tree may sit in a folder only its owner can
    // enter (a fresh clone in a mktemp folder), where user nobody could not open them.
    for (const char *scheme : {"sqlite", "journal"}) load_library(scheme);
    int pipe_ends[2];
    REQUIRE(::pipe(pipe_ends) == 0);
    const pid_t pid = ::fork();
    REQUIRE(pid >= 0);
    if (pid == 0) {
        ::close(pipe_ends[0]);
        std::string report;
        constexpr uid_t nobody = 65534;
        if (::geteuid() == 0 && (::setgroups(0, nullptr) != 0 || ::setgid(nobody) != 0 || ::setuid(nobody) != 0)) {
            report = std::string("cannot become user nobody: ") + std::strerror(errno);
        } else {
            try {
                report = body();
            } catch (const std::exception &error) {
                report = std::string("threw: ") + error.what();
            } catch (...) {
                report = "a check inside the child failed";
            }
        }
        for (size_t written = 0; written < report.size();) {
            const ssize_t wrote = ::write(pipe_ends[1], report.data() + written, report.size() - written);
            if (wrote <= 0) break;
            written += static_cast<size_t>(wrote);
        }
        ::_exit(0);
    }
    ::close(pipe_ends[1]);
    std::string report;
    char buffer[4096];
    for (ssize_t got; (got = ::read(pipe_ends[0], buffer, sizeof buffer)) > 0;) {
        report.append(buffer, static_cast<size_t>(got));
    }
    ::close(pipe_ends[0]);
    int status = 0;
    ::waitpid(pid, &status, 0);
    if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) report += " (the child process died)";
    return report;
}

int32_t open_storage(const std::string &scheme, const std::string &options_json, TestHost &host,
                     void **out_self) {
    return storage_ops(scheme).create(options_json.c_str(), &host.host, out_self);
}

Storage::Storage(const std::string &scheme, const std::string &path, json options)
    : ops_(storage_ops(scheme)) {
    options["url"] = url_of(scheme, path);
    options["timeout"] = 20;
    const int32_t status = ops_.create(options.dump().c_str(), &host.host, &self_);
    if (status != HPO_OK) throw std::runtime_error("cannot open " + path + ": " + last_error());
}

Storage::~Storage() { ops_.destroy(self_); }

json Storage::take_json(char *text) {
    REQUIRE(text != nullptr);
    json parsed = json::parse(text);
    std::free(text);
    return parsed;
}

int32_t Storage::try_create_study(const json &study, bool load_if_exists, int64_t &study_id) {
    return ops_.create_study(self_, study.dump().c_str(), load_if_exists ? 1 : 0, &study_id);
}

int64_t Storage::create_study(const std::string &name) {
    int64_t id = -1;
    const json study = {{"name", name}, {"directions", {"minimize"}}, {"space", json::object()}};
    REQUIRE_MESSAGE(try_create_study(study, false, id) == HPO_OK, last_error());
    return id;
}

int32_t Storage::try_load_study(const std::string &name, int64_t &study_id, json &study) {
    char *text = nullptr;
    const int32_t status = ops_.load_study(self_, name.c_str(), &study_id, &text);
    if (status == HPO_OK) study = take_json(text);
    return status;
}

json Storage::list_studies() {
    char *text = nullptr;
    REQUIRE_MESSAGE(ops_.list_studies(self_, &text) == HPO_OK, last_error());
    return take_json(text);
}

int32_t Storage::try_delete_study(const std::string &name) { return ops_.delete_study(self_, name.c_str()); }

int32_t Storage::try_update_study(int64_t study_id, const json &update) {
    return ops_.update_study(self_, study_id, update.dump().c_str());
}

int32_t Storage::try_create_trial(int64_t study_id, const json &trial, int64_t &trial_id, int64_t &number) {
    return ops_.create_trial(self_, study_id, trial.dump().c_str(), &trial_id, &number);
}

int64_t Storage::create_trial(int64_t study_id, const json &trial) {
    int64_t id = -1;
    int64_t number = -1;
    REQUIRE_MESSAGE(try_create_trial(study_id, trial, id, number) == HPO_OK, last_error());
    return id;
}

int64_t Storage::claim(int64_t study_id, const char *worker) {
    int64_t id = -2;
    REQUIRE_MESSAGE(ops_.claim_waiting_trial(self_, study_id, worker, &id) == HPO_OK, last_error());
    return id;
}

int32_t Storage::try_update_trial(int64_t study_id, int64_t trial_id, const json &patch) {
    return ops_.update_trial(self_, study_id, trial_id, patch.dump().c_str());
}

void Storage::update_trial(int64_t study_id, int64_t trial_id, const json &patch) {
    REQUIRE_MESSAGE(try_update_trial(study_id, trial_id, patch) == HPO_OK, last_error());
}

json Storage::read_trials(int64_t study_id, int64_t since_revision, int64_t &revision) {
    char *text = nullptr;
    REQUIRE_MESSAGE(ops_.read_trials(self_, study_id, since_revision, &text, &revision) == HPO_OK,
                    last_error());
    return take_json(text);
}

int32_t Storage::try_read_trials(int64_t study_id, int64_t since_revision, json &trials) {
    char *text = nullptr;
    int64_t revision = 0;
    const int32_t status = ops_.read_trials(self_, study_id, since_revision, &text, &revision);
    if (status == HPO_OK) trials = take_json(text);
    return status;
}

json Storage::all_trials(int64_t study_id) {
    int64_t revision = 0;
    return read_trials(study_id, 0, revision);
}

json Storage::trial(int64_t study_id, int64_t trial_id) {
    for (const json &record : all_trials(study_id)) {
        if (record["id"] == trial_id) return record;
    }
    FAIL("no trial " << trial_id << " in study " << study_id);
    return nullptr;
}

json Storage::fail_stale_trials(int64_t study_id, double grace_seconds) {
    char *text = nullptr;
    REQUIRE_MESSAGE(ops_.fail_stale_trials(self_, study_id, grace_seconds, &text) == HPO_OK, last_error());
    return take_json(text);
}

} // namespace hpo::test
