// A trial's memory_limit as a cgroup: the worker joins a cgroup of its own whose memory
// limit (swap included) the kernel enforces on the memory the trial really uses, whatever
// address space CUDA or a JVM reserves, and whose OOM kill is counted, so the trial fails
// saying it exceeded its limit. cgroup v2 (memory.max, memory.swap.max, memory.events), or
// the memory controller of cgroup v1 on hybrid machines (memory.limit_in_bytes,
// memory.memsw.limit_in_bytes, memory.oom_control). Trial cgroups are made below the
// cgroup this process runs in, which must be writable (root, or a delegated subtree).
#pragma once

#include <hpo_kit/child_guard.hpp>

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <variant>

namespace hpo::runners {

struct CgroupParent {
    std::filesystem::path path;  // the folder trial cgroups are made in
    int version = 2;             // 2, or 1 for the memory controller's own hierarchy
};

// The cgroup trial cgroups can be made below, or why there is none (no memory controller
// mounted, not writable, the controller not delegated to this process's cgroup).
std::variant<CgroupParent, std::string> find_cgroup_parent();

class TrialCgroup {
public:
    // Makes the cgroup `name` below parent with `limit` bytes of memory and no swap, watched
    // by `guard` (which removes it if this process dies). std::runtime_error saying which
    // file could not be written.
    TrialCgroup(const CgroupParent &parent, const std::string &name, uint64_t limit, plugin_kit::ChildGuard &guard);
    TrialCgroup(const TrialCgroup &) = delete;
    TrialCgroup &operator=(const TrialCgroup &) = delete;
    // Kills what is left in the cgroup and removes it.
    ~TrialCgroup();

    // The folder whose cgroup.procs a process writes "0" to, to join.
    [[nodiscard]] const std::filesystem::path &path() const { return path_; }
    // Whether the kernel's OOM killer killed a process of the cgroup.
    [[nodiscard]] bool oom_killed() const;

private:
    std::filesystem::path path_;
    int version_;
    plugin_kit::ChildGuard *guard_;
};

// Joins the cgroup at path (writes "0" to its cgroup.procs): std::runtime_error when it
// cannot.
void join_cgroup(const std::filesystem::path &path);

}  // namespace hpo::runners
