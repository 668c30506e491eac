// Child processes: how they ended, in words; their output by lines; descriptors handed down;
// and a stopped child's whole process group gone, even what ignores SIGTERM.
#include "child_test_helpers.hpp"

#include <doctest/doctest.h>

#include <cerrno>
#include <csignal>
#include <fcntl.h>
#include <fstream>
#include <thread>
#include <unistd.h>

namespace {

using hpo::plugin_kit::ChildProcess;
using hpo::plugin_kit::LineReader;
using hpo::plugin_kit::SpawnRequest;
using hpo::test::gone;
using hpo::test::shell;

std::vector<std::string> all_lines(ChildProcess &child) {
    LineReader reader(child.stdout_fd());
    std::vector<std::string> lines;
    std::string line;
    while (reader.next(line, std::nullopt) == LineReader::Result::line) lines.push_back(line);
    return lines;
}

}  // namespace

TEST_CASE("exit statuses and signals in words") {
    ChildProcess exits(shell("exit 3"));
    CHECK(exits.wait().describe() == "exited with status 3");
    ChildProcess crashes(shell("kill -SEGV $$"));
    CHECK(crashes.wait().describe() == "killed by signal 11 (SIGSEGV)");
    ChildProcess fine(shell("true"));
    CHECK(fine.wait().succeeded());
}

TEST_CASE("stdout by lines, a last line without its newline included; stderr to a file") {
    const auto err = std::filesystem::temp_directory_path() / ("hpo-child-stderr-" + std::to_string(getpid()));
    std::filesystem::remove(err);
    SpawnRequest request = shell("echo one; echo oops >&2; printf 'two\\nthree'");
    request.stderr_path = err.string();
    ChildProcess child(request);
    CHECK(all_lines(child) == std::vector<std::string>{"one", "two", "three"});
    CHECK(child.wait().succeeded());
    CHECK(hpo::plugin_kit::last_lines(err, 5) == "oops");
}

TEST_CASE("a read waits no longer than its deadline") {
    ChildProcess child(shell("sleep 5"));
    LineReader reader(child.stdout_fd());
    std::string line;
    CHECK(reader.next(line, std::chrono::steady_clock::now() + std::chrono::milliseconds(50)) ==
          LineReader::Result::timeout);
    CHECK(child.terminate(std::chrono::milliseconds(500)).signal == SIGTERM);
}

TEST_CASE("terminate kills the whole group, SIGKILL after the grace period for what ignores SIGTERM") {
    ChildProcess child(shell("trap '' TERM; sleep 1000 & echo $!; wait"));
    LineReader reader(child.stdout_fd());
    std::string line;
    REQUIRE(reader.next(line, std::nullopt) == LineReader::Result::line);
    const auto helper = static_cast<pid_t>(std::stol(line));
    CHECK(child.terminate(std::chrono::milliseconds(100)).signal == SIGKILL);
    CHECK(gone(helper));
}

TEST_CASE("descriptors handed down under the child's numbers; parameters never pass a shell") {
    int fds[2];
    REQUIRE(pipe2(fds, O_CLOEXEC) == 0);
    SpawnRequest request;
    request.argv = {"sh", "-c", "printf '%s' \"$1\" >&5", "sh", "$(echo injected); `id`"};
    request.inherited_fds = {{fds[1], 5}};
    ChildProcess child(request);
    close(fds[1]);
    CHECK(child.wait().succeeded());
    char buffer[128] = {};
    CHECK(std::string(buffer, static_cast<std::size_t>(read(fds[0], buffer, sizeof buffer))) == "$(echo injected); `id`");
    close(fds[0]);
}

TEST_CASE("a program that cannot start is named") {
    SpawnRequest request;
    request.argv = {"/nonexistent/program"};
    CHECK_THROWS_WITH_AS(ChildProcess{request}, doctest::Contains("cannot start \"/nonexistent/program\""),
                         std::runtime_error);
    request.argv = {"true"};
    request.working_dir = "/nonexistent/folder";
    CHECK_THROWS_WITH_AS(ChildProcess{request}, doctest::Contains("in \"/nonexistent/folder\""), std::runtime_error);
}

TEST_CASE("the last lines of a file") {
    const auto file = std::filesystem::temp_directory_path() / ("hpo-child-lines-" + std::to_string(getpid()));
    std::ofstream(file) << "one\ntwo\nthree\nfour\n";
    CHECK(hpo::plugin_kit::last_lines(file, 2) == "three\nfour");
    CHECK(hpo::plugin_kit::last_lines(file, 10) == "one\ntwo\nthree\nfour");
    CHECK(hpo::plugin_kit::last_lines(file, 0).empty());
    CHECK(hpo::plugin_kit::last_lines("/nonexistent", 3).empty());
    CHECK(hpo::plugin_kit::timed_out_after(std::chrono::milliseconds(1500)) == "timed out after 1.5 s");
}
