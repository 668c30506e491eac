#include "evolution_options.hpp"

namespace hpo::samplers {

namespace {

CrossoverKind crossover_named(const std::string &name) {
    if (name == "uniform") return CrossoverKind::Uniform;
    if (name == "blx_alpha") return CrossoverKind::BlxAlpha;
    return CrossoverKind::SimulatedBinary;
}

std::map<std::string, double> rates_from(const nlohmann::json &rates) {
    std::map<std::string, double> parsed;
    for (const auto &[name, rate] : rates.items()) {
        if (!rate.is_number() || rate.get<double>() < 0 || rate.get<double>() > 1)
            throw plugin_kit::InvalidOption("option mutation_rates: the rate of \"" + name +
                                            "\" must be a number in [0, 1], got " + rate.dump());
        parsed[name] = rate.get<double>();
    }
    return parsed;
}

} // namespace

EvolutionOptions EvolutionOptions::from(const plugin_kit::Options &given) {
    EvolutionOptions o;
    o.population_size = given.integer("population_size");
    o.selection = given.string("selection") == "rank" ? SelectionKind::Rank
                                                       : SelectionKind::Tournament;
    o.tournament_size = given.integer("tournament_size");
    o.crossover_prob = given.number("crossover_prob");
    o.variation.crossover = crossover_named(given.string("crossover"));
    o.variation.swap_prob = given.number("swap_prob");
    o.variation.sbx_eta = given.number("sbx_eta");
    o.variation.blx_alpha = given.number("blx_alpha");
    o.variation.mutation = given.string("mutation") == "gaussian" ? MutationKind::Gaussian
                                                                   : MutationKind::Polynomial;
    o.variation.mutation_eta = given.number("mutation_eta");
    o.variation.mutation_sigma = given.number("mutation_sigma");
    if (given.has("mutation_prob")) o.mutation_prob = given.number("mutation_prob");
    if (given.has("mutation_rates")) o.mutation_rates = rates_from(given.object("mutation_rates"));
    return o;
}

} // namespace hpo::samplers
