#include "hpo_kit/child_guard.hpp"

#include "hpo_kit/child_process.hpp"

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <dlfcn.h>
#include <stdexcept>
#include <string>
#include <sys/socket.h>
#include <unistd.h>

namespace hpo::plugin_kit {
namespace {

// The guard reads its socket as this descriptor.
constexpr int guard_fd = 3;

std::filesystem::path guard_executable() {
    if (const char *given = std::getenv("HPO_CHILD_GUARD"); given != nullptr && *given != '\0') return given;
    Dl_info info{};
    if (dladdr(reinterpret_cast<const void *>(&guard_executable), &info) == 0 || info.dli_fname == nullptr) {
        throw std::runtime_error("cannot tell which folder holds hpo-child-guard; set HPO_CHILD_GUARD");
    }
    return std::filesystem::absolute(info.dli_fname).parent_path() / "hpo-child-guard";
}

}  // namespace

ChildGuard::ChildGuard(const std::filesystem::path &executable) : owner_(getpid()) {
    int ends[2];
    // Packets, so that messages from several threads never interleave; close-on-exec, so
    // that no child holds this end open and the guard sees it close with this process.
    if (socketpair(AF_UNIX, SOCK_SEQPACKET | SOCK_CLOEXEC, 0, ends) != 0) {
        throw std::runtime_error(std::string("socketpair: ") + std::strerror(errno));
    }
    socket_ = ends[0];
    SpawnRequest request;
    request.argv = {executable.string()};
    request.inherited_fds = {{ends[1], guard_fd}};
    try {
        process_ = std::make_unique<ChildProcess>(request);
    } catch (const std::exception &error) {
        close(ends[0]);
        close(ends[1]);
        throw std::runtime_error(std::string(error.what()) +
                                 " (hpo-child-guard stops a trial's processes if this process dies; install it "
                                 "beside the plugins or name it in HPO_CHILD_GUARD)");
    }
    close(ends[1]);
}

ChildGuard::~ChildGuard() {
    if (getpid() == owner_) {
        shutdown(socket_, SHUT_WR);  // the guard's end of file: it stops what is left, then exits
        process_->wait();
    }
    close(socket_);
}

ChildGuard &ChildGuard::shared() {
    static ChildGuard guard(guard_executable());
    return guard;
}

bool ChildGuard::send(char what, const std::string &subject) noexcept {
    try {
        const std::string message = what + subject;
        return ::send(socket_, message.data(), message.size(), MSG_NOSIGNAL) == static_cast<ssize_t>(message.size());
    } catch (const std::bad_alloc &) {
        return false;
    }
}

void ChildGuard::watch(pid_t group) {
    if (!send('+', std::to_string(group))) {
        throw std::runtime_error("hpo-child-guard is gone: " + std::string(std::strerror(errno)));
    }
}

void ChildGuard::forget(pid_t group) noexcept { send('-', std::to_string(group)); }

void ChildGuard::watch_cgroup(const std::filesystem::path &cgroup) {
    if (!cgroup.is_absolute()) throw std::invalid_argument("a watched cgroup's path must be absolute");
    if (!send('+', cgroup.string())) {
        throw std::runtime_error("hpo-child-guard is gone: " + std::string(std::strerror(errno)));
    }
}

void ChildGuard::forget_cgroup(const std::filesystem::path &cgroup) noexcept { send('-', cgroup.string()); }

}  // namespace hpo::plugin_kit
