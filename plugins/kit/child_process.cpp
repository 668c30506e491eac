#include "hpo_kit/child_process.hpp"

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <fstream>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sstream>
#include <stdexcept>
#include <sys/wait.h>
#include <thread>
#include <unistd.h>

extern char **environ;

namespace hpo::plugin_kit {
namespace {

using Clock = std::chrono::steady_clock;

std::string system_error(const std::string &what, int error) { return what + ": " + std::strerror(error); }

void check_spawn_call(int result, const char *call) {
    if (result != 0) throw std::runtime_error(system_error(call, result));
}

std::vector<char *> c_strings(const std::vector<std::string> &strings) {
    std::vector<char *> out;
    out.reserve(strings.size() + 1);
    for (const auto &text : strings) out.push_back(const_cast<char *>(text.c_str()));
    out.push_back(nullptr);
    return out;
}

// posix_spawn's attribute and file-action objects, destroyed however spawning ends.
struct SpawnSetup {
    posix_spawnattr_t attributes{};
    posix_spawn_file_actions_t actions{};
    SpawnSetup() {
        posix_spawnattr_init(&attributes);
        posix_spawn_file_actions_init(&actions);
    }
    ~SpawnSetup() {
        posix_spawn_file_actions_destroy(&actions);
        posix_spawnattr_destroy(&attributes);
    }
    SpawnSetup(const SpawnSetup &) = delete;
    SpawnSetup &operator=(const SpawnSetup &) = delete;
};

void configure(SpawnSetup &setup, const SpawnRequest &request, int stdout_write_fd) {
    // A process group of its own (its pgid is its pid); signals the caller blocks or
    // ignores (a Python host ignores SIGPIPE) back to their defaults.
    sigset_t none, defaults;
    sigemptyset(&none);
    sigfillset(&defaults);
    sigdelset(&defaults, SIGKILL);
    sigdelset(&defaults, SIGSTOP);
    check_spawn_call(posix_spawnattr_setpgroup(&setup.attributes, 0), "posix_spawnattr_setpgroup");
    check_spawn_call(posix_spawnattr_setsigmask(&setup.attributes, &none), "posix_spawnattr_setsigmask");
    check_spawn_call(posix_spawnattr_setsigdefault(&setup.attributes, &defaults), "posix_spawnattr_setsigdefault");
    check_spawn_call(posix_spawnattr_setflags(&setup.attributes, POSIX_SPAWN_SETPGROUP | POSIX_SPAWN_SETSIGMASK |
                                                                      POSIX_SPAWN_SETSIGDEF),
                     "posix_spawnattr_setflags");
    auto &actions = setup.actions;
    constexpr int append = O_WRONLY | O_CREAT | O_APPEND;
    check_spawn_call(posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0), "stdin");
    if (request.stdout_path.empty()) {
        check_spawn_call(posix_spawn_file_actions_adddup2(&actions, stdout_write_fd, 1), "stdout");
    } else {
        check_spawn_call(posix_spawn_file_actions_addopen(&actions, 1, request.stdout_path.c_str(), append, 0644),
                         "stdout");
    }
    const std::string stderr_path = request.stderr_path.empty() ? "/dev/null" : request.stderr_path;
    check_spawn_call(posix_spawn_file_actions_addopen(&actions, 2, stderr_path.c_str(), append, 0644), "stderr");
    // Our descriptors are close-on-exec, and one may already carry another's target number:
    // each goes to a spare number first, then to its target (dup2 clears close-on-exec).
    constexpr int spare_base = 1000;
    for (std::size_t i = 0; i < request.inherited_fds.size(); ++i) {
        const auto [fd, target] = request.inherited_fds[i];
        if (target <= 2 || target >= spare_base) {
            throw std::invalid_argument("an inherited descriptor's number in the child must be from 3 to 999");
        }
        check_spawn_call(posix_spawn_file_actions_adddup2(&actions, fd, spare_base + static_cast<int>(i)),
                         "inherited descriptor");
    }
    for (std::size_t i = 0; i < request.inherited_fds.size(); ++i) {
        const int spare = spare_base + static_cast<int>(i);
        check_spawn_call(posix_spawn_file_actions_adddup2(&actions, spare, request.inherited_fds[i].second),
                         "inherited descriptor");
        check_spawn_call(posix_spawn_file_actions_addclose(&actions, spare), "inherited descriptor");
    }
    if (!request.working_dir.empty()) {
        check_spawn_call(posix_spawn_file_actions_addchdir_np(&actions, request.working_dir.c_str()), "working folder");
    }
}

}  // namespace

std::string ExitStatus::describe() const {
    if (signal == 0) return "exited with status " + std::to_string(code);
    const char *abbreviation = sigabbrev_np(signal);
    return "killed by signal " + std::to_string(signal) +
           (abbreviation ? " (SIG" + std::string(abbreviation) + ")" : std::string());
}

std::string timed_out_after(std::chrono::milliseconds limit) {
    std::ostringstream text;
    text << "timed out after " << static_cast<double>(limit.count()) / 1000.0 << " s";
    return text.str();
}

