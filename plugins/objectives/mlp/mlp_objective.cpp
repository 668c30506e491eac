#include "mlp_objective.hpp"

#include "hyperparameters.hpp"

#include <hpo_kit/random_stream.hpp>
#include <trial_api_error.hpp>

#include <cmath>
#include <stdexcept>

namespace hpo::mlp {

namespace {
constexpr double validation_fraction = 0.2;
} // namespace

MlpObjective::MlpObjective(const plugin_kit::Options &options, const plugin_kit::Host &host)
    : max_epochs_(options.integer("max_epochs")),
      error_metric_(options.string("metric") == "val_error"), seed_(host.seed()),
      split_(stratified_split(breast_cancer(), validation_fraction,
                              static_cast<uint64_t>(options.integer("split_seed")))) {}

std::string MlpObjective::describe() const {
    const nlohmann::ordered_json description = {{"space", search_space()},
                                                {"directions", {"minimize"}}};
    return description.dump();
}

MlpObjective::Outcome MlpObjective::train(const TrainConfig &config, int64_t trial_number,
                                          const EpochReport &report) const {
    const uint64_t trial_seed =
        plugin_kit::stream_key({seed_, static_cast<uint64_t>(trial_number)});
    Trainer trainer(split_, config, trial_seed);
    double metric = NAN;
    for (int64_t epoch = 1; epoch <= max_epochs_; ++epoch) {
        trainer.train_epoch();
        const Evaluation evaluation = trainer.evaluate_validation();
        metric = error_metric_ ? evaluation.error : evaluation.loss;
        if (!std::isfinite(evaluation.loss)) {
            throw std::runtime_error("training diverged: validation loss is " +
                                     std::to_string(evaluation.loss) + " after epoch " +
                                     std::to_string(epoch));
        }
        if (report(epoch, metric)) return {metric, true};
    }
    return {metric, false};
}

int32_t MlpObjective::evaluate(const hpo_trial_api &api, hpo_trial_ref *trial,
                               std::span<double> values) const {
    if (values.size() != 1) {
        throw std::invalid_argument("the mlp objective gives 1 value, the study wants " +
                                    std::to_string(values.size()));
    }
    const TrainConfig config = suggest_config(api, trial);
    const Outcome outcome = train(config, api.number(trial), [&](int64_t epoch, double metric) {
        int32_t prune = 0;
        objectives::check_trial_api(api.report(trial, epoch, metric, &prune),
                                    "reporting epoch " + std::to_string(epoch));
        return prune != 0;
    });
    values[0] = outcome.value;
    return outcome.stopped ? HPO_PRUNED : HPO_OK;
}

} // namespace hpo::mlp
