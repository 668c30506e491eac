// Logistic regression trained on a GPU by full-batch gradient descent: the data set, the
// training, and the validation error, with nothing of CUDA in this header.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

namespace hpo::cuda_logreg {

// Two overlapping Gaussian classes in `features` dimensions, drawn from `seed`: a training
// set and a validation set.
struct DataSet {
    int32_t features = 0;
    std::vector<float> train_x, valid_x;  // row-major, one row per example
    std::vector<float> train_y, valid_y;  // 0 or 1
};
DataSet make_data(int32_t n_train, int32_t n_valid, int32_t features, uint64_t seed);

struct Training {
    double learning_rate = 0.1;
    double l2 = 0.0;
    int32_t epochs = 100;
    int32_t report_every = 10;
};

// Number of CUDA devices, or a message saying why there is none.
int32_t device_count(std::string &why_none);

// Trains on `device`; after every report_every epochs calls report(epoch, validation error),
// which returns false to stop (the trial was pruned). Returns the final validation error,
// or throws std::runtime_error with CUDA's message.
double train(const DataSet &data, const Training &training, int32_t device,
             const std::function<bool(int32_t, double)> &report);

}  // namespace hpo::cuda_logreg
