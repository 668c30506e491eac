// The CUDA sample objective on a GPU: a good learning rate learns the data (validation error
// well below chance, intermediate values reported), a pruned trial stops at its first
// report, and with no GPU the trial says so. Exits 77 (skipped) where there is no GPU.
#include "cuda_logreg_objective.hpp"

#include <fake_trial.hpp>

#include <hpo_test/make_plugin.hpp>

#include <cstdio>
#include <vector>

namespace {

int failures = 0;

void expect(bool condition, const char *what) {
    if (!condition) {
        std::fprintf(stderr, "FAILED: %s\n", what);
        ++failures;
    }
}

}  // namespace

int main() {
    using hpo::cuda_logreg::CudaLogregObjective;
    std::string why_none;
    const auto objective = hpo::test::make_plugin<CudaLogregObjective>(R"({"epochs": 100, "report_every": 10})");
    const hpo_trial_api api = hpo::test::FakeTrial::api();
    std::vector<double> values(1);
    if (hpo::cuda_logreg::device_count(why_none) == 0) {
        hpo::test::FakeTrial trial;
        try {
            objective.evaluate(api, trial.ref(), values);
            expect(false, "a trial without a GPU fails");
        } catch (const std::runtime_error &error) {
            expect(std::string(error.what()).find("no CUDA device") == 0, "the failure says there is no CUDA device");
        }
        std::printf("no GPU (%s): skipped\n", why_none.c_str());
        return failures ? 1 : 77;
    }
    hpo::test::FakeTrial trial;
    trial.params = {{"lr", 0.5}, {"l2", 1e-5}};
    expect(objective.evaluate(api, trial.ref(), values) == HPO_OK, "a trial completes");
    expect(values[0] < 0.35, "the validation error is well below chance");
    expect(trial.reports.size() == 10, "an intermediate value every 10 epochs");
    hpo::test::FakeTrial pruned;
    pruned.params = {{"lr", 0.5}, {"l2", 1e-5}};
    pruned.prune_from_step = 0;
    expect(objective.evaluate(api, pruned.ref(), values) == HPO_PRUNED, "a pruned trial stops");
    expect(pruned.reports.size() == 1, "at its first report");
    std::printf("validation error %.3f\n", values[0]);
    return failures ? 1 : 0;
}
