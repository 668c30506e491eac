// bench/quality: simple regret (best value found minus the known optimum) after 50, 100 and
// 200 trials, median and quartiles over seeds, for every sampler of bench/samplers.json on
// standard problems, beside Optuna's samplers on the same problems in the same run.
#include "bench_common.hpp"
#include "rank_test.hpp"

#include <hpo/hpo.hpp>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <iostream>
#include <limits>
#include <map>

using namespace hpo::bench;

namespace {

struct Problem {
    std::string name; // as the benchmarks objective and the peer script call it
    json options;     // the benchmarks objective's options
    double optimum;
};

const std::vector<Problem> kProblems = {
    {"branin", {{"function", "branin"}}, 0.397887357729739},
    {"hartmann6", {{"function", "hartmann6"}}, -3.32236801141551},
    {"rosenbrock5", {{"function", "rosenbrock"}, {"dim", 5}}, 0.0},
    {"ackley10", {{"function", "ackley"}, {"dim", 10}}, 0.0},
    {"mixed", {{"function", "mixed"}}, 0.0},
};

// The best value among the first c trials (by number), for each checkpoint c.
std::vector<double> best_at(const json &trials, const std::vector<int> &checkpoints) {
    std::vector<std::pair<int64_t, double>> values;
    for (const json &t : trials)
        if (t.at("state") == "COMPLETE" && t.at("values").is_array())
            values.emplace_back(t.at("number").get<int64_t>(), t.at("values")[0].get<double>());
    std::sort(values.begin(), values.end());
    std::vector<double> best;
    for (int c : checkpoints) {
        double b = std::numeric_limits<double>::infinity();
        for (const auto &[number, value] : values)
            if (number < c) b = std::min(b, value);
        best.push_back(b);
    }
    return best;
}

// regrets[checkpoint index] over seeds.
using Regrets = std::vector<std::vector<double>>;

Regrets run_sampler(hpo::Engine &engine, const SamplerRow &row, const Problem &problem,
                    int first_seed, int seeds, const std::vector<int> &checkpoints) {
    Regrets regrets(checkpoints.size());
    for (int seed = first_seed; seed < first_seed + seeds; ++seed) {
        const json config = {
            {"directions", {"minimize"}}, {"sampler", row.config()}, {"seed", seed}};
        hpo::Study study(engine, config.dump());
        const json objective = {{"name", "benchmarks"}, {"options", problem.options}};
        study.optimize_plugin(objective.dump(), json{{"n_trials", checkpoints.back()}}.dump());
        const auto best = best_at(json::parse(study.trials_json()), checkpoints);
        for (std::size_t c = 0; c < checkpoints.size(); ++c)
            regrets[c].push_back(best[c] - problem.optimum);
    }
    return regrets;
}

std::string cell(const std::vector<double> &values) {
    const Quartiles q = quartiles(values);
    return format_number(q.median) + " [" + format_number(q.q1) + ", " + format_number(q.q3) + "]";
}

// The result row of `label` on `problem`; "best optuna" picks Optuna's row with the lowest
// median regret at `checkpoint`. Null when there is none.
const json *find_result(const json &results, const std::string &problem, const std::string &label,
                        const std::string &checkpoint) {
    const json *found = nullptr;
    for (const json &r : results) {
        if (r.at("problem") != problem) continue;
        const std::string name = r.at("sampler").get<std::string>();
        if (label != "best optuna") {
            if (name == label) return &r;
            continue;
        }
        auto median = [&](const json &row) { return row.at("regret").at(checkpoint).at("median"); };
        if (name.rfind("optuna ", 0) == 0 && (!found || median(r) < median(*found))) found = &r;
    }
    return found;
}

// Each row against the rows it names, at every checkpoint: both medians, the Mann-Whitney
// p-value of their regrets, and the verdict at the 5% level.
void print_comparisons(const json &results, const std::vector<Problem> &problems,
                       const std::vector<SamplerRow> &samplers, const std::vector<int> &checkpoints) {
    std::vector<std::string> header = {"problem", "sampler", "against"};
    for (int c : checkpoints) header.push_back("@" + std::to_string(c));
    std::vector<std::vector<std::string>> rows;
    for (const Problem &problem : problems)
        for (const SamplerRow &row : samplers)
            for (const std::string &peer : row.against) {
                std::vector<std::string> cells = {problem.name, row.label, peer};
                bool any = false;
                for (int c : checkpoints) {
                    const std::string at = std::to_string(c);
                    const json *ours = find_result(results, problem.name, row.label, at);
                    const json *theirs = find_result(results, problem.name, peer, at);
                    if (!ours || !theirs) {
                        cells.push_back("");
                        continue;
                    }
                    any = true;
                    const auto a = ours->at("regret").at(at).at("regrets").get<std::vector<double>>();
                    const auto b = theirs->at("regret").at(at).at("regrets").get<std::vector<double>>();
                    const double p = mann_whitney_p(a, b);
                    const double ma = quartiles(a).median, mb = quartiles(b).median;
                    const std::string verdict = p >= 0.05 ? "tie" : ma < mb ? "better" : "worse";
                    std::string cell = verdict + ": " + format_number(ma) + " / " + format_number(mb) +
                                       ", p=" + format_number(p, 2);
                    if (peer == "best optuna")
                        cell += " (" + theirs->at("sampler").get<std::string>() + ")";
                    cells.push_back(cell);
                }
                if (any) rows.push_back(cells);
            }
    if (rows.empty()) return;
    std::cout << "\n## Against other rows: median regret, ours / theirs, Mann-Whitney p\n\n";
    print_table(header, rows);
}

} // namespace

