#include "wall_clock.hpp"

#include <chrono>
#include <cmath>
#include <cstdio>
#include <ctime>

namespace hpo::storage {

double now_seconds() {
    const auto since_epoch = std::chrono::system_clock::now().time_since_epoch();
    return std::chrono::duration<double>(since_epoch).count();
}

std::string iso_utc(double seconds_since_epoch) {
    const auto micros = static_cast<long long>(std::llround(seconds_since_epoch * 1e6));
    const auto seconds = static_cast<std::time_t>(micros / 1000000);
    std::tm utc{};
    gmtime_r(&seconds, &utc);
    char text[40];
    const std::size_t length = std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%S", &utc);
    std::snprintf(text + length, sizeof text - length, ".%06lldZ", micros % 1000000);
    return text;
}

} // namespace hpo::storage
