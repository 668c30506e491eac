// hpo_trial_api: the trial operations objective and runner plugins call, over hpo::Study.
#include "live_trial.hpp"
#include "plugin_instance.hpp"
#include "text_checks.hpp"

#include <algorithm>
#include <cstdlib>
#include <cstring>

namespace hpo {
namespace {

// Runs an operation for a plugin: an exception becomes a status, and its message is left
// where the engine looks for a plugin's error, so a plugin that passes the status on passes
// the reason on too.
template <class F>
int32_t for_plugin(F &&operation) noexcept {
    try {
        operation();
        return HPO_OK;
    } catch (...) {
        std::string message;
        const hpo_status status = current_exception_status(message);
        set_plugin_error(message);
        return status;
    }
}

int64_t api_number(const hpo_trial_ref *trial) { return from_ref(trial)->number; }

int32_t api_suggest(hpo_trial_ref *ref, const char *name, const char *distribution_json, double *out) {
    return for_plugin([&] {
        if (name == nullptr || out == nullptr) fail(HPO_EINVAL, "suggest: name and out must not be NULL");
        hpo_trial *trial = from_ref(ref);
        const json distribution = distribution_json ? parse_json_text(distribution_json, "distribution") : json(nullptr);
        *out = trial->study->suggest(trial->number, name, distribution);
    });
}

int32_t api_param_json(hpo_trial_ref *ref, const char *name, char **out_json) {
    return for_plugin([&] {
        if (name == nullptr || out_json == nullptr) fail(HPO_EINVAL, "param_json: name and out must not be NULL");
        hpo_trial *trial = from_ref(ref);
        const json params = trial->study->params_json(trial->number);
        if (!params.contains(name)) fail(HPO_ENOTFOUND, std::string("param_json: no parameter \"") + name + "\"");
        *out_json = copy_out(params[name].dump());
    });
}

int32_t api_report(hpo_trial_ref *ref, int64_t step, double value, int32_t *out_should_prune) {
    return for_plugin([&] {
        hpo_trial *trial = from_ref(ref);
        const bool prune = trial->study->report(trial->number, step, value);
        if (out_should_prune) *out_should_prune = prune ? 1 : 0;
    });
}

int32_t api_set_user_attr(hpo_trial_ref *ref, const char *key, const char *value_json) {
    return for_plugin([&] {
        if (key == nullptr || value_json == nullptr) fail(HPO_EINVAL, "set_user_attr: key and value must not be NULL");
        hpo_trial *trial = from_ref(ref);
        require_utf8(key, "set_user_attr: key");
        trial->study->set_user_attr(trial->number, key, parse_json_text(value_json, "user attribute value"));
    });
}

int32_t api_device(const hpo_trial_ref *trial) {
    const auto &devices = from_ref(trial)->devices;
    return devices.empty() ? -1 : devices.front();
}

int32_t api_params_json(hpo_trial_ref *ref, char **out_json) {
    return for_plugin([&] {
        if (out_json == nullptr) fail(HPO_EINVAL, "params_json: out must not be NULL");
        const hpo_trial *trial = from_ref(ref);
        *out_json = copy_out(trial->study->params_json(trial->number).dump());
    });
}

int32_t api_set_constraints(hpo_trial_ref *ref, const double *values, int32_t n_values) {
    return for_plugin([&] {
        if (n_values < 0 || (n_values > 0 && values == nullptr)) {
            fail(HPO_EINVAL, "set_constraints: values must hold n_values (>= 0) numbers");
        }
        const hpo_trial *trial = from_ref(ref);
        trial->study->set_constraints(trial->number, std::vector<double>(values, values + n_values));
    });
}

int32_t api_devices(const hpo_trial_ref *ref, int32_t *out, int32_t capacity, int32_t *out_n) {
    return for_plugin([&] {
        if (capacity < 0 || (capacity > 0 && out == nullptr) || out_n == nullptr) {
            fail(HPO_EINVAL, "devices: out must hold capacity (>= 0) ordinals, and out_n must not be NULL");
        }
        const auto &devices = from_ref(ref)->devices;
        const auto n = static_cast<int32_t>(devices.size());
        std::copy_n(devices.begin(), std::min(n, capacity), out);
        *out_n = n;
    });
}

}  // namespace

const hpo_trial_api *trial_api() {
    static const hpo_trial_api api = {
        sizeof(hpo_trial_api), api_number,          api_suggest, api_param_json,
        api_report,            api_set_user_attr,   api_device,  api_params_json,
        api_set_constraints,   api_devices,
    };
    return &api;
}

char *copy_out(const std::string &text) {
    char *out = static_cast<char *>(std::malloc(text.size() + 1));
    if (out == nullptr) throw std::bad_alloc();
    std::memcpy(out, text.c_str(), text.size() + 1);
    return out;
}

}  // namespace hpo
