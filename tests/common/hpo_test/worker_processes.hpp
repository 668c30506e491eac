// Worker processes for the tests in which several processes share one stored study: each
// runs its body in a child forked from the test, and its exit status says whether the body
// got through (an exception is printed to stderr and exits 1).
#pragma once

#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <exception>
#include <vector>

namespace hpo::test {

template <class Body>
pid_t start_worker_process(Body body) {
    const pid_t pid = fork();
    if (pid != 0) return pid;  // the test, or -1, which finished_well reports
    int status = 0;
    try {
        body();
    } catch (const std::exception &failure) {
        std::fprintf(stderr, "worker %d: %s\n", static_cast<int>(getpid()), failure.what());
        status = 1;
    } catch (...) {
        status = 1;
    }
    _exit(status);
}

// Waits for the worker; true when it exited with status 0.
inline bool finished_well(pid_t pid) {
    int status = -1;
    if (pid <= 0 || waitpid(pid, &status, 0) != pid) return false;
    return WIFEXITED(status) && WEXITSTATUS(status) == 0;
}

// Runs body(w) for w = 0 .. count-1, each in its own process, all at once; true when every
// one got through.
template <class Body>
bool run_worker_processes(int count, Body body) {
    std::vector<pid_t> workers;
    for (int w = 0; w < count; ++w) workers.push_back(start_worker_process([&body, w] { body(w); }));
    bool all_well = true;
    for (const pid_t pid : workers) all_well = finished_well(pid) && all_well;
    return all_well;
}

}  // namespace hpo::test
