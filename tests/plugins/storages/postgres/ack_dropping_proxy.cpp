#include "ack_dropping_proxy.hpp"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cstring>
#include <stdexcept>

namespace hpo::test::postgres {
namespace {

sockaddr_in loopback(int port) {
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    address.sin_port = htons(static_cast<uint16_t>(port));
    return address;
}

bool send_all(int fd, const char *data, size_t size) {
    while (size > 0) {
        const ssize_t sent = ::send(fd, data, size, MSG_NOSIGNAL);
        if (sent <= 0) return false;
        data += sent;
        size -= static_cast<size_t>(sent);
    }
    return true;
}

} // namespace

AckDroppingProxy::AckDroppingProxy(int server_port) : server_port_(server_port) {
    listener_ = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in address = loopback(0);
    if (::bind(listener_, reinterpret_cast<sockaddr *>(&address), sizeof address) != 0 || ::listen(listener_, 16) != 0) {
        throw std::runtime_error(std::string("proxy: cannot listen: ") + std::strerror(errno));
    }
    socklen_t size = sizeof address;
    ::getsockname(listener_, reinterpret_cast<sockaddr *>(&address), &size);
    port_ = ntohs(address.sin_port);
    acceptor_ = std::thread([this] { accept_connections(); });
}

AckDroppingProxy::~AckDroppingProxy() {
    stopping_ = true;
    ::shutdown(listener_, SHUT_RDWR); // wakes accept()
    acceptor_.join();
    for (std::thread &relay : relays_) relay.join();
    ::close(listener_);
}

void AckDroppingProxy::accept_connections() {
    while (!stopping_) {
        const int client = ::accept(listener_, nullptr, nullptr);
        if (client < 0) return;
        const int server = ::socket(AF_INET, SOCK_STREAM, 0);
        sockaddr_in address = loopback(server_port_);
        if (::connect(server, reinterpret_cast<sockaddr *>(&address), sizeof address) != 0) {
            ::close(server);
            ::close(client);
            continue;
        }
        relays_.emplace_back([this, client, server] { relay(client, server); });
    }
}

void AckDroppingProxy::relay(int client, int server) {
    std::string from_server; // bytes of a message not yet whole
    char buffer[65536];
    pollfd fds[2] = {{client, POLLIN, 0}, {server, POLLIN, 0}};
    while (!stopping_) {
        if (::poll(fds, 2, 100) <= 0) continue;
        if (fds[0].revents != 0) {
            const ssize_t got = ::recv(client, buffer, sizeof buffer, 0);
            if (got <= 0 || !send_all(server, buffer, static_cast<size_t>(got))) break;
        }
        if (fds[1].revents != 0) {
            const ssize_t got = ::recv(server, buffer, sizeof buffer, 0);
            if (got <= 0) break;
            from_server.append(buffer, static_cast<size_t>(got));
            // Whole messages: a type byte, then a big-endian length that counts itself.
            size_t whole = 0;
            bool cut = false;
            while (from_server.size() - whole >= 5) {
                uint32_t length = 0;
                std::memcpy(&length, from_server.data() + whole + 1, 4);
                length = ntohl(length);
                if (from_server.size() - whole < 1 + length) break;
                const bool commit_ack = from_server[whole] == 'C' && from_server.compare(whole + 5, 6, "COMMIT") == 0;
                if (commit_ack && armed_.exchange(false)) {
                    cut = true;
                    break;
                }
                whole += 1 + length;
            }
            if (!send_all(client, from_server.data(), whole)) break;
            from_server.erase(0, whole);
            if (cut) {
                ++dropped_;
                break;
            }
        }
    }
    ::close(client);
    ::close(server);
}

} // namespace hpo::test::postgres
