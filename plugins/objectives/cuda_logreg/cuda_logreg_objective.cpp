#include "cuda_logreg_objective.hpp"

#include <trial_api_error.hpp>

#include <stdexcept>

namespace hpo::cuda_logreg {

CudaLogregObjective::CudaLogregObjective(const plugin_kit::Options &options, const plugin_kit::Host &host)
    : data_(make_data(static_cast<int32_t>(options.integer("examples")),
                      static_cast<int32_t>(options.integer("examples") / 4),
                      static_cast<int32_t>(options.integer("features")), host.seed())),
      epochs_(static_cast<int32_t>(options.integer("epochs"))),
      report_every_(static_cast<int32_t>(options.integer("report_every"))) {}

std::string CudaLogregObjective::describe() const {
    return R"({"space": {"lr": {"type": "float", "low": 0.001, "high": 3, "log": true},
                         "l2": {"type": "float", "low": 1e-6, "high": 0.1, "log": true}},
               "directions": ["minimize"]})";
}

int32_t CudaLogregObjective::evaluate(const hpo_trial_api &api, hpo_trial_ref *trial, std::span<double> values) const {
    if (values.size() != 1) throw std::invalid_argument("cuda_logreg gives one value, the validation error");
    std::string why_none;
    if (device_count(why_none) == 0) throw std::runtime_error("no CUDA device: " + why_none);
    Training training;
    objectives::check_trial_api(api.suggest(trial, "lr", nullptr, &training.learning_rate), "suggest lr");
    objectives::check_trial_api(api.suggest(trial, "l2", nullptr, &training.l2), "suggest l2");
    training.epochs = epochs_;
    training.report_every = report_every_;
    const int32_t given = api.device != nullptr ? api.device(trial) : -1;
    bool pruned = false;
    values[0] = train(data_, training, given >= 0 ? given : 0, [&](int32_t epoch, double error) {
        int32_t prune = 0;
        objectives::check_trial_api(api.report(trial, epoch, error, &prune), "report");
        pruned = prune != 0;
        return !pruned;
    });
    return pruned ? HPO_PRUNED : HPO_OK;
}

}  // namespace hpo::cuda_logreg
