// The `cuda_logreg` objective: logistic regression trained on the trial's GPU (the first
// device its runner gave it, else device 0) by CUDA kernels, on a seeded two-class data set;
// tunes the learning rate and the L2 penalty, reports the validation error as it trains.
// Built only where CMake finds CUDA. Thread-safe: a trial's state lives on its own stack.
#pragma once

#include "logreg_gpu.hpp"

#include <hpo_kit/plugin_library.hpp>

#include <hpo/plugin.h>

#include <span>
#include <string>

namespace hpo::cuda_logreg {

class CudaLogregObjective {
public:
    static constexpr plugin_kit::About about{
        "cuda_logreg", "Logistic regression trained by CUDA kernels on the trial's GPU (a sample objective)",
        R"json({
  "epochs": {"type": "integer", "default": 200, "minimum": 1, "maximum": 100000, "description": "gradient steps"},
  "report_every": {"type": "integer", "default": 20, "minimum": 1, "description": "epochs between intermediate values"},
  "features": {"type": "integer", "default": 30, "minimum": 1, "maximum": 1024, "description": "dimensions of the data"},
  "examples": {"type": "integer", "default": 4000, "minimum": 10, "maximum": 10000000, "description": "training examples (a quarter as many for validation)"}
})json",
        HPO_PLUGIN_THREAD_SAFE};

    CudaLogregObjective(const plugin_kit::Options &options, const plugin_kit::Host &host);

    [[nodiscard]] std::string describe() const;
    // std::runtime_error "no CUDA device: ..." on a machine without one.
    int32_t evaluate(const hpo_trial_api &api, hpo_trial_ref *trial, std::span<double> values) const;

private:
    DataSet data_;
    int32_t epochs_, report_every_;
};

}  // namespace hpo::cuda_logreg