std::string last_lines(const std::filesystem::path &file, std::size_t max_lines, std::size_t max_bytes) {
    std::ifstream in(file, std::ios::binary);
    if (!in) return {};
    in.seekg(0, std::ios::end);
    const auto size = static_cast<std::size_t>(in.tellg());
    const std::size_t start = size > max_bytes ? size - max_bytes : 0;
    in.seekg(static_cast<std::streamoff>(start));
    std::string tail(size - start, '\0');
    in.read(tail.data(), static_cast<std::streamsize>(tail.size()));
    while (!tail.empty() && (tail.back() == '\n' || tail.back() == '\r')) tail.pop_back();
    // Back from the end past max_lines newlines; what follows the last one passed is kept.
    std::size_t begin = tail.size(), lines = 0;
    while (begin > 0 && lines < max_lines) {
        --begin;
        if (tail[begin] == '\n' && ++lines == max_lines) {
            ++begin;
            break;
        }
    }
    return tail.substr(begin);
}

std::vector<std::string> current_environment() {
    std::vector<std::string> out;
    for (char **entry = environ; entry != nullptr && *entry != nullptr; ++entry) out.emplace_back(*entry);
    return out;
}

ChildProcess::ChildProcess(const SpawnRequest &request) {
    if (request.argv.empty()) throw std::invalid_argument("a child process needs a program to run");
    int pipe_fds[2];
    if (pipe2(pipe_fds, O_CLOEXEC) != 0) throw std::runtime_error(system_error("pipe2", errno));
    SpawnSetup setup;
    try {
        configure(setup, request, pipe_fds[1]);
    } catch (...) {
        close(pipe_fds[0]);
        close(pipe_fds[1]);
        throw;
    }
    auto argv = c_strings(request.argv);
    auto environment = c_strings(request.environment);
    const int result = posix_spawnp(&pid_, argv[0], &setup.actions, &setup.attributes, argv.data(), environment.data());
    close(pipe_fds[1]);
    if (result != 0) {
        close(pipe_fds[0]);
        std::string where = request.working_dir.empty() ? "" : " in \"" + request.working_dir + "\"";
        throw std::runtime_error(system_error("cannot start \"" + request.argv[0] + "\"" + where, result));
    }
    if (request.stdout_path.empty()) stdout_fd_ = pipe_fds[0];
    else close(pipe_fds[0]);
    if (request.guard != nullptr) {
        try {
            request.guard->watch(pid_);
        } catch (...) {
            kill(-pid_, SIGKILL);  // unguarded, it could outlive this process
            reap();
            if (stdout_fd_ >= 0) close(stdout_fd_);
            throw;
        }
        guard_ = request.guard;
    }
}

ChildProcess::~ChildProcess() {
    if (!status_) {
        kill(-pid_, SIGKILL);
        reap();
    }
    if (stdout_fd_ >= 0) close(stdout_fd_);
}

bool ChildProcess::exited() const {
    if (status_) return true;
    siginfo_t info{};
    // WNOWAIT leaves the child a zombie, so its pid (the group's id) cannot be reused
    // before the group is killed.
    return waitid(P_PID, static_cast<id_t>(pid_), &info, WEXITED | WNOHANG | WNOWAIT) == 0 && info.si_pid == pid_;
}

ExitStatus ChildProcess::reap() {
    if (guard_ != nullptr) guard_->forget(pid_);
    int raw = 0;
    while (waitpid(pid_, &raw, 0) < 0 && errno == EINTR) {
    }
    ExitStatus status;
    if (WIFSIGNALED(raw)) status.signal = WTERMSIG(raw);
    else status.code = WEXITSTATUS(raw);
    status_ = status;
    return status;
}

ExitStatus ChildProcess::wait() {
    if (status_) return *status_;
    siginfo_t info{};
    while (waitid(P_PID, static_cast<id_t>(pid_), &info, WEXITED | WNOWAIT) < 0 && errno == EINTR) {
    }
    kill(-pid_, SIGKILL);  // what the program left behind in its group
    return reap();
}

ExitStatus ChildProcess::terminate(std::chrono::milliseconds grace) {
    if (status_) return *status_;
    kill(-pid_, SIGTERM);
    const auto deadline = Clock::now() + grace;
    while (!exited() && Clock::now() < deadline) std::this_thread::sleep_for(std::chrono::milliseconds(5));
    kill(-pid_, SIGKILL);
    return reap();
}

LineReader::Result LineReader::next(std::string &line, std::optional<Clock::time_point> deadline) {
    for (;;) {
        if (take_line(line)) return Result::line;
        if (ended_) {
            if (buffer_.empty()) return Result::end;
            line = std::move(buffer_);
            buffer_.clear();
            return Result::line;
        }
        int timeout_ms = -1;
        if (deadline) {
            const auto left = std::chrono::ceil<std::chrono::milliseconds>(*deadline - Clock::now()).count();
            if (left <= 0) return Result::timeout;
            timeout_ms = static_cast<int>(std::min<long long>(left, 1 << 30));
        }
        pollfd request{fd_, POLLIN, 0};
        const int ready = poll(&request, 1, timeout_ms);
        if (ready < 0 && errno == EINTR) continue;
        if (ready < 0) throw std::runtime_error(system_error("poll", errno));
        if (ready == 0) return Result::timeout;
        char chunk[4096];
        const ssize_t n = read(fd_, chunk, sizeof chunk);
        if (n < 0 && errno == EINTR) continue;
        if (n < 0) throw std::runtime_error(system_error("read", errno));
        if (n == 0) ended_ = true;
        buffer_.append(chunk, static_cast<std::size_t>(n));
    }
}

bool LineReader::take_line(std::string &line) {
    const auto end = buffer_.find('\n');
    if (end == std::string::npos) return false;
    line.assign(buffer_, 0, end);
    buffer_.erase(0, end + 1);
    return true;
}

}  // namespace hpo::plugin_kit
