// The mlp objective: trains a Network with a trial's configuration for max_epochs epochs,
// reporting the validation metric after each (step = epoch, from 1), and stops when the
// scheduler says so, keeping the last value.
#pragma once

#include "dataset.hpp"
#include "trainer.hpp"

#include <hpo_kit/plugin_library.hpp>

#include <hpo/plugin.h>

#include <cstdint>
#include <functional>
#include <span>
#include <string>

namespace hpo::mlp {

class MlpObjective {
public:
    static constexpr plugin_kit::About about{
        "mlp",
        "Trains a small MLP on the Wisconsin breast-cancer data, reporting the validation "
        "metric every epoch",
        R"json({
  "max_epochs": {"type": "integer", "default": 27, "minimum": 1, "maximum": 100000,
    "description": "epochs of a full training (27 lines up with Hyperband rungs 1, 3, 9, 27)"},
  "metric": {"type": "string", "default": "val_loss", "enum": ["val_loss", "val_error"],
    "description": "validation cross-entropy, or the fraction misclassified; both minimized"},
  "split_seed": {"type": "integer", "default": 0, "minimum": 0,
    "description": "seed of the stratified 80/20 train/validation split, the same for every trial"}
})json",
        // Evaluation reads only the instance; each training is a local of its call.
        HPO_PLUGIN_THREAD_SAFE};

    // The host's seed and the trial number seed each training.
    MlpObjective(const plugin_kit::Options &options, const plugin_kit::Host &host);

    // {"space": ..., "directions": ["minimize"]}
    [[nodiscard]] std::string describe() const;

    // Called after each epoch with (epoch, metric); returns true to stop training.
    using EpochReport = std::function<bool(int64_t epoch, double metric)>;

    struct Outcome {
        double value;   // the metric after the last epoch trained
        bool stopped;   // report asked to stop before max_epochs
    };

    // Trains one configuration; std::runtime_error when training diverges.
    [[nodiscard]] Outcome train(const TrainConfig &config, int64_t trial_number,
                                const EpochReport &report) const;

    // The whole evaluation through the trial API: HPO_OK or HPO_PRUNED, the value in
    // values[0]; std::invalid_argument unless values holds 1.
    [[nodiscard]] int32_t evaluate(const hpo_trial_api &api, hpo_trial_ref *trial,
                                   std::span<double> values) const;

    [[nodiscard]] const Split &split() const { return split_; }

private:
    int64_t max_epochs_;
    bool error_metric_;
    uint64_t seed_;
    Split split_;
};

} // namespace hpo::mlp
