#include "gp_ask.hpp"

#include <test_functions.hpp>

#include <tbb/global_control.h>

#include <algorithm>
#include <iostream>
#include <random>

namespace hpo::bench {

namespace {

constexpr int kDimensions = 6;

// Hartmann6, whose box is the unit cube: four narrow wells, so the fitted lengthscales and
// the refits' iterations are those of a real problem rather than of a bowl.
double hartmann6(const json &params) {
    std::vector<double> x;
    for (const auto &[name, v] : params.items()) x.push_back(v.get<double>());
    return hpo::benchmarks::hartmann6(x);
}

struct AskTimes {
    double first, slowest_later, median_later;
};

AskTimes measure(hpo::Engine &engine, int observations, int asks) {
    json space = json::object();
    for (int i = 0; i < kDimensions; ++i)
        space["x" + std::to_string(i)] = {{"type", "float"}, {"low", 0}, {"high", 1}};
    const json config = {{"directions", {"minimize"}},
                         {"space", space},
                         {"sampler", {{"name", "gp"}, {"options", json::object()}}},
                         {"seed", 1}};
    hpo::Study study(engine, config.dump());
    std::mt19937_64 rng(static_cast<uint64_t>(observations));
    std::uniform_real_distribution<double> unit(0.0, 1.0);
    // Enqueued trials fix every parameter, so the sampler is not called while they are made.
    for (int t = 0; t < observations; ++t) {
        json params = json::object();
        for (int i = 0; i < kDimensions; ++i) params["x" + std::to_string(i)] = unit(rng);
        study.enqueue(params.dump());
        study.ask()->tell(hartmann6(params));
    }
    std::vector<double> times;
    for (int k = 0; k < asks; ++k) {
        const double start = thread_cpu_ms();
        auto trial = study.ask();
        times.push_back(thread_cpu_ms() - start);
        trial->tell(hartmann6(json::parse(trial->params_json())));
    }
    const std::vector<double> later(times.begin() + 1, times.end());
    return {times.front(), *std::max_element(later.begin(), later.end()), quartiles(later).median};
}

} // namespace

json gp_ask_section(hpo::Engine &engine, const Settings &settings) {
    // One thread: the figures are the sampler's work on one core, whatever the machine has.
    const tbb::global_control one_thread(tbb::global_control::max_allowed_parallelism, 1);
    const std::vector<int> sizes = settings.smoke ? std::vector<int>{30, 60} : std::vector<int>{100, 300};
    const int asks = settings.smoke ? 6 : settings.long_run ? 40 : 20;
    json rows = json::array();
    std::vector<std::vector<std::string>> cells;
    for (int n : sizes) {
        const AskTimes t = measure(engine, n, asks);
        rows.push_back({{"observations", n},
                        {"asks", asks},
                        {"first_ms", t.first},
                        {"slowest_later_ms", t.slowest_later},
                        {"median_later_ms", t.median_later}});
        cells.push_back({std::to_string(n), format_number(t.first), format_number(t.slowest_later),
                         format_number(t.median_later)});
        std::cerr << "gp ask / " << n << " observations done\n";
    }
    std::cout << "\n## gp: CPU milliseconds per ask, Hartmann6 (6-D floats), one thread (" << asks
              << " asks; the slowest later ask is one that refits the hyperparameters)\n\n";
    print_table({"observations", "first ask (nothing cached)", "slowest later ask", "median later ask"},
                cells);
    return rows;
}

} // namespace hpo::bench
