#include "trial_loop.hpp"

#include <unistd.h>

#include <array>
#include <chrono>
#include <cmath>
#include <ctime>
#include <fstream>
#include <memory>
#include <stdexcept>

#include <nlohmann/json.hpp>

namespace hpo::bench {

namespace {

void check(int32_t status, const std::string &doing) {
    if (status != HPO_OK) throw std::runtime_error(doing + ": " + hpo_last_error());
}

using StudyPtr = std::unique_ptr<hpo_study, decltype(&hpo_study_free)>;
using TrialPtr = std::unique_ptr<hpo_trial, decltype(&hpo_trial_free)>;

const std::array<const char *, 10> param_names = {"x0", "x1", "x2", "x3", "x4", "x5", "x6", "x7", "x8", "x9"};

void one_trial(hpo_study *study) {
    hpo_trial *raw = nullptr;
    check(hpo_study_ask(study, &raw), "asking");
    const TrialPtr trial(raw, &hpo_trial_free);
    double total = 0;
    for (const char *name : param_names) {
        double value = 0;
        check(hpo_trial_suggest_float(trial.get(), name, 0.0, 1.0, 0, 0.0, &value), "suggesting");
        total += value;
    }
    check(hpo_trial_tell(trial.get(), HPO_TRIAL_COMPLETE, &total, 1, nullptr), "telling");
}

double process_cpu_s() {
    timespec now{};
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &now);
    return static_cast<double>(now.tv_sec) + 1e-9 * static_cast<double>(now.tv_nsec);
}

double resident_bytes() {
    std::ifstream statm("/proc/self/statm");
    long pages_total = 0, pages_resident = 0;
    statm >> pages_total >> pages_resident;
    return static_cast<double>(pages_resident) * static_cast<double>(sysconf(_SC_PAGESIZE));
}

} // namespace

Scaling run_trial_loop(hpo_engine *engine, const std::string &storage_url, const LoopPlan &plan) {
    const nlohmann::json config = {{"sampler", "random"}, {"seed", 1}, {"storage", storage_url}};
    hpo_study *raw = nullptr;
    check(hpo_study_create(engine, config.dump().c_str(), &raw), "creating a study in " + storage_url);
    const StudyPtr study(raw, &hpo_study_free);

    const double baseline = resident_bytes();
    const auto start = std::chrono::steady_clock::now();
    auto within_budget = [&] {
        const std::chrono::duration<double> spent = std::chrono::steady_clock::now() - start;
        return spent.count() < plan.budget_s;
    };
    Scaling result;
    for (const int size : plan.sizes) {
        for (; result.trials < size && within_budget(); ++result.trials) one_trial(study.get());
        if (result.trials < size) {
            result.us_per_trial[size] = NAN;
            continue;
        }
        const double cpu = process_cpu_s();
        for (int i = 0; i < plan.window; ++i) one_trial(study.get());
        result.us_per_trial[size] = (process_cpu_s() - cpu) / plan.window * 1e6;
        result.trials += plan.window;
    }
    if (result.trials > 0)
        result.bytes_per_trial = (resident_bytes() - baseline) / static_cast<double>(result.trials);
    return result;
}

} // namespace hpo::bench
