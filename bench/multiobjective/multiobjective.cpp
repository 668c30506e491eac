// bench/multiobjective: hypervolume (hypervolume.hpp, exact) of the trials found after N
// trials, median and quartiles over seeds, for the multi-objective rows of
// bench/samplers.json on ZDT1, ZDT2, ZDT3 and DTLZ2 (3 objectives), beside Optuna's
// NSGAIISampler and NSGAIIISampler on the same problems in the same run, with the
// Mann-Whitney test of each row against the Optuna row it names. Larger is better.
#include "bench_common.hpp"
#include "hypervolume.hpp"
#include "rank_test.hpp"

#include <hpo/hpo.hpp>

#include <algorithm>
#include <iostream>
#include <map>

using namespace hpo::bench;

namespace {

struct Problem {
    std::string name; // the benchmarks objective's function, and the peer script's problem
    std::vector<double> reference;
};

// Each reference point is a tenth past the nadir of the problem's Pareto front.
const std::vector<Problem> kProblems = {
    {"zdt1", {1.1, 1.1}}, {"zdt2", {1.1, 1.1}}, {"zdt3", {1.1, 1.1}}, {"dtlz2", {1.1, 1.1, 1.1}}};

// The hypervolume of the first c trials (by number) at each checkpoint c; `trials` holds each
// completed trial's values in order of number.
std::vector<double> volumes_at(const std::vector<std::vector<double>> &trials, const Problem &problem,
                               const std::vector<int> &checkpoints) {
    std::vector<double> volumes;
    for (int c : checkpoints) {
        const auto end = trials.begin() + std::min<std::ptrdiff_t>(c, static_cast<std::ptrdiff_t>(trials.size()));
        volumes.push_back(hypervolume({trials.begin(), end}, problem.reference));
    }
    return volumes;
}

std::vector<std::vector<double>> completed_values(const json &trials) {
    std::vector<std::vector<double>> values;
    for (const json &t : trials)
        if (t.at("state") == "COMPLETE") values.push_back(t.at("values").get<std::vector<double>>());
    return values;
}

} // namespace

int main(int argc, char **argv) {
    const Settings settings = parse_settings(
        argc, argv, "multiobjective",
        "Hypervolume after N trials (median [q1, q3] over seeds), ours beside Optuna's NSGA-II/III.");
    const int seeds = settings.seeds > 0 ? settings.seeds : settings.smoke ? 2 : 10;
    const std::vector<int> checkpoints =
        settings.smoke ? std::vector<int>{20, 40} : std::vector<int>{500, 1000};
    try {
        hpo::Engine engine;
        const auto samplers = load_samplers(settings.samplers, "multiobjective");
        std::vector<Problem> problems;
        for (const Problem &p : kProblems)
            if (settings.only.empty() || std::count(settings.only.begin(), settings.only.end(), p.name))
                problems.push_back(p);
        // volumes[problem][sampler][checkpoint] over seeds
        std::map<std::string, std::map<std::string, std::vector<std::vector<double>>>> volumes;
        auto record = [&](const Problem &problem, const std::string &label,
                          const std::vector<std::vector<double>> &trials) {
            auto &row = volumes[problem.name][label];
            row.resize(checkpoints.size());
            const auto v = volumes_at(trials, problem, checkpoints);
            for (std::size_t c = 0; c < checkpoints.size(); ++c) row[c].push_back(v[c]);
        };
        for (const Problem &problem : problems)
            for (const SamplerRow &row : samplers)
                for (int seed = settings.first_seed; seed < settings.first_seed + seeds; ++seed) {
                    const std::vector<std::string> directions(problem.reference.size(), "minimize");
                    hpo::Study study(engine, json{{"directions", directions}, {"sampler", row.config()},
                                                  {"seed", seed}}.dump());
                    const json objective = {{"name", "benchmarks"}, {"options", {{"function", problem.name}}}};
                    study.optimize_plugin(objective.dump(), json{{"n_trials", checkpoints.back()}}.dump());
                    record(problem, row.label, completed_values(json::parse(study.trials_json())));
                }
        std::string names;
        for (const Problem &p : problems) names += (names.empty() ? "" : ",") + p.name;
        const std::optional<json> peer = peer_rows(
            settings, "multiobjective --seeds " + std::to_string(seeds) + " --first-seed " +
                          std::to_string(settings.first_seed) + " --n-trials " +
                          std::to_string(checkpoints.back()) + " --problems " + names);
        if (peer)
            for (const json &row : peer->at("rows"))
                for (const Problem &problem : problems)
                    if (row.at("problem") == problem.name)
                        for (const json &run : row.at("values"))
                            record(problem, row.at("sampler"), run.get<std::vector<std::vector<double>>>());
        std::vector<std::string> header = {"problem", "sampler"};
        for (int c : checkpoints) header.push_back("hypervolume @" + std::to_string(c));
        std::vector<std::vector<std::string>> rows, comparisons;
        json results = json::array();
        for (const Problem &problem : problems)
            for (const auto &[label, by_checkpoint] : volumes[problem.name]) {
                std::vector<std::string> cells = {problem.name, label};
                for (const auto &v : by_checkpoint) {
                    const Quartiles q = quartiles(v);
                    cells.push_back(format_number(q.median, 4) + " [" + format_number(q.q1, 4) + ", " +
                                    format_number(q.q3, 4) + "]");
                }
                rows.push_back(cells);
                results.push_back({{"problem", problem.name}, {"sampler", label}, {"hypervolumes", by_checkpoint}});
            }
        for (const Problem &problem : problems)
            for (const SamplerRow &row : samplers)
                for (const std::string &peer_label : row.against) {
                    const auto &ours = volumes[problem.name][row.label];
                    const auto found = volumes[problem.name].find(peer_label);
                    if (found == volumes[problem.name].end() || ours.empty()) continue;
                    std::vector<std::string> cells = {problem.name, row.label, peer_label};
                    for (std::size_t c = 0; c < checkpoints.size(); ++c) {
                        const double p = mann_whitney_p(ours[c], found->second[c]);
                        const double a = quartiles(ours[c]).median, b = quartiles(found->second[c]).median;
                        const std::string verdict = p >= 0.05 ? "tie" : a > b ? "better" : "worse";
                        cells.push_back(verdict + ": " + format_number(a, 4) + " / " + format_number(b, 4) +
                                        ", p=" + format_number(p, 2));
                    }
                    comparisons.push_back(cells);
                }
        std::cout << "## Hypervolume, median [q1, q3] over " << seeds << " seeds\n\n";
        print_table(header, rows);
        if (!comparisons.empty()) {
            std::vector<std::string> against = {"problem", "sampler", "against"};
            for (int c : checkpoints) against.push_back("@" + std::to_string(c));
            std::cout << "\n## Against Optuna: median hypervolume, ours / theirs, Mann-Whitney p\n\n";
            print_table(against, comparisons);
        }
        write_json(settings.out, {{"bench", "multiobjective"},
                                  {"seeds", seeds},
                                  {"checkpoints", checkpoints},
                                  {"optuna", peer ? peer->at("version") : json(nullptr)},
                                  {"results", results}});
    } catch (const std::exception &e) {
        std::cerr << "bench multiobjective: " << e.what() << "\n";
        return 1;
    }
    return 0;
}
