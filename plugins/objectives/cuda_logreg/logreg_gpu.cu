#include "logreg_gpu.hpp"

#include <cuda_runtime.h>

#include <cmath>
#include <random>
#include <stdexcept>

namespace hpo::cuda_logreg {
namespace {

void check(cudaError_t status, const char *what) {
    if (status != cudaSuccess) throw std::runtime_error(std::string(what) + ": " + cudaGetErrorString(status));
}

// Device memory of n floats, freed with this object.
class DeviceArray {
public:
    explicit DeviceArray(std::size_t n) : n_(n) { check(cudaMalloc(&data_, n * sizeof(float)), "cudaMalloc"); }
    DeviceArray(const std::vector<float> &host) : DeviceArray(host.size()) {
        check(cudaMemcpy(data_, host.data(), n_ * sizeof(float), cudaMemcpyHostToDevice), "cudaMemcpy");
    }
    ~DeviceArray() { cudaFree(data_); }
    DeviceArray(const DeviceArray &) = delete;
    DeviceArray &operator=(const DeviceArray &) = delete;
    float *get() const { return data_; }
    std::vector<float> to_host() const {
        std::vector<float> out(n_);
        check(cudaMemcpy(out.data(), data_, n_ * sizeof(float), cudaMemcpyDeviceToHost), "cudaMemcpy");
        return out;
    }

private:
    float *data_ = nullptr;
    std::size_t n_;
};

// One thread per example: its prediction's error, sigmoid(w.x + b) - y.
__global__ void residuals(const float *x, const float *y, const float *w, int n, int d, float *out) {
    const int i = blockIdx.x * blockDim.x + threadIdx.x;
    if (i >= n) return;
    float z = w[d];  // the bias
    for (int j = 0; j < d; ++j) z += w[j] * x[i * d + j];
    out[i] = 1.0f / (1.0f + expf(-z)) - y[i];
}

// One thread per weight (the last is the bias): a gradient step with L2 on the weights.
__global__ void step(const float *x, const float *r, int n, int d, float lr, float l2, float *w) {
    const int j = blockIdx.x * blockDim.x + threadIdx.x;
    if (j > d) return;
    float gradient = 0;
    for (int i = 0; i < n; ++i) gradient += r[i] * (j < d ? x[i * d + j] : 1.0f);
    gradient /= static_cast<float>(n);
    if (j < d) gradient += l2 * w[j];
    w[j] -= lr * gradient;
}

// One thread per example: 1 when misclassified.
__global__ void mistakes(const float *x, const float *y, const float *w, int n, int d, float *out) {
    const int i = blockIdx.x * blockDim.x + threadIdx.x;
    if (i >= n) return;
    float z = w[d];
    for (int j = 0; j < d; ++j) z += w[j] * x[i * d + j];
    out[i] = (z > 0) != (y[i] > 0.5f) ? 1.0f : 0.0f;
}

int blocks(int n, int threads) { return (n + threads - 1) / threads; }

}  // namespace

DataSet make_data(int32_t n_train, int32_t n_valid, int32_t features, uint64_t seed) {
    std::mt19937_64 random(seed);
    std::normal_distribution<float> noise(0, 1);
    DataSet data;
    data.features = features;
    const auto draw = [&](int32_t n, std::vector<float> &x, std::vector<float> &y) {
        for (int32_t i = 0; i < n; ++i) {
            const float label = static_cast<float>(i % 2);
            for (int32_t j = 0; j < features; ++j) x.push_back(noise(random) + (label > 0 ? 0.6f : -0.6f) / (1 + j));
            y.push_back(label);
        }
    };
    draw(n_train, data.train_x, data.train_y);
    draw(n_valid, data.valid_x, data.valid_y);
    return data;
}

int32_t device_count(std::string &why_none) {
    int count = 0;
    const cudaError_t status = cudaGetDeviceCount(&count);
    if (status != cudaSuccess) {
        why_none = cudaGetErrorString(status);
        return 0;
    }
    if (count == 0) why_none = "no CUDA device";
    return count;
}

double train(const DataSet &data, const Training &training, int32_t device,
             const std::function<bool(int32_t, double)> &report) {
    check(cudaSetDevice(device), "cudaSetDevice");
    const int d = data.features;
    const int n = static_cast<int>(data.train_y.size()), m = static_cast<int>(data.valid_y.size());
    const DeviceArray x(data.train_x), y(data.train_y), vx(data.valid_x), vy(data.valid_y);
    const DeviceArray w(std::vector<float>(static_cast<std::size_t>(d) + 1, 0.0f));
    DeviceArray r(static_cast<std::size_t>(n)), wrong(static_cast<std::size_t>(m));
    constexpr int threads = 128;
    const auto validation_error = [&] {
        mistakes<<<blocks(m, threads), threads>>>(vx.get(), vy.get(), w.get(), m, d, wrong.get());
        check(cudaGetLastError(), "mistakes kernel");
        double total = 0;
        for (const float v : wrong.to_host()) total += v;
        return total / m;
    };
    for (int32_t epoch = 1; epoch <= training.epochs; ++epoch) {
        residuals<<<blocks(n, threads), threads>>>(x.get(), y.get(), w.get(), n, d, r.get());
        step<<<blocks(d + 1, threads), threads>>>(x.get(), r.get(), n, d, static_cast<float>(training.learning_rate),
                                                  static_cast<float>(training.l2), w.get());
        check(cudaGetLastError(), "training kernels");
        if (epoch % training.report_every == 0 && !report(epoch, validation_error())) return std::nan("");
    }
    return validation_error();
}

}  // namespace hpo::cuda_logreg
