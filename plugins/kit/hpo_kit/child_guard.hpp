// A watchdog that outlives this process to stop its children: hpo-child-guard, one per
// process that starts guarded children (installed beside the plugins), holding the other
// end of a socket. When this process dies, however it dies (SIGKILL, a crash), the socket
// closes and the guard SIGKILLs the process group of every child still running, so a hung
// training program and whatever it started never outlive the study that ran it. A
// watchdog process rather than PR_SET_PDEATHSIG: that signal follows the thread that
// started the child, not the process, and reaches the child alone, not its group.
// Thread-safe.
#pragma once

#include <filesystem>
#include <memory>
#include <string>
#include <sys/types.h>

namespace hpo::plugin_kit {

class ChildProcess;

class ChildGuard {
public:
    // Starts the guard program. std::runtime_error when it cannot be started.
    explicit ChildGuard(const std::filesystem::path &executable);
    ChildGuard(const ChildGuard &) = delete;
    ChildGuard &operator=(const ChildGuard &) = delete;
    // The guard kills the groups still watched, then exits, and is reaped.
    ~ChildGuard();

    // The guard this process's children share: $HPO_CHILD_GUARD when set, else
    // hpo-child-guard in the folder of the library (or program) this code is linked into.
    // Started on first use; std::runtime_error saying where it looked when it cannot be.
    static ChildGuard &shared();

    // Watch a child's process group (its pgid): std::runtime_error when the guard is gone.
    void watch(pid_t group);
    // Stop watching it: called once the group is killed or its leader has exited, before the
    // leader is reaped, so the guard never kills a group whose id was reused.
    void forget(pid_t group) noexcept;
    // The same for a trial's cgroup (an absolute path): when this process dies, the guard
    // kills what it holds and removes it, so that nothing escapes by leaving its group.
    void watch_cgroup(const std::filesystem::path &cgroup);
    void forget_cgroup(const std::filesystem::path &cgroup) noexcept;

private:
    bool send(char what, const std::string &subject) noexcept;

    pid_t owner_;     // the process that started the guard (a forked copy must not stop it)
    int socket_ = -1;
    std::unique_ptr<ChildProcess> process_;
};

}  // namespace hpo::plugin_kit
