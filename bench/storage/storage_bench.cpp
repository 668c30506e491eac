// bench/storage: trials per second on a trivial objective (x*x over a declared 2-D float
// space, random sampler), in one process and in four processes sharing one study, on the
// memory, sqlite and journal storages, beside Optuna's in-memory, RDB (SQLite) and journal
// file storages measured in the same run by peer_optuna.py.
//
// What is timed: opening the study (already created, except in memory) and running its
// trials, from the first fork to the last worker's exit for four processes. Each measured
// run gets a fresh file; the median of --repeat runs is kept. The engine is driven through
// hpo.h alone, as a user would.
//
// With --postgres URL (a server: tests/plugins/storages/postgres/postgres_server.sh starts a
// throwaway one), a table of the postgres storage in 1, 4 and 8 processes, a fresh study per
// run, beside Optuna's RDBStorage on the same server, Debian's 3.1 and 4.9 from the peer
// sources (--peer-src), each in a database of its own.
//
// A second table gives what one trial costs the sqlite and journal storages with 1,000 and
// with 50,000 trials already in the study (history_cost.hpp): a storage whose work grows
// with its history shows it in the ratio.
#include "bench_common.hpp"
#include "history_cost.hpp"

#include <hpo/hpo.h>

#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <memory>
#include <stdexcept>

using namespace hpo::bench;
namespace fs = std::filesystem;

