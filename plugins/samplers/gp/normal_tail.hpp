// The standard normal's tail quantities that acquisitions need, computed in log form so they
// stay finite and accurate far in the tail (Ament et al., "Unexpected improvements to expected
// improvement", 2023): EI and PI are exp(-z^2/2)-small there, and their logs are what the
// optimizer climbs.
#pragma once

namespace hpo::gp {

// log Phi(z), the log of the standard normal CDF.
double log_normal_cdf(double z);
// d/dz log Phi(z) = phi(z) / Phi(z) (the inverse Mills ratio).
double d_log_normal_cdf(double z);
// log h(z) with h(z) = phi(z) + z Phi(z): EI = sigma h((best - mean) / sigma).
double log_ei_h(double z);
// d/dz log h(z) = Phi(z) / h(z).
double d_log_ei_h(double z);

}  // namespace hpo::gp
