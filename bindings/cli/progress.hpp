// Progress of a running study, found by polling it from the thread that waits for the run:
// the C API has no callback per trial for an objective plugin, and a study is safe to read
// while it runs. Prints a line whenever the best trial (or the Pareto front) changes; on a
// terminal, a bar redrawn in place instead: trials done of the budget, elapsed time, the
// time left, the best value, and the running and failed counts.
#pragma once

#include <hpo/hpo.hpp>

#include <chrono>
#include <cstdint>
#include <ostream>
#include <set>

namespace hpo::cli {

class ProgressPrinter {
public:
    // budget: the run's n_trials, 0 when it has none (a timeout alone).
    ProgressPrinter(Study &study, bool several_objectives, std::ostream &out, bool terminal, int64_t budget);

    // Prints what improved since the last call, or redraws the bar.
    void poll();
    // Ends the bar's line, so that what follows starts on a line of its own.
    void finish();

private:
    void poll_best();
    void poll_front();
    void draw_bar();

    Study &study_;
    bool several_objectives_;
    std::ostream &out_;
    bool terminal_;
    int64_t budget_;
    int64_t first_number_;  // trials before this run (a resumed study's) are not its progress
    std::chrono::steady_clock::time_point start_ = std::chrono::steady_clock::now();
    bool drawn_ = false;
    int64_t best_number_ = -1;
    std::set<int64_t> front_;
};

}  // namespace hpo::cli
