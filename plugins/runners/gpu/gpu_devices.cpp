#include "gpu_devices.hpp"

#include <dlfcn.h>
#include <stdexcept>

namespace hpo::gpu {
namespace {

// A library opened with dlopen, closed with this object.
class Library {
public:
    explicit Library(const char *name) : handle_(dlopen(name, RTLD_NOW | RTLD_LOCAL)) {
        if (handle_ == nullptr) {
            const char *why = dlerror();
            error_ = why != nullptr ? why : name;
        }
    }
    ~Library() {
        if (handle_ != nullptr) dlclose(handle_);
    }
    Library(const Library &) = delete;
    Library &operator=(const Library &) = delete;

    [[nodiscard]] bool loaded() const { return handle_ != nullptr; }
    [[nodiscard]] const std::string &error() const { return error_; }
    template <class Function>
    Function symbol(const char *name) const {
        return reinterpret_cast<Function>(dlsym(handle_, name));
    }

private:
    void *handle_;
    std::string error_;
};

// NVML's types, as its header declares them (it is not installed here).
struct NvmlMemory {
    unsigned long long total, free, used;
};
struct NvmlUtilization {
    unsigned int gpu, memory;
};
using NvmlDevice = void *;

std::vector<Device> nvml_devices(const Library &nvml, std::string &why) {
    const auto init = nvml.symbol<int (*)()>("nvmlInit_v2");
    const auto shutdown = nvml.symbol<int (*)()>("nvmlShutdown");
    const auto count = nvml.symbol<int (*)(unsigned *)>("nvmlDeviceGetCount_v2");
    const auto handle = nvml.symbol<int (*)(unsigned, NvmlDevice *)>("nvmlDeviceGetHandleByIndex_v2");
    const auto name = nvml.symbol<int (*)(NvmlDevice, char *, unsigned)>("nvmlDeviceGetName");
    const auto memory = nvml.symbol<int (*)(NvmlDevice, NvmlMemory *)>("nvmlDeviceGetMemoryInfo");
    const auto utilization = nvml.symbol<int (*)(NvmlDevice, NvmlUtilization *)>("nvmlDeviceGetUtilizationRates");
    if (!init || !shutdown || !count || !handle || !name || !memory || !utilization) {
        why = "libnvidia-ml.so.1 lacks the functions needed";
        return {};
    }
    if (init() != 0) {
        why = "nvmlInit failed";
        return {};
    }
    std::vector<Device> devices;
    unsigned n = 0;
    if (count(&n) == 0) {
        for (unsigned i = 0; i < n; ++i) {
            NvmlDevice device = nullptr;
            if (handle(i, &device) != 0) continue;
            Device found;
            found.ordinal = static_cast<int32_t>(i);
            char text[96] = {};
            if (name(device, text, sizeof text) == 0) found.name = text;
            NvmlMemory info{};
            if (memory(device, &info) == 0) {
                found.memory_total = info.total;
                found.memory_used = info.used;
            }
            NvmlUtilization rates{};
            if (utilization(device, &rates) == 0) found.utilization = rates.gpu;
            devices.push_back(found);
        }
    }
    shutdown();
    if (devices.empty()) why = "NVML reports no device";
    return devices;
}

std::vector<Device> cuda_devices(const Library &cuda, std::string &why) {
    const auto init = cuda.symbol<int (*)(unsigned)>("cuInit");
    const auto count = cuda.symbol<int (*)(int *)>("cuDeviceGetCount");
    const auto get = cuda.symbol<int (*)(int *, int)>("cuDeviceGet");
    const auto name = cuda.symbol<int (*)(char *, int, int)>("cuDeviceGetName");
    const auto memory = cuda.symbol<int (*)(size_t *, int)>("cuDeviceTotalMem_v2");
    if (!init || !count || !get || !name || !memory) {
        why = "libcuda.so.1 lacks the functions needed";
        return {};
    }
    int n = 0;
    if (const int status = init(0); status != 0) {
        why = "cuInit failed with CUDA error " + std::to_string(status);
        return {};
    }
    std::vector<Device> devices;
    if (count(&n) == 0) {
        for (int i = 0; i < n; ++i) {
            int device = 0;
            if (get(&device, i) != 0) continue;
            Device found;
            found.ordinal = i;
            char text[96] = {};
            if (name(text, sizeof text, device) == 0) found.name = text;
            size_t total = 0;
            if (memory(&total, device) == 0) found.memory_total = total;
            devices.push_back(found);
        }
    }
    if (devices.empty()) why = "the CUDA driver reports no device";
    return devices;
}

}  // namespace

std::vector<Device> fake_devices(int32_t count) {
    std::vector<Device> devices;
    for (int32_t i = 0; i < count; ++i) {
        devices.push_back({i, "fake GPU " + std::to_string(i), uint64_t{16} << 30, 0, 0});
    }
    return devices;
}

std::vector<Device> discover_devices() {
    std::string nvml_why, cuda_why;
    {
        const Library nvml("libnvidia-ml.so.1");
        if (nvml.loaded()) {
            auto devices = nvml_devices(nvml, nvml_why);
            if (!devices.empty()) return devices;
        } else {
            nvml_why = nvml.error();
        }
    }
    const Library cuda("libcuda.so.1");
    if (cuda.loaded()) {
        auto devices = cuda_devices(cuda, cuda_why);
        if (!devices.empty()) return devices;
    } else {
        cuda_why = cuda.error();
    }
    throw std::runtime_error("no GPU found (NVML: " + nvml_why + "; CUDA driver: " + cuda_why +
                             "); for a run without one, set HPO_FAKE_GPUS=N or the option \"fake_devices\"");
}

}  // namespace hpo::gpu
