// What one trial costs a storage once the study has a long history: the engine's round of
// storage calls per trial (create it RUNNING, write its params, complete it, read what changed
// since the last revision) timed at each history size, on the sqlite and journal plugins
// driven directly through their hpo_storage_ops, so that the engine's own per-trial work does
// not blur the storage's. sync=false: a disk flush per write would hide the storage's work.
// Both the wall time and the thread's CPU time are kept: on a shared machine the CPU time
// tells the storage's own work apart from waiting for a core.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

namespace hpo::bench {

struct HistoryCost {
    std::string storage;          // "sqlite" or "journal"
    int past_trials;              // finished trials in the study before the timed ones
    double wall_microseconds;     // per trial, in the fastest of the timed blocks
    double cpu_microseconds;      // per trial, this thread's CPU (user and system), fastest block
};

// For each storage, a fresh file in folder filled with finished trials up to each of
// past_sizes (ascending) in turn, then `blocks` blocks of `trials_per_block` timed trials.
std::vector<HistoryCost> measure_history_cost(const std::vector<int> &past_sizes, int blocks, int trials_per_block,
                                              const std::filesystem::path &folder);

} // namespace hpo::bench
