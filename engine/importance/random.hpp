// A small seeded generator (SplitMix64) whose draws are the same on every platform and
// standard library, so a seed gives the same forest everywhere.
#pragma once

#include <cstdint>

namespace hpo::importance {

class Random {
public:
    explicit Random(uint64_t seed) : state_(seed) {}
    uint64_t next() {
        uint64_t z = (state_ += 0x9E3779B97F4A7C15ULL);
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
        return z ^ (z >> 31);
    }
    // Uniform in [0, n) (Lemire's multiply-shift; the bias is below 2^-32 for n < 2^32).
    uint64_t below(uint64_t n) {
        __extension__ using wide = unsigned __int128;
        return static_cast<uint64_t>((static_cast<wide>(next()) * n) >> 64);
    }

private:
    uint64_t state_;
};

// A seed for stream `stream` of a generator seeded with `seed`.
inline uint64_t stream_seed(uint64_t seed, uint64_t stream) {
    Random r(seed ^ (0xD1B54A32D192ED03ULL * (stream + 1)));
    return r.next();
}

}  // namespace hpo::importance
