#include "hyperparameters.hpp"

#include <trial_api_error.hpp>

#include <array>
#include <cmath>

namespace hpo::mlp {
namespace {

using nlohmann::ordered_json;

constexpr int max_layers = 3;
constexpr std::array batch_sizes{16, 32, 64, 128};

ordered_json make_space() {
    ordered_json space;
    space["n_layers"] = {{"type", "int"}, {"low", 1}, {"high", max_layers}};
    for (int layer = 0; layer < max_layers; ++layer) {
        ordered_json units = {{"type", "int"}, {"low", 4}, {"high", 128}, {"log", true}};
        if (layer > 0) {
            ordered_json deep_enough = ordered_json::array();
            for (int n = layer + 1; n <= max_layers; ++n) deep_enough.push_back(n);
            units["condition"] = {{"n_layers", deep_enough}};
        }
        space["units_" + std::to_string(layer)] = units;
    }
    space["activation"] = {{"type", "categorical"}, {"choices", {"relu", "tanh"}}};
    space["learning_rate"] = {{"type", "float"}, {"low", 1e-4}, {"high", 1e-1}, {"log", true}};
    space["batch_size"] = {{"type", "categorical"}, {"choices", batch_sizes}};
    space["dropout"] = {{"type", "float"}, {"low", 0.0}, {"high", 0.5}};
    space["weight_decay"] = {{"type", "float"}, {"low", 1e-6}, {"high", 1e-2}, {"log", true}};
    space["optimizer"] = {{"type", "categorical"}, {"choices", {"sgd", "adam"}}};
    return space;
}

} // namespace

const nlohmann::ordered_json &search_space() {
    static const ordered_json space = make_space();
    return space;
}

TrainConfig config_from(const ValueOf &value_of) {
    const auto integer = [&](const std::string &name) {
        return static_cast<int>(std::lround(value_of(name)));
    };
    TrainConfig config;
    const int n_layers = integer("n_layers");
    config.hidden_units.clear();
    for (int layer = 0; layer < n_layers; ++layer) {
        config.hidden_units.push_back(integer("units_" + std::to_string(layer)));
    }
    config.activation = integer("activation") == 0 ? Activation::relu : Activation::tanh;
    config.learning_rate = value_of("learning_rate");
    config.batch_size = batch_sizes.at(static_cast<size_t>(integer("batch_size")));
    config.dropout = value_of("dropout");
    config.weight_decay = value_of("weight_decay");
    config.optimizer = integer("optimizer") == 0 ? OptimizerKind::sgd : OptimizerKind::adam;
    return config;
}

TrainConfig suggest_config(const hpo_trial_api &api, hpo_trial_ref *trial) {
    return config_from([&](const std::string &name) {
        const std::string distribution = search_space().at(name).dump();
        double value = NAN;
        objectives::check_trial_api(api.suggest(trial, name.c_str(), distribution.c_str(), &value),
                                    "suggesting parameter \"" + name + "\"");
        if (std::isnan(value)) {
            throw std::runtime_error("parameter \"" + name + "\" came back inactive");
        }
        return value;
    });
}

} // namespace hpo::mlp