namespace {

struct Options {
    int trials = 300;
    int repeat = 3;
    bool peer = true;
    bool history_only = false;
    bool postgres_only = false; // the PostgreSQL table alone
    std::vector<int> history_sizes = {1000, 50000};
    int history_blocks = 10;
    int history_block_trials = 100;
    std::string json_path = "bench_storage.json";
    std::string postgres;                  // a server's URL: the PostgreSQL table
    std::string peer_src = HPO_PEER_SRC;   // Optuna 4 for that table
};

// One row of the table: a storage kind, and the URL query that tunes it.
struct Storage {
    std::string kind;  // memory, sqlite or journal: also the Optuna row it is compared with
    std::string query; // "" (durable: fsync per write) or "?sync=false"
    std::string label() const { return query.empty() ? kind : kind + " " + query.substr(1); }
};

const std::vector<Storage> storages = {
    {"memory", ""}, {"sqlite", ""}, {"sqlite", "?sync=false"}, {"journal", ""}, {"journal", "?sync=false"}};
const std::vector<int> process_counts = {1, 4};

void check(int32_t status, const std::string &doing) {
    if (status != HPO_OK) throw std::runtime_error(doing + ": " + hpo_last_error());
}

using EnginePtr = std::unique_ptr<hpo_engine, decltype(&hpo_engine_free)>;
using StudyPtr = std::unique_ptr<hpo_study, decltype(&hpo_study_free)>;

StudyPtr open_study(hpo_engine *engine, const json &config) {
    hpo_study *study = nullptr;
    check(hpo_study_create(engine, config.dump().c_str(), &study), "opening the study in " + config["storage"].get<std::string>());
    return {study, &hpo_study_free};
}

int32_t square_of_x(hpo_trial *trial, double *out_values, size_t, void *) {
    double x = 0;
    const int32_t status = hpo_trial_param(trial, "x", &x);
    out_values[0] = x * x;
    return status;
}

void run_trials(hpo_engine *engine, const json &config, int trials) {
    const StudyPtr study = open_study(engine, config);
    const std::string options = json{{"n_trials", trials}}.dump();
    check(hpo_study_optimize(study.get(), square_of_x, options.c_str(), nullptr), "optimizing");
}

// Runs `trials` split among `processes` forked workers; throws unless every worker exits 0.
void run_in_workers(hpo_engine *engine, const json &config, int trials, int processes) {
    std::vector<pid_t> workers;
    for (int w = 0; w < processes; ++w) {
        const pid_t pid = fork();
        if (pid < 0) throw std::runtime_error("fork failed");
        if (pid == 0) {
            int code = 0;
            try {
                run_trials(engine, config, trials / processes);
            } catch (const std::exception &e) {
                std::cerr << "worker " << w << ": " << e.what() << "\n";
                code = 1;
            }
            std::_Exit(code); // no destructor of the parent's objects runs in the child
        }
        workers.push_back(pid);
    }
    bool failed = false;
    for (const pid_t pid : workers) {
        int status = 0;
        waitpid(pid, &status, 0);
        failed |= !WIFEXITED(status) || WEXITSTATUS(status) != 0;
    }
    if (failed) throw std::runtime_error("a worker failed on " + config["storage"].get<std::string>());
}

// The URL of a fresh run's storage: a new file in `folder`, a server's URL as it is.
std::string url_of(const Storage &storage, const fs::path &folder, int serial) {
    if (storage.kind == "memory") return "memory:";
    if (storage.kind == "postgres") return storage.query;
    return storage.kind + ":///" + (folder / (storage.kind + std::to_string(serial))).string() + storage.query;
}

// Trials per second of one run on a fresh file in `folder` (a fresh study on a server).
double measure_once(hpo_engine *engine, const Storage &storage, int processes, int trials, const fs::path &folder,
                    int serial) {
    const std::string url = url_of(storage, folder, serial);
    const json config = {{"name", "bench-" + std::to_string(getpid()) + "-" + std::to_string(serial)},
                         {"space", {{"x", {{"type", "float"}, {"low", -10}, {"high", 10}}},
                                    {"y", {{"type", "float"}, {"low", -10}, {"high", 10}}}}},
                         {"sampler", "random"},
                         {"storage", url},
                         {"load_if_exists", true},
                         {"seed", serial}};
    // Created before the clock starts, so workers only load it, as Optuna's do.
    if (storage.kind != "memory") open_study(engine, config);
    const auto start = std::chrono::steady_clock::now();
    if (processes == 1) run_trials(engine, config, trials);
    else run_in_workers(engine, config, trials, processes);
    const std::chrono::duration<double> elapsed = std::chrono::steady_clock::now() - start;

    const int expected = trials / processes * processes;
    if (storage.kind != "memory") {
        int64_t stored = 0;
        check(hpo_study_n_trials(open_study(engine, config).get(), &stored), "counting trials");
        if (stored != expected) {
            throw std::runtime_error(url + ": " + std::to_string(stored) + " trials stored, expected " +
                                     std::to_string(expected));
        }
    }
    return expected / elapsed.count();
}

double median_of_runs(hpo_engine *engine, const Storage &storage, int processes, const Options &options,
                      const fs::path &folder, int &serial) {
    std::vector<double> rates;
    for (int r = 0; r < options.repeat; ++r) rates.push_back(measure_once(engine, storage, processes, options.trials, folder, ++serial));
    return quartiles(rates).median;
}

// Optuna's rows from peer_optuna.py, or nullopt (after saying why) when they cannot be had;
// `extra` adds its options (--postgres URL, --peer-src DIR).
std::optional<json> run_peer(const Options &options, const fs::path &folder, const std::string &extra = "") {
    const fs::path out = folder / "optuna.json";
    const std::string command = "/usr/bin/python3 " HPO_BENCH_STORAGE_DIR "/peer_optuna.py --trials " +
                                std::to_string(options.trials) + " --repeat " + std::to_string(options.repeat) +
                                " --out " + out.string() + extra;
    const int status = std::system(command.c_str());
    if (status != 0) {
        std::cout << "> Optuna rows skipped: peer_optuna.py exited with status "
                  << (WIFEXITED(status) ? WEXITSTATUS(status) : status) << " (see its message above)\n\n";
        return std::nullopt;
    }
    std::ifstream in(out);
    return json::parse(in);
}

double optuna_rate(const std::optional<json> &peer, const std::string &kind, int processes) {
    if (peer) {
        for (const json &row : peer->at("rows")) {
            if (row.at("storage") == kind && row.at("processes") == processes && row.at("trials_per_s").is_number()) {
                return row.at("trials_per_s").get<double>();
            }
        }
    }
    return std::nan("");
}

Options parse_options(int argc, char **argv) {
    Options options;
    for (int i = 1; i < argc; ++i) {
        const std::string arg = argv[i];
        const bool has_value = i + 1 < argc;
        if (arg == "--smoke") {
            options.trials = 20, options.repeat = 1;
            options.history_sizes = {100, 1000}, options.history_blocks = 3, options.history_block_trials = 20;
        }
        else if (arg == "--history-only") options.history_only = true;
        else if (arg == "--no-peer") options.peer = false;
        else if (arg == "--trials" && has_value) options.trials = std::stoi(argv[++i]);
        else if (arg == "--repeat" && has_value) options.repeat = std::stoi(argv[++i]);
        else if (arg == "--json" && has_value) options.json_path = argv[++i];
        else if (arg == "--postgres" && has_value) options.postgres = argv[++i];
        else if (arg == "--peer-src" && has_value) options.peer_src = argv[++i];
        else if (arg == "--postgres-only") options.postgres_only = true;
        else {
            std::cerr << "usage: hpo_bench_storage [--smoke] [--trials N] [--repeat R] [--no-peer] [--history-only]\n"
                         "                         [--json FILE] [--postgres URL [--peer-src DIR] [--postgres-only]]\n"
                         "Trials per second on the memory, sqlite and journal storages, 1 and 4 processes,\n"
                         "beside Optuna's storages (defaults: 300 trials, median of 3 runs), then the cost\n"
                         "of one trial on sqlite and journal at 1,000 and 50,000 past trials. With --postgres,\n"
                         "the postgres storage on that server in 1, 4 and 8 processes beside Optuna's RDBStorage\n"
                         "(Debian's 3.1, and 4.x from --peer-src) on the same server.\n";
            std::exit(arg == "--help" ? 0 : 2);
        }
    }
    if (options.postgres_only && options.postgres.empty()) {
        std::cerr << "hpo_bench_storage: --postgres-only needs --postgres URL\n";
        std::exit(2);
    }
    if (options.trials < 4 || options.repeat < 1) {
        std::cerr << "hpo_bench_storage: --trials must be at least 4 and --repeat at least 1\n";
        std::exit(2);
    }
    return options;
}

std::string rate_cell(double rate) { return std::isnan(rate) ? "n/a" : format_number(rate); }

// The throughput table, beside Optuna's; returns its rows for the JSON file.
json throughput_section(const Options &options, const fs::path &folder) {
    hpo_engine *raw_engine = nullptr;
    check(hpo_engine_new(nullptr, &raw_engine), "starting the engine");
    const EnginePtr engine(raw_engine, &hpo_engine_free);
    const std::optional<json> peer = options.peer ? run_peer(options, folder) : std::nullopt;

    int serial = 0;
    json results = json::array();
    std::vector<std::vector<std::string>> rows;
    for (const int processes : process_counts) {
        for (const Storage &storage : storages) {
            // One process's memory cannot be shared by four: no row to compare.
            const bool shared = storage.kind != "memory" || processes == 1;
            const double ours = shared ? median_of_runs(engine.get(), storage, processes, options, folder, serial) : NAN;
            const double theirs = optuna_rate(peer, storage.kind, processes);
            rows.push_back({storage.label(), std::to_string(processes), rate_cell(ours), rate_cell(theirs),
                            std::isnan(ours / theirs) ? "n/a" : format_number(ours / theirs) + "x"});
            results.push_back({{"storage", storage.label()}, {"processes", processes},
                               {"hpo_trials_per_s", shared ? json(ours) : json(nullptr)},
                               {"optuna_trials_per_s", std::isnan(theirs) ? json(nullptr) : json(theirs)}});
            std::cerr << storage.label() << " x" << processes << " done\n";
        }
    }
    std::cout << "## Trials per second, " << options.trials << " trials (median of " << options.repeat
              << " runs). Optuna's SQLite and journal rows are its defaults, durable (it has no sync=false)\n\n";
    print_table({"storage", "processes", "hpo trials/s", "Optuna trials/s", "hpo / Optuna"}, rows);
    return {{"optuna", peer ? peer->at("version") : json(nullptr)}, {"results", results}};
}

// The postgres storage on the server of options.postgres beside Optuna's RDBStorage there.
json postgres_section(const Options &options, const fs::path &folder) {
    hpo_engine *raw_engine = nullptr;
    check(hpo_engine_new(nullptr, &raw_engine), "starting the engine");
    const EnginePtr engine(raw_engine, &hpo_engine_free);
    const std::string server = " --postgres '" + options.postgres + "'";
    std::vector<std::optional<json>> peers;
    if (options.peer) {
        peers.push_back(run_peer(options, folder, server + " --peer-src '" + options.peer_src + "'"));
        peers.push_back(run_peer(options, folder, server));
    }
    const std::string fast = options.postgres + (options.postgres.find('?') == std::string::npos ? "?" : "&") +
                             "sync=false";
    int serial = 0;
    json results = json::array();
    std::vector<std::vector<std::string>> rows;
    std::vector<std::string> header = {"storage", "processes", "hpo trials/s"};
    for (const auto &peer : peers) {
        header.push_back("Optuna " + (peer ? peer->at("version").get<std::string>() : std::string("?")) + " trials/s");
        header.push_back("hpo / Optuna");
    }
    for (const auto &[label, url] : {std::pair{"postgres", options.postgres}, std::pair{"postgres sync=false", fast}}) {
        const Storage storage{"postgres", url};
        for (const int processes : {1, 4, 8}) {
            const double ours = median_of_runs(engine.get(), storage, processes, options, folder, serial);
            std::vector<std::string> row = {label, std::to_string(processes), rate_cell(ours)};
            json result = {{"storage", label}, {"processes", processes}, {"hpo_trials_per_s", ours}};
            for (const auto &peer : peers) {
                const double theirs = optuna_rate(peer, "postgres", processes);
                row.push_back(rate_cell(theirs));
                row.push_back(std::isnan(theirs) ? "n/a" : format_number(ours / theirs) + "x");
                if (peer) result["optuna_" + peer->at("version").get<std::string>() + "_trials_per_s"] = theirs;
            }
            rows.push_back(row);
            results.push_back(result);
            std::cerr << label << " x" << processes << " done\n";
        }
    }
    std::cout << "\n## PostgreSQL, trials per second, " << options.trials << " trials (median of " << options.repeat
              << " runs), a fresh study per run; Optuna's RDBStorage on the same server, durable (its default)\n\n";
    print_table(header, rows);
    return results;
}

// The table of one trial's cost at each history size, side by side per storage.
json history_section(const Options &options, const fs::path &folder) {
    const std::vector<HistoryCost> costs = measure_history_cost(options.history_sizes, options.history_blocks,
                                                                options.history_block_trials, folder);
    std::vector<std::string> header = {"storage"};
    for (const int past : options.history_sizes) header.push_back("µs/trial at " + std::to_string(past) + " past");
    header.push_back("last / first");
    const auto pair = [](double wall, double cpu) { return format_number(wall) + " / " + format_number(cpu); };
    std::vector<std::vector<std::string>> rows;
    json results = json::array();
    const size_t n_sizes = options.history_sizes.size();
    for (size_t at = 0; at < costs.size(); at += n_sizes) {
        std::vector<std::string> row = {costs[at].storage};
        for (size_t size = 0; size < n_sizes; ++size) {
            const HistoryCost &cost = costs[at + size];
            row.push_back(pair(cost.wall_microseconds, cost.cpu_microseconds));
            results.push_back({{"storage", cost.storage}, {"past_trials", cost.past_trials},
                               {"wall_microseconds_per_trial", cost.wall_microseconds},
                               {"cpu_microseconds_per_trial", cost.cpu_microseconds}});
        }
        const HistoryCost &first = costs[at];
        const HistoryCost &last = costs[at + n_sizes - 1];
        row.push_back(pair(last.wall_microseconds / first.wall_microseconds,
                           last.cpu_microseconds / first.cpu_microseconds));
        rows.push_back(row);
    }
    std::cout << "\n## One trial's storage calls (create RUNNING, params, complete, read changes) by history size,\n"
              << "sync=false, fastest of " << options.history_blocks << " blocks of " << options.history_block_trials
              << " trials; each cell: wall / this thread's CPU\n\n";
    print_table(header, rows);
    return results;
}

} // namespace

int main(int argc, char **argv) {
    const Options options = parse_options(argc, argv);
    const fs::path folder = fs::temp_directory_path() / ("hpo_bench_storage." + std::to_string(getpid()));
    try {
        fs::create_directories(folder);
        json document = {{"bench", "storage"}, {"trials", options.trials}, {"repeat", options.repeat}};
        if (!options.history_only && !options.postgres_only) document.update(throughput_section(options, folder));
        if (!options.postgres.empty()) document["postgres"] = postgres_section(options, folder);
        if (!options.postgres_only) document["history"] = history_section(options, folder);
        write_json(options.json_path, document);
    } catch (const std::exception &e) {
        std::cerr << "bench storage: " << e.what() << "\n";
        fs::remove_all(folder);
        return 1;
    }
    fs::remove_all(folder);
    return 0;
}
