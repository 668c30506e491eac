// hpo-child-guard: once the process that started it closes its end (as dying does), it
// SIGKILLs every process group still watched, whatever ignores SIGTERM and whatever the
// group's leader started, and spares the groups it was told to forget.
#include "child_test_helpers.hpp"

#include <doctest/doctest.h>

#include <csignal>
#include <string>
#include <sys/socket.h>
#include <unistd.h>

namespace {

using hpo::plugin_kit::ChildProcess;
using hpo::plugin_kit::LineReader;
using hpo::plugin_kit::SpawnRequest;
using hpo::test::gone;
using hpo::test::shell;

void send_packet(int socket, const std::string &text) {
    REQUIRE(send(socket, text.data(), text.size(), MSG_NOSIGNAL) == static_cast<ssize_t>(text.size()));
}

}  // namespace

TEST_CASE("the guard kills the groups it watches once its owner's end closes, and spares those forgotten") {
    ChildProcess watched(shell("trap '' TERM; sleep 1000 & echo $!; wait"));
    std::string line;
    LineReader reader(watched.stdout_fd());
    REQUIRE(reader.next(line, std::nullopt) == LineReader::Result::line);
    const auto grandchild = static_cast<pid_t>(std::stol(line));
    ChildProcess forgotten(shell("sleep 1000"));

    int ends[2];
    REQUIRE(socketpair(AF_UNIX, SOCK_SEQPACKET | SOCK_CLOEXEC, 0, ends) == 0);
    SpawnRequest request;
    request.argv = {HPO_CHILD_GUARD_PATH};
    request.inherited_fds = {{ends[1], 3}};
    ChildProcess guard(request);
    close(ends[1]);
    send_packet(ends[0], "+" + std::to_string(watched.pid()));
    send_packet(ends[0], "+" + std::to_string(forgotten.pid()));
    send_packet(ends[0], "-" + std::to_string(forgotten.pid()));
    close(ends[0]);

    CHECK(guard.wait().succeeded());
    CHECK(watched.wait().signal == SIGKILL);
    CHECK(gone(grandchild));
    CHECK_FALSE(forgotten.exited());
}

TEST_CASE("a guarded child is watched while it runs and forgotten once reaped") {
    hpo::plugin_kit::ChildGuard guard(HPO_CHILD_GUARD_PATH);
    SpawnRequest request = shell("echo done");
    request.guard = &guard;
    ChildProcess child(request);
    std::string line;
    LineReader reader(child.stdout_fd());
    CHECK((reader.next(line, std::nullopt) == LineReader::Result::line && line == "done"));
    CHECK(child.wait().succeeded());
}
