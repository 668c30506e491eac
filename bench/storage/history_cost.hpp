// What one trial costs a storage once the study has a long history: the engine's round of
// storage calls per trial (create it RUNNING, write its params, complete it, read what changed
// since the last revision) timed at each history size, on the sqlite and journal plugins
// driven directly through their hpo_storage_ops, so that the engine's own per-trial work does
// not blur the storage's. sync=false: a disk flush per write would hide the storage's work.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

namespace hpo::bench {

struct HistoryCost {
    std::string storage;          // "sqlite" or "journal"
    int past_trials;              // finished trials in the study before the timed ones
    double microseconds_per_trial; // the median over the timed blocks
};

// For each storage, a fresh file in folder filled with finished trials up to each of
// past_sizes (ascending) in turn, then `blocks` blocks of `trials_per_block` timed trials.
std::vector<HistoryCost> measure_history_cost(const std::vector<int> &past_sizes, int blocks, int trials_per_block,
                                              const std::filesystem::path &folder);

} // namespace hpo::bench
