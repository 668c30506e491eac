#include "memory_cgroup.hpp"

#include <hpo_kit/cgroup_removal.hpp>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <unistd.h>
#include <vector>

namespace hpo::runners {
namespace {

namespace fs = std::filesystem;

std::vector<std::string> words(const std::string &line) {
    std::istringstream in(line);
    std::vector<std::string> out;
    for (std::string word; in >> word;) out.push_back(word);
    return out;
}

bool lists(const std::string &comma_separated, const std::string &item) {
    std::istringstream in(comma_separated);
    for (std::string entry; std::getline(in, entry, ',');) {
        if (entry == item) return true;
    }
    return false;
}

// Where the hierarchy is mounted (/proc/self/mountinfo: root and mount point before the
// " - ", the type and super options after it): cgroup2, or the v1 mount with memory.
std::optional<std::pair<fs::path, std::string>> mount_of(int version) {
    std::ifstream mounts("/proc/self/mountinfo");
    for (std::string line; std::getline(mounts, line);) {
        const auto fields = words(line);
        const auto dash = std::find(fields.begin(), fields.end(), "-");
        if (fields.size() < 5 || dash == fields.end() || fields.end() - dash < 4) continue;
        const std::string &type = dash[1], &options = dash[3];
        if ((version == 2 && type == "cgroup2") || (version == 1 && type == "cgroup" && lists(options, "memory"))) {
            return std::pair{fs::path(fields[4]), fields[3]};
        }
    }
    return std::nullopt;
}

// This process's cgroup in the hierarchy (/proc/self/cgroup: "0::/path" for v2,
// "N:...,memory,...:/path" for v1's memory controller).
std::optional<std::string> own_cgroup(int version) {
    std::ifstream groups("/proc/self/cgroup");
    for (std::string line; std::getline(groups, line);) {
        const auto first = line.find(':'), second = line.find(':', first + 1);
        if (first == std::string::npos || second == std::string::npos) continue;
        const std::string controllers = line.substr(first + 1, second - first - 1);
        if ((version == 2 && line.compare(0, first, "0") == 0 && controllers.empty()) ||
            (version == 1 && lists(controllers, "memory"))) {
            return line.substr(second + 1);
        }
    }
    return std::nullopt;
}

std::string read_file(const fs::path &file) {
    std::ifstream in(file);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

bool write_file(const fs::path &file, const std::string &text) {
    std::ofstream out(file);
    out << text;
    out.flush();
    return static_cast<bool>(out);
}

void write_or_throw(const fs::path &file, const std::string &text) {
    if (!write_file(file, text)) {
        throw std::runtime_error("cannot write \"" + text + "\" to " + file.string() + ": " + std::strerror(errno));
    }
}

// The value of `key` in a flat keyed file (memory.events, memory.oom_control).
uint64_t keyed_value(const fs::path &file, const std::string &key) {
    std::istringstream in(read_file(file));
    std::string name;
    uint64_t value = 0;
    while (in >> name >> value) {
        if (name == key) return value;
    }
    return 0;
}

std::variant<CgroupParent, std::string> parent_in(int version) {
    const std::string hierarchy = version == 2 ? "cgroup v2" : "cgroup v1's memory controller";
    const auto mount = mount_of(version);
    if (!mount) return hierarchy + " is not mounted";
    const auto own = own_cgroup(version);
    if (!own) return "this process has no cgroup in " + hierarchy;
    // A mount of a subtree (a container's) shows paths below its root.
    std::string relative = *own;
    if (mount->second != "/" && relative.starts_with(mount->second)) relative.erase(0, mount->second.size());
    const fs::path parent = mount->first / fs::path(relative).relative_path();
    if (version == 2) {
        const auto available = words(read_file(parent / "cgroup.controllers"));
        if (std::find(available.begin(), available.end(), "memory") == available.end()) {
            return "the memory controller is not available in " + parent.string();
        }
        const auto enabled = words(read_file(parent / "cgroup.subtree_control"));
        if (std::find(enabled.begin(), enabled.end(), "memory") == enabled.end() &&
            !write_file(parent / "cgroup.subtree_control", "+memory")) {
            return "cannot enable the memory controller below " + parent.string() + " (" + std::strerror(errno) +
                   "; a cgroup that holds processes cannot)";
        }
    }
    const fs::path probe = parent / ("hpo-probe-" + std::to_string(getpid()));
    std::error_code error;
    fs::create_directory(probe, error);
    if (error) return "cannot make a cgroup in " + parent.string() + ": " + error.message();
    fs::remove(probe, error);
    return CgroupParent{parent, version};
}

}  // namespace

std::variant<CgroupParent, std::string> find_cgroup_parent() {
    auto v2 = parent_in(2);
    if (std::holds_alternative<CgroupParent>(v2)) return v2;
    auto v1 = parent_in(1);
    if (std::holds_alternative<CgroupParent>(v1)) return v1;
    return std::get<std::string>(v2) + "; " + std::get<std::string>(v1);
}

TrialCgroup::TrialCgroup(const CgroupParent &parent, const std::string &name, uint64_t limit,
                         plugin_kit::ChildGuard &guard)
    : path_(parent.path / name), version_(parent.version), guard_(&guard) {
    std::error_code error;
    fs::remove(path_, error);  // an empty one left by a run that was killed
    if (!fs::create_directory(path_, error)) {
        throw std::runtime_error("cannot make cgroup " + path_.string() + ": " +
                                 (error ? error.message() : "it exists and holds processes"));
    }
    try {
        if (version_ == 2) {
            write_or_throw(path_ / "memory.max", std::to_string(limit));
            if (fs::exists(path_ / "memory.swap.max")) write_or_throw(path_ / "memory.swap.max", "0");
        } else {
            write_or_throw(path_ / "memory.limit_in_bytes", std::to_string(limit));
            // Memory plus swap, once memory alone is set; absent without swap accounting.
            if (fs::exists(path_ / "memory.memsw.limit_in_bytes")) {
                write_or_throw(path_ / "memory.memsw.limit_in_bytes", std::to_string(limit));
            }
        }
        guard_->watch_cgroup(path_);
    } catch (...) {
        fs::remove(path_, error);
        throw;
    }
}

TrialCgroup::~TrialCgroup() {
    // What the worker left behind (a program it started) is killed with it.
    plugin_kit::remove_cgroup(path_);
    guard_->forget_cgroup(path_);
}

bool TrialCgroup::oom_killed() const {
    return version_ == 2 ? keyed_value(path_ / "memory.events", "oom_kill") > 0
                         : keyed_value(path_ / "memory.oom_control", "oom_kill") > 0;
}

void join_cgroup(const fs::path &path) { write_or_throw(path / "cgroup.procs", "0"); }

}  // namespace hpo::runners
