// bench/overhead: the time one ask takes (the sampler's work plus the engine's, objective of
// zero cost, in-memory storage) once a study holds 100, 1,000 and 5,000 completed trials, on
// a 10-D float space and a 10-D mixed space, each row beside the Optuna sampler it stands in
// for (samplers.json's overhead_peer: CmaEsSampler for cmaes, NSGAIISampler for genetic and
// nsga2, TPESampler otherwise) on the same spaces; then the gp sampler's own section
// (gp_ask.hpp).
// The history is enqueued (no sampler involved), so building it costs little. Times are the
// asking thread's CPU time, as Optuna's are, so that a busy machine does not inflate them.
#include "bench_common.hpp"
#include "gp_ask.hpp"

#include <hpo/hpo.hpp>

#include <cmath>
#include <iostream>
#include <random>
#include <set>

using namespace hpo::bench;

namespace {

struct Space {
    std::string name;
    json spec; // the space's JSON form
};

Space float_space() {
    json spec = json::object();
    for (int i = 0; i < 10; ++i)
        spec["x" + std::to_string(i)] = {{"type", "float"}, {"low", -5}, {"high", 5}};
    return {"float10", spec};
}

// Mirrors overhead_space("mixed10") of peer_optuna.py.
Space mixed_space() {
    json spec = json::object();
    for (int i = 0; i < 3; ++i)
        spec["f" + std::to_string(i)] = {{"type", "float"}, {"low", -5}, {"high", 5}};
    spec["f3"] = {{"type", "float"}, {"low", 1e-3}, {"high", 10}, {"log", true}};
    for (int i = 0; i < 2; ++i)
        spec["i" + std::to_string(i)] = {{"type", "int"}, {"low", 0}, {"high", 100}};
    spec["i2"] = {{"type", "int"}, {"low", 1}, {"high", 1000}, {"log", true}};
    for (int i = 0; i < 3; ++i)
        spec["c" + std::to_string(i)] = {{"type", "categorical"},
                                         {"choices", {"a", "b", "c", "d", "e"}}};
    return {"mixed10", spec};
}

// A configuration drawn uniformly (log-uniformly for log parameters), as the user writes it.
json random_params(const json &space, std::mt19937_64 &rng) {
    std::uniform_real_distribution<double> unit(0.0, 1.0);
    json params = json::object();
    for (const auto &[name, p] : space.items()) {
        if (p["type"] == "categorical") {
            params[name] = p["choices"][static_cast<std::size_t>(rng() % p["choices"].size())];
            continue;
        }
        const double low = p["low"], high = p["high"];
        const bool log = p.value("log", false);
        const double u = unit(rng);
        const double v = log ? std::exp(std::log(low) + u * (std::log(high) - std::log(low)))
                             : low + u * (high - low);
        params[name] = p["type"] == "int" ? json(std::llround(v)) : json(v);
    }
    return params;
}

double value_of(const json &params) {
    double sum = 0;
    for (const auto &[name, v] : params.items())
        if (v.is_number()) sum += v.get<double>() * v.get<double>();
    return sum;
}

// Median milliseconds per ask at each history size, growing one study through the sizes.
std::vector<double> measure(hpo::Engine &engine, const SamplerRow &row, const Space &space,
                            const std::vector<int> &sizes, int asks) {
    const json config = {{"directions", {"minimize"}},
                         {"space", space.spec},
                         {"sampler", row.config()},
                         {"seed", 1}};
    hpo::Study study(engine, config.dump());
    std::mt19937_64 rng(7);
    std::vector<double> medians;
    int64_t told = 0;
    for (int size : sizes) {
        for (; told < size; ++told) {
            const json params = random_params(space.spec, rng);
            study.enqueue(params.dump());
            study.ask()->tell(value_of(params));
        }
        std::vector<double> times;
        for (int k = 0; k < (size >= 5000 ? std::max(1, asks / 4) : asks); ++k) {
            const double start = thread_cpu_ms();
            auto trial = study.ask();
            times.push_back(thread_cpu_ms() - start);
            trial->tell(value_of(json::parse(trial->params_json())));
        }
        told += static_cast<int64_t>(times.size());
        medians.push_back(quartiles(times).median);
    }
    return medians;
}

} // namespace

