#include "bench_common.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <iomanip>
#include <iostream>
#include <sstream>
#include <stdexcept>

namespace hpo::bench {

bool SamplerRow::applies_to(const std::string &problem) const {
    return problems.empty() ||
           std::find(problems.begin(), problems.end(), problem) != problems.end();
}

json SamplerRow::config() const {
    return {{"name", sampler}, {"options", options}};
}

std::vector<SamplerRow> load_samplers(const std::string &path, const std::string &bench) {
    std::ifstream in(path);
    if (!in) throw std::runtime_error("cannot read the sampler list " + path);
    const json doc = json::parse(in);
    std::vector<SamplerRow> rows;
    for (const json &entry : doc.at("samplers")) {
        const auto benches = entry.value("benches", std::vector<std::string>{bench});
        if (std::find(benches.begin(), benches.end(), bench) == benches.end()) continue;
        const auto label = entry.at("label").get<std::string>();
        rows.push_back({label, entry.at("sampler").get<std::string>(),
                        entry.value("options", json::object()),
                        entry.value("problems", std::vector<std::string>{}),
                        entry.value("against", std::vector<std::string>{"optuna " + label}),
                        entry.value("overhead_peer", std::string("optuna tpe"))});
    }
    return rows;
}

namespace {

std::vector<std::string> split(const std::string &text, char separator) {
    std::vector<std::string> parts;
    std::stringstream stream(text);
    for (std::string part; std::getline(stream, part, separator);)
        if (!part.empty()) parts.push_back(part);
    return parts;
}

} // namespace

Settings parse_settings(int argc, char **argv, const char *name, const char *summary) {
    Settings settings;
    for (int i = 1; i < argc; ++i) {
        const std::string arg = argv[i];
        if (arg == "--smoke")
            settings.smoke = true;
        else if (arg == "--long")
            settings.long_run = true;
        else if (arg == "--no-peer")
            settings.peer = false;
        else if (arg == "--out" && i + 1 < argc)
            settings.out = argv[++i];
        else if (arg == "--peer-json" && i + 1 < argc)
            settings.peer_json = argv[++i];
        else if (arg == "--optuna-debian")
            settings.optuna_debian = true;
        else if (arg == "--samplers" && i + 1 < argc)
            settings.samplers = argv[++i];
        else if (arg == "--seeds" && i + 1 < argc)
            settings.seeds = std::stoi(argv[++i]);
        else if (arg == "--first-seed" && i + 1 < argc)
            settings.first_seed = std::stoi(argv[++i]);
        else if (arg == "--only" && i + 1 < argc)
            settings.only = split(argv[++i], ',');
        else {
            std::cerr << "usage: " << name
                      << " [--smoke | --long] [--no-peer | --peer-json FILE | --optuna-debian] [--out FILE.json]"
                      << " [--samplers samplers.json] [--seeds N] [--first-seed N] [--only a,b]\n"
                      << summary << "\n";
            std::exit(arg == "--help" ? 0 : 2);
        }
    }
    if (settings.out.empty()) settings.out = std::string("bench_") + name + ".json";
    return settings;
}

Quartiles quartiles(std::vector<double> values) {
    std::sort(values.begin(), values.end());
    auto at = [&](double q) { // linear interpolation between order statistics
        const double pos = q * static_cast<double>(values.size() - 1);
        const auto lo = static_cast<std::size_t>(std::floor(pos));
        const std::size_t hi = std::min(lo + 1, values.size() - 1);
        return values[lo] + (values[hi] - values[lo]) * (pos - static_cast<double>(lo));
    };
    if (values.empty()) return {NAN, NAN, NAN};
    return {at(0.25), at(0.5), at(0.75)};
}

std::string format_number(double value, int significant) {
    if (std::isnan(value)) return "-";
    std::ostringstream out;
    out << std::setprecision(significant) << value;
    return out.str();
}

std::string join(const std::vector<int> &values) {
    std::string text;
    for (int v : values) text += (text.empty() ? "" : ",") + std::to_string(v);
    return text;
}

void print_table(const std::vector<std::string> &header,
                 const std::vector<std::vector<std::string>> &rows) {
    auto line = [](const std::vector<std::string> &cells) {
        std::string text = "|";
        for (const auto &cell : cells) text += " " + cell + " |";
        std::cout << text << "\n";
    };
    line(header);
    line(std::vector<std::string>(header.size(), "---"));
    for (const auto &row : rows) line(row);
    std::cout << std::endl;
}

std::optional<json> run_json_command(const std::string &command, const std::string &rows) {
    FILE *pipe = popen(command.c_str(), "r");
    if (pipe == nullptr) {
        std::cout << "> " << rows << " skipped: cannot run " << command << "\n\n";
        return std::nullopt;
    }
    std::string output;
    std::array<char, 4096> buffer;
    while (std::size_t n = std::fread(buffer.data(), 1, buffer.size(), pipe))
        output.append(buffer.data(), n);
    const int status = pclose(pipe);
    if (status != 0) {
        std::cout << "> " << rows << " skipped: " << output.substr(0, 400) << "\n\n";
        return std::nullopt;
    }
    try {
        return json::parse(output);
    } catch (const json::parse_error &) {
        std::cout << "> " << rows << " skipped: the script printed no JSON: "
                  << output.substr(0, 400) << "\n\n";
        return std::nullopt;
    }
}

std::optional<json> peer_rows(const Settings &settings, const std::string &arguments) {
    if (!settings.peer) return std::nullopt;
    if (settings.peer_json.empty()) {
        std::error_code ec;
        const bool newest = !settings.optuna_debian && std::filesystem::exists(HPO_PEER_SRC "/peers.py", ec);
        return run_json_command("/usr/bin/python3 " HPO_BENCH_DIR "/peer_optuna.py " +
                                    (newest ? std::string("--peer-src '" HPO_PEER_SRC "' ") : std::string()) +
                                    arguments,
                                "Optuna rows");
    }
    std::ifstream in(settings.peer_json);
    if (!in) throw std::runtime_error("cannot read " + settings.peer_json);
    return json::parse(in);
}

void write_json(const std::string &path, const json &document) {
    std::ofstream out(path);
    out << document.dump(2) << "\n";
    if (!out) throw std::runtime_error("cannot write " + path);
    std::cout << "results written to " << path << "\n";
}

double thread_cpu_ms() {
    timespec now{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &now);
    return 1e3 * static_cast<double>(now.tv_sec) + 1e-6 * static_cast<double>(now.tv_nsec);
}

} // namespace hpo::bench
