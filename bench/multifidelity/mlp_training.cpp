// The mlp objective's training, behind a small C interface that the benchmark's Python
// objective calls through ctypes: hpo's studies and Optuna's then drive the very same
// training code (the mlp plugin's core), epoch by epoch, and differ only in how they sample
// and prune. A benchmark tool, not part of hpo's API.
#include <hyperparameters.hpp>
#include <mlp_objective.hpp>
#include <hpo_kit/options.hpp>

#include <hpo/common.h>

#include <nlohmann/json.hpp>

#include <exception>
#include <string>

namespace {

thread_local std::string last_error;

// A host that only gives the objective its seed: training uses no other service.
hpo_host seed_host(uint64_t seed) {
    hpo_host host{};
    host.struct_size = sizeof host;
    host.seed = seed;
    return host;
}

// The objective beside the host it is built with.
struct Objective {
    Objective(const char *options_json, uint64_t seed)
        : host(seed_host(seed)),
          objective(hpo::plugin_kit::Options(hpo::mlp::MlpObjective::about.options_schema, options_json),
                    hpo::plugin_kit::Host(host)) {}
    hpo_host host;
    hpo::mlp::MlpObjective objective;
};

} // namespace

extern "C" {

// Called after each epoch; nonzero stops the training.
typedef int32_t (*hpo_bench_epoch_fn)(int64_t epoch, double metric, void *user_data);

// The search space, as the mlp objective declares it (hpo.h's JSON form).
HPO_EXPORT const char *hpo_bench_mlp_space(void) {
    static const std::string space = hpo::mlp::search_space().dump();
    return space.c_str();
}

HPO_EXPORT const char *hpo_bench_mlp_last_error(void) { return last_error.c_str(); }

// An objective with the mlp plugin's options (JSON) whose trainings are seeded by `seed`
// and the trial number; NULL on bad options (see hpo_bench_mlp_last_error).
HPO_EXPORT void *hpo_bench_mlp_new(const char *options_json, uint64_t seed) {
    try {
        return new Objective(options_json, seed);
    } catch (const std::exception &error) {
        last_error = error.what();
        return nullptr;
    }
}

HPO_EXPORT void hpo_bench_mlp_free(void *objective) {
    delete static_cast<Objective *>(objective);
}

// Trains the configuration whose internal values (a categorical's choice index) are in
// values_json, reporting each epoch; *out_value is the last metric. 0, or -1 on an error.
HPO_EXPORT int32_t hpo_bench_mlp_train(void *objective, int64_t trial_number,
                                       const char *values_json, hpo_bench_epoch_fn report,
                                       void *user_data, double *out_value) {
    try {
        const auto values = nlohmann::json::parse(values_json);
        const hpo::mlp::TrainConfig config = hpo::mlp::config_from(
            [&](const std::string &name) { return values.at(name).get<double>(); });
        const auto outcome = static_cast<const Objective *>(objective)->objective.train(
            config, trial_number,
            [&](int64_t epoch, double metric) { return report(epoch, metric, user_data) != 0; });
        *out_value = outcome.value;
        return 0;
    } catch (const std::exception &error) {
        last_error = error.what();
        return -1;
    }
}

} // extern "C"
