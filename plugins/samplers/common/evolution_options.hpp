// The options every evolutionary sampler (genetic, nsga2) shares: the population, how parents
// are selected and how a child is made from them (variation.hpp). The schema's entries are
// written once here; each sampler's schema joins them with its own (join_schema).
#pragma once

#include "variation.hpp"

#include <hpo_kit/options.hpp>

#include <array>
#include <cstddef>
#include <cstdint>
#include <map>
#include <optional>
#include <string>

namespace hpo::samplers {

enum class SelectionKind { Tournament, Rank };

struct EvolutionOptions {
    int64_t population_size = 50;
    SelectionKind selection = SelectionKind::Tournament;
    int64_t tournament_size = 2;
    double crossover_prob = 0.9; // else the child copies its first parent (before mutation)
    VariationOptions variation;
    std::optional<double> mutation_prob;         // per parameter; none: 1 / the parameters
    std::map<std::string, double> mutation_rates; // by parameter name, over mutation_prob

    // From options checked against a schema holding kEvolutionSchemaEntries. Throws
    // plugin_kit::InvalidOption naming the entry of mutation_rates that is not a rate.
    static EvolutionOptions from(const plugin_kit::Options &given);
};

// The shared entries of the schema: a JSON object's members, without its braces.
inline constexpr const char kEvolutionSchemaEntries[] = R"schema(
  "population_size": {"type": "integer", "default": 50, "minimum": 2, "description": "trials of a generation: once this many of one have completed, new trials start the next"},
  "selection": {"type": "string", "enum": ["tournament", "rank"], "default": "tournament", "description": "how a parent is drawn from the population, ranked best first: the best of tournament_size uniform draws, or linear ranking (the i-th of n drawn with weight n - i)"},
  "tournament_size": {"type": "integer", "default": 2, "minimum": 1, "description": "draws per tournament"},
  "crossover": {"type": "string", "enum": ["uniform", "sbx", "blx_alpha"], "default": "sbx", "description": "crossover of numeric parameters, in log space for log ones: a parent's value, simulated binary, or BLX-alpha; a categorical always takes a parent's choice"},
  "crossover_prob": {"type": "number", "default": 0.9, "minimum": 0, "maximum": 1, "description": "chance that a child's parents cross; else it copies one before mutation"},
  "swap_prob": {"type": "number", "default": 0.5, "minimum": 0, "maximum": 1, "description": "uniform crossover: chance of the second parent's value"},
  "sbx_eta": {"type": "number", "default": 15, "minimum": 0, "description": "simulated binary crossover's distribution index: larger keeps children nearer their parents"},
  "blx_alpha": {"type": "number", "default": 0.5, "minimum": 0, "description": "BLX-alpha: how far past the parents' interval a child may fall, in widths of it"},
  "mutation": {"type": "string", "enum": ["polynomial", "gaussian"], "default": "polynomial", "description": "mutation of numeric parameters; a categorical's mutation resamples it uniformly"},
  "mutation_eta": {"type": "number", "default": 20, "minimum": 0, "description": "polynomial mutation's distribution index: larger keeps the mutant nearer"},
  "mutation_sigma": {"type": "number", "default": 0.1, "minimum": 0, "description": "Gaussian mutation's sigma, in widths of the parameter's range (of its log for a log parameter)"},
  "mutation_prob": {"type": "number", "minimum": 0, "maximum": 1, "description": "chance that each parameter of a child mutates; default 1 / the number of parameters"},
  "mutation_rates": {"type": "object", "description": "per-parameter mutation chances by name, e.g. {\"lr\": 0.3}, over mutation_prob"})schema";

// Schema texts joined at compile time: join_schema("{", entries, ",", more, "}").
template <std::size_t... N>
constexpr auto join_schema(const char (&...parts)[N]) {
    std::array<char, (N + ...) - sizeof...(N) + 1> joined{};
    std::size_t at = 0;
    for (const std::string_view part : {std::string_view(parts, N - 1)...})
        for (const char c : part) joined[at++] = c;
    return joined;
}

} // namespace hpo::samplers
