// Whether two samplers' regrets differ beyond the noise of a finite number of seeds.
#pragma once

#include <vector>

namespace hpo::bench {

// Two-sided p-value of the Mann-Whitney U test (normal approximation, ties corrected):
// the chance of a rank difference at least this large if both samples came from one
// distribution. 1 when either sample is empty or every value ties.
double mann_whitney_p(const std::vector<double> &a, const std::vector<double> &b);

} // namespace hpo::bench
