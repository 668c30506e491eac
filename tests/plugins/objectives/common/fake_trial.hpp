// A hand-built trial API for objective tests: parameter values fixed in advance (one not given
// is inactive: NaN), suggestions and reports recorded, calls that fail on request, and a
// scheduler that says "stop" from a chosen step on; the parameters' JSON form, user attributes
// and devices for objectives that read them.
#pragma once

#include <hpo/plugin.h>

#include <cmath>
#include <cstdlib>
#include <cstring>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace hpo::test {

struct FakeTrial {
    std::map<std::string, double> params{};           // internal values to answer suggest with
    int64_t number = 0;
    std::map<std::string, std::string> distributions{}; // what each suggest asked for ("" for none)
    std::vector<std::pair<int64_t, double>> reports{};
    std::optional<int64_t> prune_from_step{};        // should_prune from this step on
    int32_t suggest_status = HPO_OK;                  // what suggest answers
    int32_t report_status = HPO_OK;                   // what report answers
    std::string params_json = "{}";                   // what params_json answers (malloc'ed, as a test host frees)
    std::map<std::string, std::string> user_attrs{};
    std::vector<int32_t> devices{};

    static FakeTrial &of(const hpo_trial_ref *ref) {
        return *const_cast<FakeTrial *>(reinterpret_cast<const FakeTrial *>(ref));
    }
    hpo_trial_ref *ref() { return reinterpret_cast<hpo_trial_ref *>(this); }

    static hpo_trial_api api() {
        hpo_trial_api api{};
        api.struct_size = sizeof api;
        api.number = [](const hpo_trial_ref *ref) { return of(ref).number; };
        api.suggest = [](hpo_trial_ref *ref, const char *name, const char *distribution, double *out) {
            FakeTrial &trial = of(ref);
            if (trial.suggest_status != HPO_OK) return trial.suggest_status;
            trial.distributions[name] = distribution != nullptr ? distribution : "";
            const auto found = trial.params.find(name);
            *out = found == trial.params.end() ? std::nan("") : found->second;
            return int32_t{HPO_OK};
        };
        api.params_json = [](hpo_trial_ref *ref, char **out) {
            const std::string &text = of(ref).params_json;
            *out = static_cast<char *>(std::malloc(text.size() + 1));
            std::memcpy(*out, text.c_str(), text.size() + 1);
            return int32_t{HPO_OK};
        };
        api.set_user_attr = [](hpo_trial_ref *ref, const char *key, const char *value_json) {
            of(ref).user_attrs[key] = value_json;
            return int32_t{HPO_OK};
        };
        api.devices = [](const hpo_trial_ref *ref, int32_t *out, int32_t capacity, int32_t *out_n) {
            const auto &handed = of(ref).devices;
            *out_n = static_cast<int32_t>(handed.size());
            for (int32_t i = 0; i < capacity && i < *out_n; ++i) out[i] = handed[static_cast<std::size_t>(i)];
            return int32_t{HPO_OK};
        };
        api.report = [](hpo_trial_ref *ref, int64_t step, double value, int32_t *out_prune) {
            FakeTrial &trial = of(ref);
            if (trial.report_status != HPO_OK) return trial.report_status;
            trial.reports.emplace_back(step, value);
            *out_prune = trial.prune_from_step && step >= *trial.prune_from_step ? 1 : 0;
            return int32_t{HPO_OK};
        };
        return api;
    }
};

} // namespace hpo::test
