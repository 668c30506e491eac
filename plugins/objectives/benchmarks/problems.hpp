// The catalog of benchmark problems: each test function with its search space, directions and
// known optimum, ready to describe to the engine and to evaluate on a trial's values.
#pragma once

#include <nlohmann/json.hpp>

#include <functional>
#include <optional>
#include <span>
#include <string>
#include <vector>

namespace hpo::benchmarks {

struct Problem {
    nlohmann::ordered_json space;        // the space's JSON form, as the engine parses it
    std::vector<std::string> names;      // the parameters, in the space's order
    std::vector<std::string> directions; // one per objective
    nlohmann::ordered_json extra;        // what describe() adds: optimum, optimum_params, ...
    // Internal values (a categorical's index, NaN when inactive) in the order of `names`.
    std::function<std::vector<double>(std::span<const double>)> evaluate;

    // {"space": ..., "directions": [...], "optimum": [...], "optimum_params": {...}}.
    nlohmann::ordered_json describe() const;
};

// The problem `function` in `dim` dimensions (its default when absent). Throws
// std::invalid_argument for an unknown function, listing the known ones, and for a dim the
// function does not take.
Problem make_problem(const std::string &function, std::optional<int> dim);

// "branin, hartmann6, ...": what make_problem knows.
std::string function_names();

}  // namespace hpo::benchmarks
