// Removing a cgroup that may still hold processes: what a trial's cgroup needs when the trial
// ends, and what hpo-child-guard does for it when the process that made it dies.
#pragma once

#include <filesystem>

namespace hpo::plugin_kit {

// SIGKILLs every process in the cgroup at `path` and removes its folder, trying again while
// the killed processes die, for up to 2 s. Whether the folder is gone.
bool remove_cgroup(const std::filesystem::path &path) noexcept;

}  // namespace hpo::plugin_kit
