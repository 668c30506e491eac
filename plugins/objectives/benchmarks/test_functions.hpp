// Standard test functions for minimization (definitions as in Surjanovic & Bingham's Virtual
// Library of Simulation Experiments; Zitzler, Deb, Thiele 2000 for ZDT1-3; Deb, Thiele,
// Laumanns, Zitzler 2002 for DTLZ2).
#pragma once

#include <array>
#include <span>

namespace hpo::benchmarks {

// x1 in [-5, 10], x2 in [0, 15]; minimum 0.397887 at (-pi, 12.275), (pi, 2.275), (9.42478, 2.475).
double branin(std::span<const double> x);
// [0, 1]^6; minimum -3.32237 at hartmann6_argmin.
double hartmann6(std::span<const double> x);
inline constexpr std::array<double, 6> hartmann6_argmin = {0.20169, 0.150011, 0.476874,
                                                           0.275332, 0.311652, 0.6573};
// Any dimension >= 2; minimum 0 at (1, ..., 1).
double rosenbrock(std::span<const double> x);
// Any dimension; minimum 0 at the origin.
double ackley(std::span<const double> x);
double sphere(std::span<const double> x);
double rastrigin(std::span<const double> x);
// Any dimension; minimum 0 at (1, ..., 1).
double levy(std::span<const double> x);
// [0, 1]^D, D >= 2: two objectives whose Pareto front is f2 = 1 - sqrt(f1), reached where
// x2 = ... = xD = 0.
std::array<double, 2> zdt1(std::span<const double> x);
// [0, 1]^D, D >= 2: ZDT1's g with a concave front f2 = 1 - f1^2.
std::array<double, 2> zdt2(std::span<const double> x);
// [0, 1]^D, D >= 2: ZDT1's g with a front of five disconnected pieces,
// f2 = 1 - sqrt(f1) - f1 sin(10 pi f1) on its non-dominated parts.
std::array<double, 2> zdt3(std::span<const double> x);
// [0, 1]^D, D >= 3 (Deb, Thiele, Laumanns, Zitzler 2002): three objectives whose Pareto front
// is the positive octant of the unit sphere, reached where x3 = ... = xD = 0.5.
std::array<double, 3> dtlz2(std::span<const double> x);

}  // namespace hpo::benchmarks
