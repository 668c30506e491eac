#include "scaling_tables.hpp"

#include <cmath>
#include <iomanip>
#include <iostream>
#include <sstream>

namespace hpo::bench {

namespace {

// The targets of issue #11.
constexpr double python_growth_limit = 1.5;  // at the largest size over at the smallest
constexpr double python_speedup_floor = 2.0; // over each Optuna, at every size
constexpr double c_us_limit = 10.0;          // from C, at the largest size
constexpr double storage_growth_limit = 1.5; // sqlite and journal, largest over smallest
constexpr double bytes_per_trial_limit = 1024.0;

const char *const storages[] = {"sqlite", "journal"};

double us_at(const MaybeMeasured &measured, int size) {
    if (!measured) return NAN;
    const auto found = measured->figures.us_per_trial.find(size);
    return found == measured->figures.us_per_trial.end() ? NAN : found->second;
}

double growth(const MaybeMeasured &measured, const LoopPlan &plan) {
    return us_at(measured, plan.sizes.back()) / us_at(measured, plan.sizes.front());
}

std::string with_commas(int64_t value) {
    std::string digits = std::to_string(value);
    for (auto at = static_cast<long>(digits.size()) - 3; at > 0; at -= 3)
        digits.insert(static_cast<size_t>(at), ",");
    return digits;
}

// No exponent, three or four digits: 0.123, 12.3, 1234.
std::string plain(double value) {
    std::ostringstream out;
    out << std::fixed << std::setprecision(value >= 100 ? 0 : value >= 10 ? 1 : value >= 1 ? 2 : 3) << value;
    return out.str();
}

// "-" for a row that was skipped; "not reached" for a size it had not reached in its budget,
// with the trials it had run by then.
std::string us_cell(const MaybeMeasured &measured, int size) {
    if (!measured) return "-";
    const double us = us_at(measured, size);
    if (std::isnan(us)) return "not reached, " + with_commas(measured->figures.trials) + " trials";
    return plain(us) + " us";
}
std::string ratio_cell(double ratio) { return std::isnan(ratio) ? "-" : plain(ratio) + "x"; }
// "-" when there is nothing to judge; a size hpo did not reach within its budget is a MISS.
std::string verdict(bool known, bool met) { return !known ? "-" : met ? "PASS" : "MISS"; }

std::string optuna_header(const Runs &runs, const std::string &which) {
    for (const auto &[storage, measured] : runs.optuna.at(which))
        if (measured) return "Optuna " + measured->version;
    return which == "optuna4" ? "Optuna 4.9" : "Optuna 3.1";
}

// Prints one table whose rows are [measure, hpo, Optuna 4, Optuna 3, target, met], and
// returns them for the JSON document.
json print_rows(const std::string &title, const Runs &runs,
                const std::vector<std::vector<std::string>> &rows) {
    std::cout << "## " << title << "\n\n";
    print_table(
        {"measure", "hpo", optuna_header(runs, "optuna4"), optuna_header(runs, "optuna3"), "target", "met"},
        rows);
    const char *const keys[] = {"measure", "hpo", "optuna4", "optuna3", "target", "met"};
    json listed = json::array();
    for (const auto &row : rows) {
        json entry = json::object();
        for (size_t i = 0; i < row.size(); ++i) entry[keys[i]] = row[i];
        listed.push_back(entry);
    }
    return listed;
}

std::string budget_note(const LoopPlan &plan) {
    return "A size a row had not reached after " + format_number(plan.budget_s) +
           " s reads \"not reached\", with the trials it had run";
}

json memory_time_table(const Runs &runs, const LoopPlan &plan) {
    const MaybeMeasured &optuna4 = runs.optuna.at("optuna4").at("memory");
    const MaybeMeasured &optuna3 = runs.optuna.at("optuna3").at("memory");
    const MaybeMeasured c_memory = runs.c_memory, python_memory = runs.python_memory;
    std::vector<std::vector<std::string>> rows;
    for (const int size : plan.sizes) {
        const double ours = us_at(python_memory, size);
        const double fastest_optuna = std::fmin(us_at(optuna4, size), us_at(optuna3, size));
        rows.push_back({"Python, at " + with_commas(size) + " past trials", us_cell(python_memory, size),
                        us_cell(optuna4, size), us_cell(optuna3, size),
                        "at least " + format_number(python_speedup_floor) + "x faster than each Optuna",
                        verdict(!std::isnan(fastest_optuna), ours * python_speedup_floor <= fastest_optuna)});
    }
    const std::string span = with_commas(plan.sizes.back()) + " / at " + with_commas(plan.sizes.front());
    const double python_growth = growth(python_memory, plan);
    rows.push_back({"Python, at " + span, ratio_cell(python_growth), ratio_cell(growth(optuna4, plan)),
                    ratio_cell(growth(optuna3, plan)), "at most " + format_number(python_growth_limit) + "x",
                    verdict(true, python_growth <= python_growth_limit)});
    for (const int size : plan.sizes) {
        const bool targeted = size == plan.sizes.back();
        const double ours = us_at(c_memory, size);
        rows.push_back({"C, at " + with_commas(size) + " past trials", us_cell(c_memory, size),
                        us_cell(optuna4, size), us_cell(optuna3, size),
                        targeted ? "under " + format_number(c_us_limit) + " us" : "",
                        targeted ? verdict(true, ours < c_us_limit) : ""});
    }
    rows.push_back({"C, at " + span, ratio_cell(growth(c_memory, plan)), ratio_cell(growth(optuna4, plan)),
                    ratio_cell(growth(optuna3, plan)), "", ""});
    return print_rows(
        "Random sampler in memory: time per trial (ask, 10 suggest_float, tell; CPU time over " +
            with_commas(plan.window) +
            " trials after each size). Optuna's figures are from Python in every row, its only API. " +
            budget_note(plan),
        runs, rows);
}

json storage_table(const Runs &runs, const LoopPlan &plan) {
    std::vector<std::vector<std::string>> rows;
    for (const std::string storage : storages) {
        const MaybeMeasured ours = runs.c(storage);
        const MaybeMeasured &optuna4 = runs.optuna.at("optuna4").at(storage);
        const MaybeMeasured &optuna3 = runs.optuna.at("optuna3").at(storage);
        for (const int size : plan.sizes) {
            rows.push_back({storage + ", at " + with_commas(size) + " past trials", us_cell(ours, size),
                            us_cell(optuna4, size), us_cell(optuna3, size), "", ""});
        }
        const double ratio = growth(ours, plan);
        rows.push_back(
            {storage + ", at " + with_commas(plan.sizes.back()) + " / at " + with_commas(plan.sizes.front()),
             ratio_cell(ratio), ratio_cell(growth(optuna4, plan)), ratio_cell(growth(optuna3, plan)),
             "at most " + format_number(storage_growth_limit) + "x",
             verdict(true, ratio <= storage_growth_limit)});
    }
    return print_rows(
        "Storages through hpo.h from C: time per trial (CPU time over " + with_commas(plan.window) +
            " trials after each size). hpo's files with sync=false; Optuna's are RDBStorage over SQLite and "
            "JournalStorage over a file, its defaults, from Python. " +
            budget_note(plan),
        runs, rows);
}

std::string bytes_cell(const MaybeMeasured &measured, int64_t trials) {
    if (!measured || std::isnan(measured->figures.bytes_per_trial)) return "-";
    const std::string bytes = plain(measured->figures.bytes_per_trial) + " B";
    return measured->figures.trials == trials ? bytes
                                              : bytes + " after " + with_commas(measured->figures.trials);
}

json bytes_table(const Runs &runs) {
    const MaybeMeasured &optuna4 = runs.optuna.at("optuna4").at("memory");
    const MaybeMeasured &optuna3 = runs.optuna.at("optuna3").at("memory");
    std::vector<std::vector<std::string>> rows;
    for (const auto &[language, measured] :
         {std::pair{"C", &runs.c_memory}, {"Python", &runs.python_memory}}) {
        const int64_t trials = measured->figures.trials;
        const double bytes = measured->figures.bytes_per_trial;
        rows.push_back({std::string(language) + ", after " + with_commas(trials) + " trials",
                        bytes_cell(*measured, trials), bytes_cell(optuna4, trials),
                        bytes_cell(optuna3, trials), "at most " + plain(bytes_per_trial_limit) + " B",
                        verdict(!std::isnan(bytes), bytes <= bytes_per_trial_limit)});
    }
    return print_rows("Memory per completed trial of ten float parameters, in memory (resident memory gained "
                      "since the study was created, over the trials run). Optuna's from Python",
                      runs, rows);
}

} // namespace

json print_tables(const Runs &runs, const LoopPlan &memory_plan, const LoopPlan &storage_plan) {
    json tables = json::object();
    tables["memory_time"] = memory_time_table(runs, memory_plan);
    tables["storage_time"] = storage_table(runs, storage_plan);
    tables["bytes_per_trial"] = bytes_table(runs);
    return tables;
}

} // namespace hpo::bench
