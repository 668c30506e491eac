// Random streams whose numbers are the same on every platform: std::mt19937_64's sequence is
// fixed by the standard, but the std distributions are not, so the conversions are ours.
#pragma once

#include <cstdint>
#include <random>

namespace hpo::mlp {

// SplitMix64's finalizer: mixes a seed so that nearby seeds give unrelated streams.
inline uint64_t mix(uint64_t x) {
    x += 0x9e3779b97f4a7c15ull;
    x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ull;
    x = (x ^ (x >> 27)) * 0x94d049bb133111ebull;
    return x ^ (x >> 31);
}

// The seed of stream `stream` of the run seeded `seed` (a study's seed and trial number...).
inline uint64_t derive_seed(uint64_t seed, uint64_t stream) { return mix(mix(seed) ^ stream); }

class Random {
public:
    explicit Random(uint64_t seed) : engine_(seed) {}

    // Uniform in [0, 1), from the top 53 bits.
    double uniform() { return static_cast<double>(engine_() >> 11) * 0x1.0p-53; }
    double uniform(double low, double high) { return low + (high - low) * uniform(); }

    // Uniform in [0, n), without modulo bias (rejection of the incomplete last block).
    uint64_t below(uint64_t n) {
        const uint64_t limit = ~uint64_t{0} - ~uint64_t{0} % n;
        uint64_t draw;
        do {
            draw = engine_();
        } while (draw >= limit);
        return draw % n;
    }

private:
    std::mt19937_64 engine_;
};

} // namespace hpo::mlp
