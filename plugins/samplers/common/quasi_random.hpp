// Sobol points, randomly shifted (Cranley-Patterson rotation): the shift, drawn from the seed,
// makes different seeds give different designs while keeping the sequence's even coverage.
// Built on Boost.Random's sobol engine (header-only); dimensions past its table are filled by
// the shift alone, i.e. uniformly at random.
#pragma once

#include <boost/random/sobol.hpp>

#include <cstdint>
#include <vector>

namespace hpo::samplers {

class ShiftedSobol {
public:
    ShiftedSobol(int dimension, uint64_t seed);
    // Writes point number `index` (0, 1, ...) of the sequence into out (size: dimension).
    void point(uint64_t index, std::vector<double> &out);

private:
    int sobol_dimension_;
    boost::random::sobol engine_;
    std::vector<double> shift_;
};

}  // namespace hpo::samplers
