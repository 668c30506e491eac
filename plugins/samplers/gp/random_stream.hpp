// Reproducible random streams: each is seeded by mixing the sampler's seed with the identity
// of what it draws for (trial number, purpose), so results depend on the seed alone and not
// on which thread asks or in which order.
#pragma once

#include <cmath>
#include <cstdint>
#include <initializer_list>

namespace hpo::gp {

// SplitMix64's finalizer (Steele, Lea, Flood 2014): turns nearby inputs into unrelated words.
inline uint64_t mix64(uint64_t x) {
    x += 0x9e3779b97f4a7c15ull;
    x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ull;
    x = (x ^ (x >> 27)) * 0x94d049bb133111ebull;
    return x ^ (x >> 31);
}

// One seed from several words, order-sensitive.
inline uint64_t mix_seed(std::initializer_list<uint64_t> words) {
    uint64_t h = 0x6a09e667f3bcc909ull;
    for (uint64_t w : words)
        h = mix64(h ^ w);
    return h;
}

// SplitMix64 as a generator: small, fast, and identical on every platform (the standard
// distributions are not).
class RandomStream {
public:
    explicit RandomStream(uint64_t seed) : state_(seed) {}

    uint64_t next() {
        state_ += 0x9e3779b97f4a7c15ull;
        return mix64(state_ - 0x9e3779b97f4a7c15ull);
    }
    // Uniform on [0, 1) with 53 random bits.
    double uniform() { return static_cast<double>(next() >> 11) * 0x1.0p-53; }
    // Uniform over 0 .. n - 1 (n >= 1); with 53 bits the bias is far below what matters here.
    int below(int n) {
        const int k = static_cast<int>(uniform() * n);
        return k < n ? k : n - 1;
    }
    // Standard normal by Box-Muller (one of the pair is discarded: simplicity over speed).
    double normal() {
        const double u1 = 1.0 - uniform();  // (0, 1]: the log stays finite
        const double u2 = uniform();
        return std::sqrt(-2.0 * std::log(u1)) * std::cos(2.0 * M_PI * u2);
    }

private:
    uint64_t state_;
};

}  // namespace hpo::gp
