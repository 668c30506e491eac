// Drawing one parameter's value from its prior, from a stream that depends only on
// (seed, trial number, parameter index): the same trial gets the same values whichever
// thread asks and in whichever order.
#pragma once

#include <hpo/plugin.h>

#include <cstdint>

namespace hpo::random_sampler {

// SplitMix64 (Steele, Lea, Flood 2014): a 64-bit mix good enough to turn nearby seeds into
// unrelated streams, and a fast generator on its own.
class Stream {
public:
    Stream(uint64_t seed, int64_t trial_number, int32_t param_index);
    uint64_t next();
    // Uniform on [0, 1) with 53 random bits.
    double uniform();
    // Uniform over the integers 0 .. n (n >= 0), without modulo bias.
    uint64_t below_or_equal(uint64_t n);

private:
    uint64_t state_;
};

// A value of the parameter's domain, as an internal double (a categorical's index).
double draw(const hpo_param_info &param, Stream &stream);

}  // namespace hpo::random_sampler
