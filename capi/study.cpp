// hpo_study: studies, the ask/tell loop and what users read back.
#include "boundary.hpp"
#include "handles.hpp"
#include "optimize.hpp"

using namespace hpo;
using namespace hpo::capi;

namespace {

// Hands a JSON document out as a string the caller frees with hpo_string_free.
int32_t give_json(const json &document, char **out_json) {
    *out_json = copy_out(document.dump());
    return HPO_OK;
}

template <class F>
int32_t with_study(hpo_study *study, const char *function, void *out, F &&body) {
    return guarded([&] {
        require(study, function, "study");
        require(out, function, "out");
        return body(*study->study);
    });
}

}  // namespace

extern "C" {

HPO_API int32_t hpo_study_create(hpo_engine *engine, const char *config_json, hpo_study **out) {
    return guarded([&] {
        require(engine, "hpo_study_create", "engine");
        require(out, "hpo_study_create", "out");
        *out = nullptr;
        const json config = config_json ? parse_json(config_json, "study config") : json::object();
        auto study = std::make_shared<Study>(engine->registry, StudyConfig::from_json(config));
        *out = new hpo_study{std::move(study)};
        return HPO_OK;
    });
}

HPO_API void hpo_study_free(hpo_study *study) { delete study; }

HPO_API int32_t hpo_study_ask(hpo_study *study, hpo_trial **out) {
    return guarded([&] {
        require(study, "hpo_study_ask", "study");
        require(out, "hpo_study_ask", "out");
        *out = nullptr;
        const auto number = study->study->ask();
        if (!number) return static_cast<int32_t>(HPO_DONE);
        *out = new hpo_trial{study->study, *number, {}, 0, {}};
        return static_cast<int32_t>(HPO_OK);
    });
}

HPO_API int32_t hpo_study_enqueue(hpo_study *study, const char *params_json) {
    return guarded([&] {
        require(study, "hpo_study_enqueue", "study");
        require(params_json, "hpo_study_enqueue", "params_json");
        study->study->enqueue(parse_json(params_json, "enqueued parameters"));
        return HPO_OK;
    });
}

HPO_API int32_t hpo_study_optimize(hpo_study *study, hpo_objective_fn objective, const char *options_json,
                                   void *user_data) {
    return guarded([&] {
        require(study, "hpo_study_optimize", "study");
        require(reinterpret_cast<const void *>(objective), "hpo_study_optimize", "objective");
        const json options = options_json ? parse_json(options_json, "optimize options") : json(nullptr);
        const Objective call = [&](hpo_trial *trial, double *values, std::size_t n) {
            clear_last_error();
            const int32_t status = objective(trial, values, n, user_data);
            if (status < 0 && trial->failure.empty()) trial->failure = hpo_last_error();
            return status;
        };
        optimize(study->study, call, OptimizeOptions::from_json(options));
        return HPO_OK;
    });
}

HPO_API int32_t hpo_study_optimize_plugin(hpo_study *study, const char *objective_json, const char *options_json) {
    return guarded([&] {
        require(study, "hpo_study_optimize_plugin", "study");
        require(objective_json, "hpo_study_optimize_plugin", "objective_json");
        const json options = options_json ? parse_json(options_json, "optimize options") : json(nullptr);
        optimize_plugin(study->study, parse_json(objective_json, "objective"), OptimizeOptions::from_json(options));
        return HPO_OK;
    });
}

HPO_API int32_t hpo_study_set_trial_end_callback(hpo_study *study, hpo_trial_end_fn callback, void *user_data) {
    return guarded([&] {
        require(study, "hpo_study_set_trial_end_callback", "study");
        std::function<void(int64_t, hpo_trial_state)> call;
        if (callback != nullptr) {
            call = [callback, user_data](int64_t number, hpo_trial_state state) { callback(number, state, user_data); };
        }
        study->study->set_trial_end_callback(std::move(call));
        return HPO_OK;
    });
}

HPO_API int32_t hpo_study_stop(hpo_study *study) {
    return guarded([&] {
        require(study, "hpo_study_stop", "study");
        study->study->request_stop();
        return HPO_OK;
    });
}

HPO_API int32_t hpo_study_info_json(hpo_study *study, char **out_json) {
    return with_study(study, "hpo_study_info_json", out_json, [&](Study &s) { return give_json(s.info_json(), out_json); });
}

HPO_API int32_t hpo_study_trials_json(hpo_study *study, char **out_json) {
    return with_study(study, "hpo_study_trials_json", out_json, [&](Study &s) { return give_json(s.trials_json(), out_json); });
}

HPO_API int32_t hpo_study_best_trial_json(hpo_study *study, char **out_json) {
    return with_study(study, "hpo_study_best_trial_json", out_json,
                      [&](Study &s) { return give_json(s.best_trial_json(), out_json); });
}

HPO_API int32_t hpo_study_best_trials_json(hpo_study *study, char **out_json) {
    return with_study(study, "hpo_study_best_trials_json", out_json,
                      [&](Study &s) { return give_json(s.best_trials_json(), out_json); });
}

HPO_API int32_t hpo_study_trial_json(hpo_study *study, int64_t number, char **out_json) {
    return with_study(study, "hpo_study_trial_json", out_json,
                      [&](Study &s) { return give_json(s.trial_json(number), out_json); });
}

HPO_API int32_t hpo_study_param_importances(hpo_study *study, const char *options_json, char **out_json) {
    return with_study(study, "hpo_study_param_importances", out_json, [&](Study &s) {
        *out_json = nullptr;
        const json options = options_json ? parse_json(options_json, "param importances options") : json(nullptr);
        return give_json(s.param_importances(options), out_json);
    });
}

HPO_API int32_t hpo_study_n_trials(hpo_study *study, int64_t *out) {
    return with_study(study, "hpo_study_n_trials", out, [&](Study &s) {
        *out = static_cast<int64_t>(s.n_trials());
        return HPO_OK;
    });
}

}
