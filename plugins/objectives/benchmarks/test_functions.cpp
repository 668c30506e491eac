#include "test_functions.hpp"

#include <cmath>
#include <numbers>

namespace hpo::benchmarks {

namespace {

constexpr double pi = std::numbers::pi;

double squared(double v) { return v * v; }

}  // namespace

double branin(std::span<const double> x) {
    const double b = 5.1 / (4 * pi * pi), c = 5 / pi, t = 1 / (8 * pi);
    return squared(x[1] - b * x[0] * x[0] + c * x[0] - 6) + 10 * (1 - t) * std::cos(x[0]) + 10;
}

double hartmann6(std::span<const double> x) {
    static constexpr double alpha[4] = {1.0, 1.2, 3.0, 3.2};
    static constexpr double a[4][6] = {{10, 3, 17, 3.5, 1.7, 8},
                                       {0.05, 10, 17, 0.1, 8, 14},
                                       {3, 3.5, 1.7, 10, 17, 8},
                                       {17, 8, 0.05, 10, 0.1, 14}};
    static constexpr double p[4][6] = {{0.1312, 0.1696, 0.5569, 0.0124, 0.8283, 0.5886},
                                       {0.2329, 0.4135, 0.8307, 0.3736, 0.1004, 0.9991},
                                       {0.2348, 0.1451, 0.3522, 0.2883, 0.3047, 0.6650},
                                       {0.4047, 0.8828, 0.8732, 0.5743, 0.1091, 0.0381}};
    double sum = 0;
    for (int i = 0; i < 4; ++i) {
        double exponent = 0;
        for (int j = 0; j < 6; ++j) exponent += a[i][j] * squared(x[j] - p[i][j]);
        sum += alpha[i] * std::exp(-exponent);
    }
    return -sum;
}

double rosenbrock(std::span<const double> x) {
    double sum = 0;
    for (std::size_t i = 0; i + 1 < x.size(); ++i)
        sum += 100 * squared(x[i + 1] - x[i] * x[i]) + squared(1 - x[i]);
    return sum;
}

double ackley(std::span<const double> x) {
    double squares = 0, cosines = 0;
    for (double v : x) {
        squares += v * v;
        cosines += std::cos(2 * pi * v);
    }
    const double n = static_cast<double>(x.size());
    return -20 * std::exp(-0.2 * std::sqrt(squares / n)) - std::exp(cosines / n) + 20 + std::numbers::e;
}

double sphere(std::span<const double> x) {
    double sum = 0;
    for (double v : x) sum += v * v;
    return sum;
}

double rastrigin(std::span<const double> x) {
    double sum = 10 * static_cast<double>(x.size());
    for (double v : x) sum += v * v - 10 * std::cos(2 * pi * v);
    return sum;
}

double levy(std::span<const double> x) {
    const auto w = [&](std::size_t i) { return 1 + (x[i] - 1) / 4; };
    const std::size_t last = x.size() - 1;
    double sum = squared(std::sin(pi * w(0)));
    for (std::size_t i = 0; i < last; ++i)
        sum += squared(w(i) - 1) * (1 + 10 * squared(std::sin(pi * w(i) + 1)));
    return sum + squared(w(last) - 1) * (1 + squared(std::sin(2 * pi * w(last))));
}

// ZDT's distance function: 1 on the front, growing with x2 .. xD.
static double zdt_g(std::span<const double> x) {
    double rest = 0;
    for (std::size_t i = 1; i < x.size(); ++i) rest += x[i];
    return 1 + 9 * rest / static_cast<double>(x.size() - 1);
}

std::array<double, 2> zdt1(std::span<const double> x) {
    const double g = zdt_g(x);
    return {x[0], g * (1 - std::sqrt(x[0] / g))};
}

std::array<double, 2> zdt2(std::span<const double> x) {
    const double g = zdt_g(x);
    return {x[0], g * (1 - squared(x[0] / g))};
}

std::array<double, 2> zdt3(std::span<const double> x) {
    const double g = zdt_g(x), ratio = x[0] / g;
    return {x[0], g * (1 - std::sqrt(ratio) - ratio * std::sin(10 * pi * x[0]))};
}

std::array<double, 3> dtlz2(std::span<const double> x) {
    double g = 0;
    for (std::size_t i = 2; i < x.size(); ++i) g += squared(x[i] - 0.5);
    const double a = 0.5 * pi * x[0], b = 0.5 * pi * x[1];
    return {(1 + g) * std::cos(a) * std::cos(b), (1 + g) * std::cos(a) * std::sin(b),
            (1 + g) * std::sin(a)};
}

}  // namespace hpo::benchmarks
