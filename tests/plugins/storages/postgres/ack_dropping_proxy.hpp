// A TCP relay between a client and the test server that can lose one acknowledgement: the
// server commits a transaction, and the client's connection is cut before the word reaches
// it, as when a network link fails at the worst moment. The client must connect with
// sslmode=disable&gssencmode=disable, so that every message the server sends is a typed one
// (a type byte, a 4-byte length) the relay can read.
#pragma once

#include <atomic>
#include <string>
#include <thread>
#include <vector>

namespace hpo::test::postgres {

class AckDroppingProxy {
public:
    explicit AckDroppingProxy(int server_port);
    ~AckDroppingProxy();
    AckDroppingProxy(const AckDroppingProxy &) = delete;
    AckDroppingProxy &operator=(const AckDroppingProxy &) = delete;

    [[nodiscard]] int port() const { return port_; }
    // The next COMMIT the server acknowledges is not passed on: the connection is cut instead.
    void drop_next_commit_ack() { armed_ = true; }
    // How many acknowledgements were dropped so far.
    [[nodiscard]] int dropped() const { return dropped_; }

private:
    void accept_connections();
    void relay(int client, int server);

    int server_port_;
    int listener_ = -1;
    int port_ = 0;
    std::atomic<bool> stopping_ = false;
    std::atomic<bool> armed_ = false;
    std::atomic<int> dropped_ = 0;
    std::thread acceptor_;
    std::vector<std::thread> relays_; // touched by the acceptor alone until it is joined
};

} // namespace hpo::test::postgres
