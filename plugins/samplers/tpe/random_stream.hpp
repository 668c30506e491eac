// Reproducible random streams: each draw sequence is a pure function of a key
// (the host's seed, a trial number, a parameter index), so a sampler gives the same
// proposal for the same history whatever thread or order the engine calls it in.
#pragma once

#include <cstdint>

namespace hpo::tpe {

// SplitMix64's finalizer: a bijection that spreads every input bit over the output.
constexpr uint64_t mix64(uint64_t x) {
    x += 0x9e3779b97f4a7c15ull;
    x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ull;
    x = (x ^ (x >> 27)) * 0x94d049bb133111ebull;
    return x ^ (x >> 31);
}

// Stream tags that are not parameter indices.
inline constexpr uint64_t kRelativeStream = ~0ull;        // one joint (multivariate) proposal
inline constexpr uint64_t kTrialChoiceStream = ~0ull - 1; // anneal's choice of a past trial

class RandomStream {
public:
    RandomStream(uint64_t seed, uint64_t trial_number, uint64_t stream)
        : state_(mix64(mix64(mix64(seed) ^ trial_number) ^ stream)) {}

    uint64_t next() {
        state_ += 0x9e3779b97f4a7c15ull;
        return mix64(state_);
    }
    // Uniform on [0, 1) with 53 random bits.
    double uniform() { return static_cast<double>(next() >> 11) * 0x1.0p-53; }
    double uniform(double low, double high) { return low + (high - low) * uniform(); }
    // Uniform integer on [0, n), n > 0 (the modulo bias is below 2^-40 for any n < 2^24).
    int64_t below(int64_t n) { return static_cast<int64_t>(next() % static_cast<uint64_t>(n)); }

private:
    uint64_t state_;
};

} // namespace hpo::tpe
