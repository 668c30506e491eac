// Progress of a running study, found by polling it from the thread that waits for the run:
// the C API has no callback per trial for an objective plugin, and a study is safe to read
// while it runs. Prints a line whenever the best trial (or the Pareto front) changes.
#pragma once

#include <hpo/hpo.hpp>

#include <cstdint>
#include <ostream>
#include <set>

namespace hpo::cli {

class ProgressPrinter {
public:
    ProgressPrinter(Study &study, bool several_objectives, std::ostream &out)
        : study_(study), several_objectives_(several_objectives), out_(out) {}

    // Prints what improved since the last call.
    void poll();

private:
    void poll_best();
    void poll_front();

    Study &study_;
    bool several_objectives_;
    std::ostream &out_;
    int64_t best_number_ = -1;
    std::set<int64_t> front_;
};

}  // namespace hpo::cli
