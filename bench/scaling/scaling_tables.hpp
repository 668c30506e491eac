// The tables of bench/scaling: every row of a run beside its target, PASS or MISS.
#pragma once

#include "bench_common.hpp"
#include "trial_loop.hpp"

#include <map>
#include <optional>
#include <string>

namespace hpo::bench {

// A row's figures with the version that produced them; nullopt: the row was skipped.
struct Measured {
    std::string version;
    Scaling figures;
};
using MaybeMeasured = std::optional<Measured>;

// Every row of the run, by who ran it and where.
struct Runs {
    Measured c_memory, c_sqlite, c_journal, python_memory;
    std::map<std::string, std::map<std::string, MaybeMeasured>> optuna; // [optuna4|optuna3][storage]
    const Measured &c(const std::string &storage) const { return storage == "sqlite" ? c_sqlite : c_journal; }
};

// Prints the three tables (time in memory, time on the storages, memory per trial) and
// returns their rows, as {"measure", "hpo", "optuna4", "optuna3", "target", "met"}.
json print_tables(const Runs &runs, const LoopPlan &memory_plan, const LoopPlan &storage_plan);

} // namespace hpo::bench
