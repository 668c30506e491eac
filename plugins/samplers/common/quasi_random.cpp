#include "quasi_random.hpp"

#include <hpo_kit/random_stream.hpp>

#include <algorithm>
#include <cmath>

namespace hpo::samplers {

namespace {

int usable_dimension(int dimension) {
    const int table = static_cast<int>(boost::random::detail::qrng_tables::sobol::max_dimension);
    return std::clamp(dimension, 1, table);
}

}  // namespace

ShiftedSobol::ShiftedSobol(int dimension, uint64_t seed)
    : sobol_dimension_(usable_dimension(dimension)), engine_(sobol_dimension_),
      shift_(static_cast<size_t>(std::max(dimension, 0))) {
    plugin_kit::RandomStream stream(seed);
    for (double &s : shift_)
        s = stream.uniform();
}

void ShiftedSobol::point(uint64_t index, std::vector<double> &out) {
    out.assign(shift_.size(), 0.0);
    // Point 0 of the unshifted sequence is the origin; starting at 1 avoids the corner.
    engine_.seed(index + 1);
    const double scale = 1.0 / (static_cast<double>(engine_.max()) + 1.0);
    for (int d = 0; d < sobol_dimension_; ++d) {
        const double v = static_cast<double>(engine_()) * scale;
        if (d < static_cast<int>(out.size()))
            out[static_cast<size_t>(d)] = v;
    }
    for (size_t d = 0; d < out.size(); ++d) {
        const double shifted = out[d] + shift_[d];
        out[d] = shifted - std::floor(shifted);
    }
}

}  // namespace hpo::samplers