int main(int argc, char **argv) {
    const Settings settings =
        parse_settings(argc, argv, "overhead",
                       "Milliseconds per ask as the history grows, ours beside Optuna's TPE.");
    const std::vector<int> sizes =
        settings.smoke ? std::vector<int>{20, 50} : std::vector<int>{100, 1000, 5000};
    const int asks = settings.smoke ? 3 : settings.long_run ? 60 : 20;
    try {
        hpo::Engine engine;
        const auto samplers = load_samplers(settings.samplers, "overhead");
        const std::vector<Space> spaces = {float_space(), mixed_space()};
        json results = json::array();
        for (const Space &space : spaces)
            for (const SamplerRow &row : samplers) {
                const auto ms = measure(engine, row, space, sizes, asks);
                for (std::size_t s = 0; s < sizes.size(); ++s)
                    results.push_back({{"sampler", row.label},
                                       {"space", space.name},
                                       {"trials", sizes[s]},
                                       {"ms_per_ask", ms[s]}});
                std::cerr << space.name << " / " << row.label << " done\n";
            }
        // Each Optuna sampler the rows stand beside, timed once; with --peer-json, the file
        // holds the rows of every one of them.
        std::set<std::string> peer_samplers;
        for (const SamplerRow &row : samplers) peer_samplers.insert(row.overhead_peer);
        std::optional<json> peer;
        for (const std::string &peer_sampler : peer_samplers) {
            const std::optional<json> part = peer_rows(
                settings, "overhead --sampler '" + peer_sampler + "' --sizes " +
                              join(sizes) + " --asks " + std::to_string(asks) +
                              " --spaces float10,mixed10");
            if (!part) break;
            if (!settings.peer_json.empty()) {
                peer = part;
                break;
            }
            if (!peer) peer = json{{"version", part->at("version")}, {"rows", json::array()}};
            for (const json &r : part->at("rows")) peer->at("rows").push_back(r);
        }
        auto optuna_ms = [&](const std::string &sampler, const std::string &space, int size) {
            if (peer)
                for (const json &r : peer->at("rows"))
                    if (r.value("sampler", "optuna tpe") == sampler && r.at("space") == space &&
                        r.at("trials") == size)
                        return r.at("ms_per_ask").get<double>();
            return std::nan("");
        };
        std::vector<std::string> header = {"space", "sampler", "beside"};
        for (int size : sizes)
            header.push_back(std::to_string(size) + " trials: ms/ask (Optuna's / ours)");
        std::vector<std::vector<std::string>> rows;
        for (const Space &space : spaces) {
            for (const SamplerRow &row : samplers) {
                std::vector<std::string> cells = {space.name, row.label, row.overhead_peer};
                for (const json &r : results)
                    if (r.at("space") == space.name && r.at("sampler") == row.label) {
                        const double ours = r.at("ms_per_ask"),
                                     theirs = optuna_ms(row.overhead_peer, space.name, r.at("trials"));
                        cells.push_back(
                            format_number(ours) +
                            (std::isnan(theirs) ? "" : " (" + format_number(theirs / ours) + "x)"));
                    }
                rows.push_back(cells);
            }
            for (const std::string &peer_sampler : peer_samplers) {
                std::vector<std::string> cells = {space.name, peer_sampler, ""};
                for (int size : sizes) cells.push_back(format_number(optuna_ms(peer_sampler, space.name, size)));
                if (peer) rows.push_back(cells);
            }
        }
        std::cout << "## CPU milliseconds per ask (median), and the Optuna sampler's time beside it "
                     "as a multiple of ours"
                  << (peer ? " (Optuna " + peer->at("version").get<std::string>() + ")" : "") << "\n\n";
        print_table(header, rows);
        const json gp_ask = gp_ask_section(engine, settings);
        write_json(settings.out, {{"bench", "overhead"},
                                  {"sizes", sizes},
                                  {"asks", asks},
                                  {"optuna", peer ? peer->at("version") : json(nullptr)},
                                  {"results", results},
                                  {"peer", peer ? peer->at("rows") : json(nullptr)},
                                  {"gp_ask", gp_ask}});
    } catch (const std::exception &e) {
        std::cerr << "bench overhead: " << e.what() << "\n";
        return 1;
    }
    return 0;
}
