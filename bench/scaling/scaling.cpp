// bench/scaling: whether the cost of a trial grows with the history (issue #11). The loop is
// a user's: ask, suggest_float x0..x9 in [0, 1], tell, random sampler. Its time per trial is
// taken over a window of trials after the history reaches each size, in memory from C
// (trial_loop.hpp) and from Python (scaling_loop.py over hpo's binding), and on the sqlite and
// journal storages from C; beside Optuna 4.9 and 3.1 running the same loop in the same run,
// each in its own process. Then the resident memory each trial adds, in memory. Every row
// prints its target and whether it is met.
#include "bench_common.hpp"
#include "scaling_tables.hpp"
#include "trial_loop.hpp"

#include <unistd.h>

#include <cmath>
#include <filesystem>
#include <iostream>
#include <memory>
#include <optional>
#include <sstream>
#include <stdexcept>

using namespace hpo::bench;
namespace fs = std::filesystem;

namespace {

struct Options {
    LoopPlan memory{{1000, 10000, 100000}, 1000, 180};
    LoopPlan storage{{1000, 50000}, 1000, 180};
    bool peer = true;
    std::string peer_src = HPO_PEER_SRC;
    std::string out = "bench_scaling.json";
};

// The Optuna versions measured: the name scaling_loop.py knows each by.
const char *const optunas[] = {"optuna4", "optuna3"};

Measured from_json(const json &document) {
    Measured measured{document.at("version").get<std::string>(), {}};
    for (const json &window : document.at("windows")) {
        const json &us = window.at("us_per_trial");
        measured.figures.us_per_trial[window.at("size").get<int>()] = us.is_null() ? NAN : us.get<double>();
    }
    measured.figures.trials = document.at("trials").get<int64_t>();
    const json &bytes = document.at("bytes_per_trial");
    measured.figures.bytes_per_trial = bytes.is_null() ? NAN : bytes.get<double>();
    return measured;
}

json to_json(const MaybeMeasured &measured) {
    if (!measured) return nullptr;
    json windows = json::array();
    for (const auto &[size, us] : measured->figures.us_per_trial)
        windows.push_back({{"size", size}, {"us_per_trial", std::isnan(us) ? json(nullptr) : json(us)}});
    return {{"version", measured->version},
            {"windows", windows},
            {"trials", measured->figures.trials},
            {"bytes_per_trial", measured->figures.bytes_per_trial}};
}

// scaling_loop.py for `library` (hpo, optuna4, optuna3) on one storage.
MaybeMeasured run_python(const std::string &library, const std::string &storage, const LoopPlan &plan,
                         const Options &options, const fs::path &folder) {
    std::ostringstream command;
    if (library == "hpo") command << "HPO_LIBRARY=" HPO_LIBRARY_FILE " PYTHONPATH=" HPO_PYTHON_BINDING " ";
    command << "/usr/bin/python3 " HPO_SCALING_DIR "/scaling_loop.py --library " << library << " --peer-src "
            << options.peer_src << " --storage " << storage << " --path "
            << (folder / (library + "." + storage)).string() << " --sizes " << join(plan.sizes)
            << " --window " << plan.window << " --budget " << plan.budget_s;
    std::cerr << library << " " << storage << " from Python...\n";
    const std::optional<json> document = run_json_command(command.str(), library + " " + storage + " rows");
    if (!document) return std::nullopt;
    return from_json(*document);
}

Measured run_c(hpo_engine *engine, const std::string &storage, const LoopPlan &plan, const fs::path &folder) {
    const std::string url = storage == "memory"
                                ? "memory:"
                                : storage + ":///" + (folder / ("hpo." + storage)).string() + "?sync=false";
    std::cerr << "hpo " << storage << " from C...\n";
    return {hpo_version(), run_trial_loop(engine, url, plan)};
}

// A bad command line: the usage follows the message.
struct BadOption : std::invalid_argument {
    using std::invalid_argument::invalid_argument;
};

double number_of(const char *flag, const std::string &text) {
    size_t used = 0;
    double value = NAN;
    try {
        value = std::stod(text, &used);
    } catch (const std::exception &) {
    }
    if (used != text.size() || !(value > 0))
        throw BadOption(std::string(flag) + " " + text + ": expected a number above 0");
    return value;
}

std::vector<int> parse_sizes(const std::string &text, const char *flag) {
    std::vector<int> sizes;
    std::stringstream stream(text);
    for (std::string part; std::getline(stream, part, ',');) {
        const double size = number_of(flag, part);
        if (size != std::floor(size) || size > 1e9 || (!sizes.empty() && size <= sizes.back()))
            throw BadOption(std::string(flag) + " " + text + ": sizes are ascending counts, e.g. 1000,10000");
        sizes.push_back(static_cast<int>(size));
    }
    if (sizes.size() < 2) throw BadOption(std::string(flag) + " " + text + ": give at least two sizes");
    return sizes;
}

[[noreturn]] void usage(int code) {
    std::cerr
        << "usage: hpo_bench_scaling [--quick] [--sizes A,B,..] [--storage-sizes A,B,..] [--window N]\n"
           "                         [--budget SECONDS] [--no-peer] [--peer-src DIR] [--out FILE.json]\n"
           "Time per trial as the history grows, in memory from C and Python and on sqlite and journal\n"
           "from C, and memory per trial, beside Optuna 4.9 and 3.1. Defaults: --sizes 1000,10000,100000\n"
           "--storage-sizes 1000,50000 --window 1000 --budget 180 (seconds per row). --quick sets every\n"
           "size small for a smoke run (--smoke is the same); flags after it override it.\n";
    std::exit(code);
}

Options parse_options(int argc, char **argv) {
    Options options;
    for (int i = 1; i < argc; ++i) {
        const std::string arg = argv[i];
        const bool has_value = i + 1 < argc;
        if (arg == "--quick" || arg == "--smoke") {
            options.memory = {{100, 300}, 100, 20};
            options.storage = {{100, 300}, 100, 20};
        } else if (arg == "--no-peer")
            options.peer = false;
        else if (arg == "--sizes" && has_value)
            options.memory.sizes = parse_sizes(argv[++i], "--sizes");
        else if (arg == "--storage-sizes" && has_value)
            options.storage.sizes = parse_sizes(argv[++i], "--storage-sizes");
        else if (arg == "--window" && has_value)
            options.memory.window = options.storage.window =
                static_cast<int>(number_of("--window", argv[++i]));
        else if (arg == "--budget" && has_value)
            options.memory.budget_s = options.storage.budget_s = number_of("--budget", argv[++i]);
        else if (arg == "--peer-src" && has_value)
            options.peer_src = argv[++i];
        else if (arg == "--out" && has_value)
            options.out = argv[++i];
        else
            usage(arg == "--help" ? 0 : 2);
    }
    return options;
}

Runs run_all(const Options &options, const fs::path &folder) {
    hpo_engine *raw_engine = nullptr;
    if (hpo_engine_new(nullptr, &raw_engine) != HPO_OK)
        throw std::runtime_error(std::string("starting the engine: ") + hpo_last_error());
    const std::unique_ptr<hpo_engine, decltype(&hpo_engine_free)> engine(raw_engine, &hpo_engine_free);
    Runs runs;
    // First, so that the memory it measures is not memory the other rows freed.
    runs.c_memory = run_c(engine.get(), "memory", options.memory, folder);
    runs.c_sqlite = run_c(engine.get(), "sqlite", options.storage, folder);
    runs.c_journal = run_c(engine.get(), "journal", options.storage, folder);
    // hpo's own row is never skipped: a binding that cannot run fails the bench.
    const MaybeMeasured python_memory = run_python("hpo", "memory", options.memory, options, folder);
    if (!python_memory) throw std::runtime_error("hpo's Python row failed (its message is above)");
    runs.python_memory = *python_memory;
    for (const std::string optuna : optunas) {
        for (const std::string storage : {"memory", "sqlite", "journal"}) {
            const LoopPlan &plan = storage == "memory" ? options.memory : options.storage;
            runs.optuna[optuna][storage] =
                options.peer ? run_python(optuna, storage, plan, options, folder) : std::nullopt;
        }
    }
    return runs;
}

Options options_or_usage(int argc, char **argv) {
    try {
        return parse_options(argc, argv);
    } catch (const BadOption &e) {
        std::cerr << "hpo_bench_scaling: " << e.what() << "\n";
        usage(2);
    }
}

} // namespace

