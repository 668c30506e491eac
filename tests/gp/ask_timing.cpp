// Times the gp sampler's ask on a 6-D problem (Hartmann6) as the history grows, on one core:
// not a test, a measurement (`gp_ask_timing [observations...]`, default 100 300).
//
// For each size n the study is filled with n - 10 random observations, then 20 asks are
// made, each told before the next, so the history crosses n. The first ask finds no cache
// (full hyperparameter fit and factorization); the others follow the refit schedule.
#include "fake_study.hpp"
#include "gp_sampler.hpp"

#include <hpo_kit/random_stream.hpp>

#include <tbb/global_control.h>

#include <algorithm>
#include <ctime>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <vector>

using namespace hpo::gp;
using namespace hpo::gp::testing;

namespace {

// Processor time of this process, in ms: on a shared machine, wall time measures the
// neighbours too. With oneTBB held to one thread, it is the ask's own work.
double cpu_ms() {
    timespec t{};
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
    return static_cast<double>(t.tv_sec) * 1e3 + static_cast<double>(t.tv_nsec) * 1e-6;
}

double hartmann6(const std::vector<double> &x) {
    static const double alpha[4] = {1.0, 1.2, 3.0, 3.2};
    static const double a[4][6] = {{10, 3, 17, 3.5, 1.7, 8}, {0.05, 10, 17, 0.1, 8, 14},
                                   {3, 3.5, 1.7, 10, 17, 8}, {17, 8, 0.05, 10, 0.1, 14}};
    static const double p[4][6] = {{0.1312, 0.1696, 0.5569, 0.0124, 0.8283, 0.5886},
                                   {0.2329, 0.4135, 0.8307, 0.3736, 0.1004, 0.9991},
                                   {0.2348, 0.1451, 0.3522, 0.2883, 0.3047, 0.6650},
                                   {0.4047, 0.8828, 0.8732, 0.5743, 0.1091, 0.0381}};
    double sum = 0;
    for (int i = 0; i < 4; ++i) {
        double inner = 0;
        for (int j = 0; j < 6; ++j)
            inner += a[i][j] * (x[j] - p[i][j]) * (x[j] - p[i][j]);
        sum += alpha[i] * std::exp(-inner);
    }
    return -sum;
}

void time_at(int n) {
    const char *names[] = {"x0", "x1", "x2", "x3", "x4", "x5"};
    std::vector<hpo_param_info> params;
    for (const char *name : names)
        params.push_back(float_param(name, 0, 1));
    FakeStudy study(params);
    hpo::plugin_kit::RandomStream stream(n);
    for (int i = 0; i < n - 10; ++i) {
        const int64_t t = study.start_trial();
        for (double &v : study.params_of(t))
            v = stream.uniform();
        study.complete(t, {hartmann6(study.params_of(t))});
    }
    GpSampler sampler(GpOptions{}, 1);
    const std::vector<int32_t> subspace = study.all_params();
    std::vector<double> ms;
    for (int i = 0; i < 20; ++i) {
        const int64_t t = study.start_trial();
        const double start = cpu_ms();
        sampler.sample_relative(study.view(), t, subspace, study.params_of(t));
        ms.push_back(cpu_ms() - start);
        study.complete(t, {hartmann6(study.params_of(t))});
    }
    const double cold = ms.front();
    std::vector<double> warm(ms.begin() + 1, ms.end());
    std::sort(warm.begin(), warm.end());
    std::printf("6-D, %d..%d observations, processor time: cold ask %.1f ms; warm asks median %.1f ms, max %.1f ms "
                "(%d full factorizations, %d appends)\n",
                n - 10, n + 9, cold, warm[warm.size() / 2], warm.back(),
                sampler.cache().full_factorizations(), sampler.cache().appends());
}

}  // namespace

int main(int argc, char **argv) {
    const tbb::global_control one_core(tbb::global_control::max_allowed_parallelism, 1);
    std::vector<int> sizes;
    for (int i = 1; i < argc; ++i)
        sizes.push_back(std::atoi(argv[i]));
    if (sizes.empty())
        sizes = {100, 300};
    for (int n : sizes)
        time_at(std::max(n, 20));
    return 0;
}
