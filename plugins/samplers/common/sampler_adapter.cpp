#include "sampler_adapter.hpp"

#include <string>

namespace hpo::samplers::adapter_detail {

namespace {

std::string count_of(int64_t n, const char *noun) {
    return std::to_string(n) + " " + noun + (n == 1 ? "" : "s");
}

// The text of one side of an update, refused unless it is an object: the engine merges key by
// key, which means nothing for an array or a number.
std::optional<std::string> object_text(const std::optional<nlohmann::json> &attrs,
                                       const char *which) {
    if (!attrs) return std::nullopt;
    if (!attrs->is_object())
        throw std::logic_error(std::string(which) + " attributes must be a JSON object, got " +
                               attrs->dump());
    return attrs->dump();
}

} // namespace

void check_trial(const char *operation, const hpo_study_view *study, int64_t trial_index) {
    const std::string where = std::string(operation) + ": ";
    if (study == nullptr) throw std::invalid_argument(where + "the study view is NULL");
    if (!HPO_HAS_FIELD(study, hpo_study_view, param_stride))
        throw std::invalid_argument(where + "the study view has no strides (an ABI 1.0 view)");
    if (trial_index < 0 || trial_index >= study->n_trials)
        throw std::invalid_argument(where + "trial index " + std::to_string(trial_index) +
                                    " is not in the study's " + count_of(study->n_trials, "trial"));
}

void check_param(const char *operation, const hpo_study_view &study, int32_t param_index) {
    if (param_index < 0 || param_index >= study.n_params)
        throw std::invalid_argument(std::string(operation) + ": parameter index " +
                                    std::to_string(param_index) + " is not in the study's " +
                                    count_of(study.n_params, "parameter"));
}

std::span<const int32_t> checked_subspace(const hpo_study_view &study, const int32_t *subspace,
                                          int32_t n_subspace, const double *out_values) {
    if (n_subspace < 0)
        throw std::invalid_argument("sample_relative: n_subspace is negative (" +
                                    std::to_string(n_subspace) + ")");
    if (n_subspace > 0 && (subspace == nullptr || out_values == nullptr))
        throw std::invalid_argument("sample_relative: subspace or out_values is NULL");
    const std::span<const int32_t> params(subspace, static_cast<std::size_t>(n_subspace));
    for (std::size_t i = 0; i < params.size(); ++i) {
        check_param("sample_relative", study, params[i]);
        if (i > 0 && params[i] <= params[i - 1])
            throw std::invalid_argument("sample_relative: the subspace is not in increasing order "
                                        "(parameter index " + std::to_string(params[i]) +
                                        " after " + std::to_string(params[i - 1]) + ")");
    }
    return params;
}

void clear_outputs(const char *operation, char **out_trial_attrs, char **out_study_attrs) {
    if (out_trial_attrs == nullptr || out_study_attrs == nullptr)
        throw std::invalid_argument(std::string(operation) + ": an attributes output is NULL");
    *out_trial_attrs = nullptr;
    *out_study_attrs = nullptr;
}

void hand_over(const plugin_kit::Host &host, const AttributeUpdate &update,
               char **out_trial_attrs, char **out_study_attrs) {
    const auto trial = object_text(update.trial, "trial");
    const auto study = object_text(update.study, "study");
    char *trial_copy = trial ? host.string(*trial) : nullptr;
    try {
        *out_study_attrs = study ? host.string(*study) : nullptr;
    } catch (...) {
        if (trial_copy != nullptr) host.raw().free(host.raw().engine, trial_copy);
        throw;
    }
    *out_trial_attrs = trial_copy;
}

} // namespace hpo::samplers::adapter_detail
