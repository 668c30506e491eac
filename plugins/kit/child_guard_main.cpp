// hpo-child-guard: kills the process groups of a process's children once that process is
// gone (hpo_kit/child_guard.hpp). Reads packets "+<pgid>" (watch) and "-<pgid>" (forget),
// and "+/path" and "-/path" for a trial's cgroup, from descriptor 3 until end of file, which
// comes when the process that started it closes its end or dies; then SIGKILLs every group
// still watched, empties and removes every cgroup still watched, and exits.
#include <hpo_kit/cgroup_removal.hpp>

#include <cerrno>
#include <csignal>
#include <cstdlib>
#include <set>
#include <string>
#include <unistd.h>

int main() {
    // Ctrl-C or a hangup that stops the study must not stop the guard before it has acted.
    std::signal(SIGINT, SIG_IGN);
    std::signal(SIGHUP, SIG_IGN);
    std::set<pid_t> groups;
    std::set<std::string> cgroups;
    char packet[8192];
    for (;;) {
        const ssize_t n = read(3, packet, sizeof packet - 1);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) break;
        packet[n] = '\0';
        const bool watch = packet[0] == '+';
        if (packet[1] == '/') {
            if (watch) cgroups.insert(packet + 1);
            else cgroups.erase(packet + 1);
            continue;
        }
        const auto group = static_cast<pid_t>(std::strtol(packet + 1, nullptr, 10));
        if (group <= 1) continue;  // never this guard's own group, nor every process
        if (watch) groups.insert(group);
        else groups.erase(group);
    }
    for (const pid_t group : groups) kill(-group, SIGKILL);
    for (const std::string &cgroup : cgroups) hpo::plugin_kit::remove_cgroup(cgroup);
    return 0;
}
