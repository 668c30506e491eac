// What the benchmark drivers share: the sampler rows they compare (bench/samplers.json, so
// a new sampler is one more line there), command-line settings, quartiles, markdown tables,
// and the peer script that measures Optuna in the same run.
#pragma once

#include <nlohmann/json.hpp>

#include <optional>
#include <string>
#include <vector>

namespace hpo::bench {

using json = nlohmann::ordered_json;

struct SamplerRow {
    std::string label;
    std::string sampler; // plugin name
    json options;
    std::vector<std::string> problems; // empty: every problem
    // Rows the quality bench tests this one against ("best optuna": Optuna's best row at
    // each checkpoint); by default its namesake, "optuna <label>".
    std::vector<std::string> against;
    // The Optuna sampler the overhead bench times this row beside: the one it stands in for
    // ("optuna cmaes" for cmaes), "optuna tpe" by default.
    std::string overhead_peer;
    bool applies_to(const std::string &problem) const;
    // {"name": sampler, "options": options}, for a study's config.
    json config() const;
};

// The rows of `path` that take part in `bench` ("quality" or "overhead").
std::vector<SamplerRow> load_samplers(const std::string &path, const std::string &bench);

struct Settings {
    bool smoke = false;    // tiny sizes, for CI
    bool long_run = false; // more seeds and trials
    bool peer = true;      // run the Optuna rows
    std::string out = "";  // JSON output path ("" : bench_<name>.json in the current folder)
    std::string peer_json; // Optuna's rows from a file peer_optuna.py wrote, not run now
    // The Optuna the rows are run with: 4.9 from HPO_PEER_SRC where its peers.py is (the
    // newest peer), else Debian's 3.1; --optuna-debian asks for 3.1 anyway.
    bool optuna_debian = false;
    std::string samplers = HPO_BENCH_DIR "/samplers.json";
    int seeds = 0;                 // repetitions (0: the bench's default for its size)
    int first_seed = 1;            // seeds first_seed .. first_seed + seeds - 1
    std::vector<std::string> only; // run only these problems or sizes (empty: all)
};

// Parses --smoke, --long, --no-peer, --peer-json PATH, --optuna-debian, --out PATH,
// --samplers PATH, --seeds N, --first-seed N, --only a,b; exits
// with usage on anything else.
Settings parse_settings(int argc, char **argv, const char *name, const char *summary);

struct Quartiles {
    double q1, median, q3;
};
Quartiles quartiles(std::vector<double> values);

// Prints a markdown table: a header row and rows of cells.
void print_table(const std::vector<std::string> &header,
                 const std::vector<std::vector<std::string>> &rows);
std::string format_number(double value, int significant = 3);
// "50,100,200": a list as the peer script takes it.
std::string join(const std::vector<int> &values);

// Optuna's rows: read from settings.peer_json when given, else from running
// bench/peer_optuna.py with `arguments` under /usr/bin/python3; nullopt (after printing why)
// when the peer is off, Python or Optuna is missing, or the script fails.
std::optional<json> peer_rows(const Settings &settings, const std::string &arguments);
// What `command` (run by the shell) prints on stdout, as JSON; nullopt, after printing that
// `rows` are skipped and why, when it cannot start, exits non-zero or prints no JSON.
std::optional<json> run_json_command(const std::string &command, const std::string &rows);

void write_json(const std::string &path, const json &document);

// CPU milliseconds of the calling thread: what an ask costs, whatever else the machine runs.
double thread_cpu_ms();

} // namespace hpo::bench