int main(int argc, char **argv) {
    const Options options = options_or_usage(argc, argv);
    const fs::path folder = fs::temp_directory_path() / ("hpo_bench_scaling." + std::to_string(getpid()));
    try {
        fs::create_directories(folder);
        const Runs runs = run_all(options, folder);
        const json tables = print_tables(runs, options.memory, options.storage);
        json raw = {{"c_memory", to_json(runs.c_memory)},
                    {"c_sqlite", to_json(runs.c_sqlite)},
                    {"c_journal", to_json(runs.c_journal)},
                    {"python_memory", to_json(runs.python_memory)}};
        for (const auto &[optuna, by_storage] : runs.optuna)
            for (const auto &[storage, measured] : by_storage)
                raw[optuna + "_" + storage] = to_json(measured);
        write_json(options.out, {{"bench", "scaling"},
                                 {"memory_sizes", options.memory.sizes},
                                 {"storage_sizes", options.storage.sizes},
                                 {"window", options.memory.window},
                                 {"budget_s", options.memory.budget_s},
                                 {"tables", tables},
                                 {"rows", raw}});
    } catch (const std::exception &e) {
        std::cerr << "bench scaling: " << e.what() << "\n";
        fs::remove_all(folder);
        return 1;
    }
    fs::remove_all(folder);
    return 0;
}
