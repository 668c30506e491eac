#include "hpo_kit/cgroup_removal.hpp"

#include <chrono>
#include <csignal>
#include <fstream>
#include <thread>

namespace hpo::plugin_kit {

bool remove_cgroup(const std::filesystem::path &path) noexcept {
    std::error_code error;
    for (int attempt = 0; attempt < 200; ++attempt) {
        std::ifstream procs(path / "cgroup.procs");
        for (pid_t pid; procs >> pid;) kill(pid, SIGKILL);
        if (std::filesystem::remove(path, error) || !std::filesystem::exists(path, error)) return true;
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    return false;
}

}  // namespace hpo::plugin_kit
