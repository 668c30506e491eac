#include "history_cost.hpp"

#include "bench_common.hpp"

#include <hpo/plugin.h>

#include <dlfcn.h>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <iostream>
#include <stdexcept>

namespace hpo::bench {
namespace {

// The engine's side of the plugin calls: malloc'd strings, the last error, warnings to stderr.
thread_local std::string last_error;

hpo_host bench_host() {
    hpo_host host{};
    host.struct_size = sizeof host;
    host.abi_version = HPO_ABI_VERSION;
    host.alloc = [](void *, size_t size) { return std::malloc(size); };
    host.free = [](void *, void *ptr) { std::free(ptr); };
    host.set_error = [](void *, const char *message) { last_error = message; };
    host.log = [](void *, int32_t level, const char *message) {
        if (level >= HPO_LOG_WARNING) std::cerr << "storage warning: " << message << "\n";
    };
    return host;
}

const hpo_storage_ops &storage_ops(const std::string &storage) {
    const std::string file = storage == "sqlite" ? HPO_BENCH_SQLITE_PLUGIN : HPO_BENCH_JOURNAL_PLUGIN;
    void *library = dlopen(file.c_str(), RTLD_NOW | RTLD_LOCAL); // kept for the process
    if (library == nullptr) throw std::runtime_error(dlerror());
    const auto query = reinterpret_cast<hpo_plugin_query_fn>(dlsym(library, HPO_PLUGIN_QUERY_SYMBOL));
    const hpo_plugin_table *table = query != nullptr ? query(HPO_ABI_VERSION) : nullptr;
    if (table == nullptr || table->n_plugins != 1 || table->plugins[0].kind != HPO_PLUGIN_STORAGE) {
        throw std::runtime_error(file + " is not one storage plugin");
    }
    return *static_cast<const hpo_storage_ops *>(table->plugins[0].ops);
}

// One study in a fresh file, written and read as the engine does, one handle.
class StoredStudy {
public:
    StoredStudy(const std::string &storage, const std::filesystem::path &file)
        : ops_(storage_ops(storage)), host_(bench_host()) {
        const json options = {{"url", storage + ":///" + file.string()}, {"sync", false}};
        check(ops_.create(options.dump().c_str(), &host_, &self_), "opening");
        const json study = {{"name", "history"}, {"directions", {"minimize"}}, {"space", json::object()}};
        check(ops_.create_study(self_, study.dump().c_str(), 0, &study_), "create_study");
    }
    ~StoredStudy() { ops_.destroy(self_); }
    StoredStudy(const StoredStudy &) = delete;
    StoredStudy &operator=(const StoredStudy &) = delete;

    int64_t create_trial(const json &trial) {
        int64_t id = -1;
        check(ops_.create_trial(self_, study_, trial.dump().c_str(), &id, nullptr), "create_trial");
        return id;
    }
    void update_trial(int64_t id, const json &patch) {
        check(ops_.update_trial(self_, study_, id, patch.dump().c_str()), "update_trial");
    }
    // What changed since the last read, parsed as the engine parses it; returns how many trials.
    size_t read_changes() {
        char *text = nullptr;
        check(ops_.read_trials(self_, study_, revision_, &text, &revision_), "read_trials");
        const size_t changed = json::parse(text).size();
        std::free(text);
        return changed;
    }

private:
    static void check(int32_t status, const char *doing) {
        if (status != HPO_OK) throw std::runtime_error(std::string(doing) + ": " + last_error);
    }

    const hpo_storage_ops &ops_;
    hpo_host host_;
    void *self_ = nullptr;
    int64_t study_ = -1;
    int64_t revision_ = 0;
};

// The engine's round for one trial.
void one_trial(StoredStudy &study, int serial, double now) {
    const int64_t id = study.create_trial({{"state", "RUNNING"}, {"heartbeat", now}, {"worker", "bench"}});
    study.read_changes();
    study.update_trial(id, {{"params", {{"x", serial % 97 * 0.1}, {"y", serial % 89 * 0.1}}}});
    study.update_trial(id, {{"state", "COMPLETE"}, {"values", {serial * 0.5}}, {"heartbeat", now}});
    study.read_changes();
}

void fill_to(StoredStudy &study, int &written, int past_trials) {
    for (; written < past_trials; ++written) {
        study.create_trial({{"state", "COMPLETE"},
                            {"params", {{"x", written % 97 * 0.1}, {"y", written % 89 * 0.1}}},
                            {"values", {written * 0.5}}});
    }
    study.read_changes(); // the history read once, as a worker joining the study would
}

} // namespace

std::vector<HistoryCost> measure_history_cost(const std::vector<int> &past_sizes, int blocks, int trials_per_block,
                                              const std::filesystem::path &folder) {
    std::vector<HistoryCost> costs;
    for (const std::string storage : {"sqlite", "journal"}) {
        StoredStudy study(storage, folder / ("history_" + storage));
        int written = 0;
        for (const int past : past_sizes) {
            fill_to(study, written, past);
            std::vector<double> wall;
            std::vector<double> cpu;
            for (int block = 0; block < blocks; ++block) {
                const auto start = std::chrono::steady_clock::now();
                const double cpu_start = thread_cpu_ms();
                for (int t = 0; t < trials_per_block; ++t) one_trial(study, written + t, 1.7e9);
                const std::chrono::duration<double, std::micro> elapsed = std::chrono::steady_clock::now() - start;
                wall.push_back(elapsed.count() / trials_per_block);
                cpu.push_back((thread_cpu_ms() - cpu_start) * 1000 / trials_per_block);
                written += trials_per_block; // the timed trials join the history too
            }
            // The fastest block: what the machine's other work adds to a block is never negative.
            costs.push_back({storage, past, *std::min_element(wall.begin(), wall.end()),
                             *std::min_element(cpu.begin(), cpu.end())});
            std::cerr << storage << " at " << past << " past trials done\n";
        }
    }
    return costs;
}

} // namespace hpo::bench
