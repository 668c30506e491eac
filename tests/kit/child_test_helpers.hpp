// What the child-process tests share: a shell script as a child, and waiting for a process
// to be gone.
#pragma once

#include <hpo_kit/child_process.hpp>

#include <cerrno>
#include <csignal>
#include <fstream>
#include <string>
#include <thread>

namespace hpo::test {

inline plugin_kit::SpawnRequest shell(const std::string &script) {
    plugin_kit::SpawnRequest request;
    request.argv = {"sh", "-c", script};
    request.environment = plugin_kit::current_environment();
    return request;
}

// Whether pid has exited within 5 s: no such process, or a zombie (reparented to an init
// that does not reap, it never runs again).
inline bool gone(pid_t pid) {
    for (int i = 0; i < 500; ++i) {
        if (kill(pid, 0) != 0 && errno == ESRCH) return true;
        std::ifstream stat("/proc/" + std::to_string(pid) + "/stat");
        const std::string text((std::istreambuf_iterator<char>(stat)), std::istreambuf_iterator<char>());
        const auto close = text.rfind(')');
        if (close != std::string::npos && text.size() > close + 2 && text[close + 2] == 'Z') return true;
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    return false;
}

}  // namespace hpo::test