int main(int argc, char **argv) {
    const Settings settings = parse_settings(
        argc, argv, "quality",
        "Simple regret after N trials (median [q1, q3] over seeds), ours beside Optuna's.");
    const int seeds = settings.seeds > 0 ? settings.seeds
                      : settings.smoke   ? 2
                      : settings.long_run ? 30
                                          : 10;
    const std::vector<int> checkpoints = settings.smoke      ? std::vector<int>{10, 20}
                                         : settings.long_run ? std::vector<int>{50, 100, 200, 500}
                                                             : std::vector<int>{50, 100, 200};
    try {
        hpo::Engine engine;
        const auto samplers = load_samplers(settings.samplers, "quality");
        json results = json::array();
        auto record = [&](const std::string &label, const Problem &problem, const Regrets &regrets,
                          double seconds) {
            json by_checkpoint = json::object();
            for (std::size_t c = 0; c < checkpoints.size(); ++c) {
                const Quartiles q = quartiles(regrets[c]);
                by_checkpoint[std::to_string(checkpoints[c])] = {
                    {"median", q.median}, {"q1", q.q1}, {"q3", q.q3}, {"regrets", regrets[c]}};
            }
            results.push_back({{"problem", problem.name},
                               {"sampler", label},
                               {"seconds", seconds},
                               {"regret", by_checkpoint}});
        };
        std::vector<Problem> problems;
        for (const Problem &p : kProblems)
            if (settings.only.empty() || std::count(settings.only.begin(), settings.only.end(), p.name))
                problems.push_back(p);
        for (const Problem &problem : problems)
            for (const SamplerRow &row : samplers) {
                if (!row.applies_to(problem.name)) continue;
                const auto start = std::chrono::steady_clock::now();
                const Regrets regrets = run_sampler(engine, row, problem, settings.first_seed, seeds, checkpoints);
                const std::chrono::duration<double> took = std::chrono::steady_clock::now() - start;
                record(row.label, problem, regrets, took.count());
                std::cerr << problem.name << " / " << row.label << ": " << took.count() << " s\n";
            }
        std::string names;
        for (const Problem &p : problems) names += (names.empty() ? "" : ",") + p.name;
        const std::optional<json> peer =
            peer_rows(settings, "quality --seeds " + std::to_string(seeds) + " --first-seed " +
                                    std::to_string(settings.first_seed) + " --checkpoints " +
                                    join(checkpoints) + " --problems " + names);
        if (peer)
            for (const json &row : peer->at("rows")) {
                const auto found =
                    std::find_if(problems.begin(), problems.end(),
                                 [&](const Problem &p) { return p.name == row.at("problem"); });
                if (found == problems.end()) continue; // a saved peer file with more problems
                const Problem &problem = *found;
                Regrets regrets;
                for (int c : checkpoints) {
                    std::vector<double> r;
                    for (double best : row.at("best").at(std::to_string(c)))
                        r.push_back(best - problem.optimum);
                    regrets.push_back(r);
                }
                record(row.at("sampler").get<std::string>(), problem, regrets,
                       row.at("seconds").get<double>());
            }
        std::vector<std::string> header = {"problem", "sampler"};
        for (int c : checkpoints) header.push_back("regret @" + std::to_string(c));
        std::vector<std::vector<std::string>> rows;
        for (const Problem &problem : problems)
            for (const json &r : results) {
                if (r.at("problem") != problem.name) continue;
                std::vector<std::string> cells = {problem.name, r.at("sampler").get<std::string>()};
                for (int c : checkpoints)
                    cells.push_back(cell(r.at("regret")
                                             .at(std::to_string(c))
                                             .at("regrets")
                                             .get<std::vector<double>>()));
                rows.push_back(cells);
            }
        std::cout << "## Simple regret, median [q1, q3] over " << seeds << " seeds\n\n";
        print_table(header, rows);
        print_comparisons(results, problems, samplers, checkpoints);
        write_json(settings.out, {{"bench", "quality"},
                                  {"seeds", seeds},
                                  {"checkpoints", checkpoints},
                                  {"optuna", peer ? peer->at("version") : json(nullptr)},
                                  {"results", results}});
    } catch (const std::exception &e) {
        std::cerr << "bench quality: " << e.what() << "\n";
        return 1;
    }
    return 0;
}
