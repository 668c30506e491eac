// Reproducible random streams: a draw sequence is a pure function of its key (the host's
// seed, a trial number, an index such as a parameter's), so a plugin gives the same result
// for the same history whatever thread or order the engine calls it in. SplitMix64 (Steele,
// Lea, Flood 2014) is small, fast and the same on every platform; the standard library's
// distributions are not, so the conversions to doubles and integers are ours.
#pragma once

#include <cmath>
#include <cstdint>
#include <initializer_list>
#include <numbers>

namespace hpo::plugin_kit {

// SplitMix64's output of the state before x's step: a bijection that spreads every input
// bit over the output, so nearby inputs give unrelated words.
constexpr uint64_t mix64(uint64_t x) {
    x += 0x9e3779b97f4a7c15ull;
    x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ull;
    x = (x ^ (x >> 27)) * 0x94d049bb133111ebull;
    return x ^ (x >> 31);
}

// The key of the stream for some words (a seed, a trial number, an index, a purpose...). Each
// word goes through the mix before the next is added, so (seed, n, i) and (seed, n + 1, i - 1)
// do not collide. A salt other than 0 starts the fold elsewhere: a plugin whose streams began
// so before the kit keeps its seeded results.
constexpr uint64_t stream_key(std::initializer_list<uint64_t> words, uint64_t salt = 0) {
    uint64_t key = salt;
    for (const uint64_t word : words) key = mix64(key ^ word);
    return key;
}

class RandomStream {
public:
    RandomStream(uint64_t seed, uint64_t trial_number, uint64_t index)
        : RandomStream(stream_key({seed, trial_number, index})) {}
    // The stream of a key: stream_key of other words, or a seed as it is.
    explicit RandomStream(uint64_t key) : state_(key) {}

    uint64_t next() {
        const uint64_t word = mix64(state_);
        state_ += 0x9e3779b97f4a7c15ull;
        return word;
    }
    // Uniform on [0, 1) with 53 random bits.
    double uniform() { return static_cast<double>(next() >> 11) * 0x1.0p-53; }
    double uniform(double low, double high) { return low + (high - low) * uniform(); }
    // Uniform over 0 .. n - 1 without modulo bias (the incomplete last block of words is
    // drawn again); n = 0 stands for 2^64, any word.
    uint64_t below(uint64_t n) {
        if (n == 0) return next();
        const uint64_t limit = UINT64_MAX - UINT64_MAX % n;
        uint64_t word;
        do word = next();
        while (word >= limit);
        return word % n;
    }
    // Standard normal by Box-Muller (the second of the pair is dropped: simplicity over speed).
    double normal() {
        const double u1 = 1.0 - uniform(); // (0, 1]: the log stays finite
        const double u2 = uniform();
        return std::sqrt(-2.0 * std::log(u1)) * std::cos(2.0 * std::numbers::pi * u2);
    }

private:
    uint64_t state_;
};

} // namespace hpo::plugin_kit
