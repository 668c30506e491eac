// A program run as a child of a plugin, the way a training job must be run: started by
// posix_spawn (never fork() of a threaded process, never a shell), in a process group of
// its own so that stopping it stops whatever it started, stdin from /dev/null, stdout
// through a pipe the caller reads line by line, stderr appended to a file.
#pragma once

#include "child_guard.hpp"

#include <chrono>
#include <filesystem>
#include <optional>
#include <string>
#include <sys/types.h>
#include <utility>
#include <vector>

namespace hpo::plugin_kit {

// How a child ended, as waitpid says it.
struct ExitStatus {
    int code = 0;    // the exit status when signal is 0
    int signal = 0;  // the signal that killed it, 0 when it exited
    [[nodiscard]] bool succeeded() const { return signal == 0 && code == 0; }
    // "exited with status 3", "killed by signal 11 (SIGSEGV)".
    [[nodiscard]] std::string describe() const;
};

struct SpawnRequest {
    std::vector<std::string> argv;         // argv[0] is looked up on PATH unless it has a '/'
    std::vector<std::string> environment;  // "NAME=value" entries: the child's whole environment
    std::string working_dir;               // empty: the caller's
    std::string stderr_path;               // appended to; empty: /dev/null
    std::string stdout_path;               // appended to; empty: a pipe (stdout_fd())
    // Descriptors the child inherits (a protocol pipe): {this process's fd, the child's fd},
    // the child's numbered 3 or more.
    std::vector<std::pair<int, int>> inherited_fds;
    // Watches the child's group while it runs, so that it dies with this process (a trial's
    // program); nullptr for a child this process always outlives.
    ChildGuard *guard = nullptr;
};

// "timed out after 0.5 s", for a child stopped at its time limit.
std::string timed_out_after(std::chrono::milliseconds limit);

// The last `max_lines` lines of a text file (a child's stderr), read from at most its last
// max_bytes; empty when the file cannot be read.
std::string last_lines(const std::filesystem::path &file, std::size_t max_lines, std::size_t max_bytes = 4096);

// The environment of this process as "NAME=value" entries.
std::vector<std::string> current_environment();

// The running child. Destroying it while the child runs kills its process group and reaps it.
class ChildProcess {
public:
    // std::runtime_error naming the program when it cannot be started (not found, not
    // executable, a working folder that does not exist).
    explicit ChildProcess(const SpawnRequest &request);
    ChildProcess(const ChildProcess &) = delete;
    ChildProcess &operator=(const ChildProcess &) = delete;
    ~ChildProcess();

    [[nodiscard]] pid_t pid() const { return pid_; }
    // The read end of the child's stdout, -1 when it goes to a file; end of file once every
    // process holding it is gone.
    [[nodiscard]] int stdout_fd() const { return stdout_fd_; }

    // Waits for the child to exit and reaps it; then kills what is left of its group.
    ExitStatus wait();
    // SIGTERM to the group, `grace` for the child to exit, then SIGKILL to the group.
    ExitStatus terminate(std::chrono::milliseconds grace);
    // The status once the child has exited, without waiting or reaping.
    [[nodiscard]] bool exited() const;

private:
    ExitStatus reap();

    pid_t pid_ = -1;
    int stdout_fd_ = -1;
    ChildGuard *guard_ = nullptr;
    std::optional<ExitStatus> status_;
};

// Lines from a descriptor, waiting at most until a deadline for each.
class LineReader {
public:
    enum class Result { line, timeout, end };
    explicit LineReader(int fd) : fd_(fd) {}
    // The next line, without its '\n' (a last line without one at end of file too).
    Result next(std::string &line, std::optional<std::chrono::steady_clock::time_point> deadline);

private:
    bool take_line(std::string &line);

    int fd_;
    std::string buffer_;
    bool ended_ = false;
};

}  // namespace hpo::plugin_kit
