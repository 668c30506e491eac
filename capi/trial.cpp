// hpo_trial: define-by-run suggestions, reports and the end of a trial.
#include "boundary.hpp"
#include "trial_state.hpp"

#include <algorithm>
#include <cmath>

using namespace hpo;
using namespace hpo::capi;

namespace {

template <class F>
int32_t with_trial(hpo_trial *trial, const char *function, F &&body) {
    return guarded([&] {
        require(trial, function, "trial");
        return body(*trial);
    });
}

}  // namespace

extern "C" {

HPO_API void hpo_trial_free(hpo_trial *trial) { delete trial; }
HPO_API int64_t hpo_trial_number(const hpo_trial *trial) { return trial ? trial->number : -1; }
HPO_API int64_t hpo_trial_id(const hpo_trial *trial) {
    if (trial == nullptr) return -1;
    try {
        return trial->study->trial_id(trial->number);
    } catch (...) {
        return -1;
    }
}
HPO_API int32_t hpo_trial_device(const hpo_trial *trial) {
    return trial != nullptr && !trial->devices.empty() ? trial->devices.front() : -1;
}

HPO_API int32_t hpo_trial_suggest_float(hpo_trial *trial, const char *name, double low, double high, int32_t log,
                                        double step, double *out) {
    return with_trial(trial, "hpo_trial_suggest_float", [&](hpo_trial &t) {
        require_text(name, "hpo_trial_suggest_float", "name");
        require(out, "hpo_trial_suggest_float", "out");
        const Param asked = Param::numeric(name, HPO_PARAM_FLOAT, low, high, log != 0, step);
        *out = t.study->suggest(t.number, name, &asked);
        return HPO_OK;
    });
}

HPO_API int32_t hpo_trial_suggest_int(hpo_trial *trial, const char *name, int64_t low, int64_t high, int32_t log,
                                      int64_t step, int64_t *out) {
    return with_trial(trial, "hpo_trial_suggest_int", [&](hpo_trial &t) {
        require_text(name, "hpo_trial_suggest_int", "name");
        require(out, "hpo_trial_suggest_int", "out");
        const Param asked = Param::integer(name, low, high, log != 0, step);
        const double value = t.study->suggest(t.number, name, &asked);
        *out = std::isnan(value) ? 0 : static_cast<int64_t>(std::llround(value));
        return HPO_OK;
    });
}

HPO_API int32_t hpo_trial_suggest_categorical(hpo_trial *trial, const char *name, const char *choices_json,
                                              int64_t *out_index) {
    return with_trial(trial, "hpo_trial_suggest_categorical", [&](hpo_trial &t) {
        require_text(name, "hpo_trial_suggest_categorical", "name");
        require(choices_json, "hpo_trial_suggest_categorical", "choices_json");
        require(out_index, "hpo_trial_suggest_categorical", "out_index");
        const json distribution = {{"type", "categorical"}, {"choices", parse_json(choices_json, "choices")}};
        const double value = t.study->suggest(t.number, name, distribution);
        *out_index = std::isnan(value) ? -1 : static_cast<int64_t>(value);
        return HPO_OK;
    });
}

HPO_API int32_t hpo_trial_suggest(hpo_trial *trial, const char *name, const char *distribution_json, double *out) {
    return with_trial(trial, "hpo_trial_suggest", [&](hpo_trial &t) {
        require_text(name, "hpo_trial_suggest", "name");
        require(out, "hpo_trial_suggest", "out");
        const json distribution = distribution_json ? parse_json(distribution_json, "distribution") : json(nullptr);
        *out = t.study->suggest(t.number, name, distribution);
        return HPO_OK;
    });
}

HPO_API int32_t hpo_trial_param(hpo_trial *trial, const char *name, double *out) {
    return with_trial(trial, "hpo_trial_param", [&](hpo_trial &t) {
        require_text(name, "hpo_trial_param", "name");
        require(out, "hpo_trial_param", "out");
        *out = t.study->param(t.number, name);
        return HPO_OK;
    });
}

HPO_API int32_t hpo_trial_params_json(hpo_trial *trial, char **out_json) {
    return with_trial(trial, "hpo_trial_params_json", [&](hpo_trial &t) {
        require(out_json, "hpo_trial_params_json", "out_json");
        *out_json = copy_out(t.study->params_json(t.number).dump());
        return HPO_OK;
    });
}

HPO_API int32_t hpo_trial_report(hpo_trial *trial, int64_t step, double value, int32_t *out_should_prune) {
    return with_trial(trial, "hpo_trial_report", [&](hpo_trial &t) {
        const bool prune = t.study->report(t.number, step, value);
        if (out_should_prune) *out_should_prune = prune ? 1 : 0;
        return HPO_OK;
    });
}

HPO_API int32_t hpo_trial_should_prune(hpo_trial *trial, int32_t *out) {
    return with_trial(trial, "hpo_trial_should_prune", [&](hpo_trial &t) {
        require(out, "hpo_trial_should_prune", "out");
        *out = t.study->should_prune(t.number) ? 1 : 0;
        return HPO_OK;
    });
}

HPO_API int32_t hpo_trial_set_user_attr(hpo_trial *trial, const char *key, const char *value_json) {
    return with_trial(trial, "hpo_trial_set_user_attr", [&](hpo_trial &t) {
        require_text(key, "hpo_trial_set_user_attr", "key");
        require(value_json, "hpo_trial_set_user_attr", "value_json");
        t.study->set_user_attr(t.number, key, parse_json(value_json, "user attribute value"));
        return HPO_OK;
    });
}

HPO_API int32_t hpo_trial_set_constraints(hpo_trial *trial, const double *values, size_t n_values) {
    return with_trial(trial, "hpo_trial_set_constraints", [&](hpo_trial &t) {
        if (n_values > 0) require(values, "hpo_trial_set_constraints", "values");
        t.study->set_constraints(t.number, std::vector<double>(values, values + (values ? n_values : 0)));
        return HPO_OK;
    });
}

HPO_API int32_t hpo_trial_devices(const hpo_trial *trial, int32_t *out, size_t capacity, size_t *out_n) {
    return guarded([&] {
        require(trial, "hpo_trial_devices", "trial");
        require(out_n, "hpo_trial_devices", "out_n");
        if (capacity > 0) require(out, "hpo_trial_devices", "out");
        const std::size_t n = std::min(capacity, trial->devices.size());
        std::copy_n(trial->devices.begin(), n, out);
        *out_n = trial->devices.size();
        return HPO_OK;
    });
}

HPO_API int32_t hpo_trial_set_failure(hpo_trial *trial, const char *message) {
    return with_trial(trial, "hpo_trial_set_failure", [&](hpo_trial &t) {
        t.failure = optional_text(message, "hpo_trial_set_failure", "message");
        return HPO_OK;
    });
}

HPO_API int32_t hpo_trial_tell(hpo_trial *trial, int32_t state, const double *values, size_t n_values,
                               const char *message) {
    return with_trial(trial, "hpo_trial_tell", [&](hpo_trial &t) {
        if (n_values > 0) require(values, "hpo_trial_tell", "values");
        std::vector<double> copied(values, values + (values ? n_values : 0));
        const std::string_view text = optional_text(message, "hpo_trial_tell", "message");
        t.study->tell(t.number, trial_state_from(state, "hpo_trial_tell"), std::move(copied), std::string(text));
        return HPO_OK;
    });
}

}
