#include "worker_protocol.hpp"

#include <cerrno>
#include <cmath>
#include <cstring>
#include <limits>
#include <stdexcept>
#include <unistd.h>

namespace hpo::runners::protocol {

nlohmann::json encode_number(double value) {
    if (std::isnan(value)) return "nan";
    if (std::isinf(value)) return value > 0 ? "inf" : "-inf";
    return value;
}

double decode_number(const nlohmann::json &value) {
    if (value.is_number()) return value.get<double>();
    if (value == "inf") return std::numeric_limits<double>::infinity();
    if (value == "-inf") return -std::numeric_limits<double>::infinity();
    if (value == "nan" || value.is_null()) return std::numeric_limits<double>::quiet_NaN();
    throw std::invalid_argument("protocol: " + value.dump() + " is not a number");
}

nlohmann::json encode_numbers(const std::vector<double> &values) {
    nlohmann::json out = nlohmann::json::array();
    for (const double value : values) out.push_back(encode_number(value));
    return out;
}

std::vector<double> decode_numbers(const nlohmann::json &values) {
    std::vector<double> out;
    for (const auto &value : values) out.push_back(decode_number(value));
    return out;
}

void write_line(int fd, const nlohmann::json &message) {
    const std::string line = message.dump() + "\n";
    std::size_t written = 0;
    while (written < line.size()) {
        const ssize_t n = write(fd, line.data() + written, line.size() - written);
        if (n < 0 && errno == EINTR) continue;
        if (n < 0) throw std::runtime_error(std::string("protocol: cannot write to the other process: ") + std::strerror(errno));
        written += static_cast<std::size_t>(n);
    }
}

}  // namespace hpo::runners::protocol
