#include "hypervolume.hpp"

#include <algorithm>
#include <stdexcept>
#include <string>
#include <utility>

namespace hpo::bench {

namespace {

// The area dominated by (x, y) points below the reference (rx, ry).
double area(std::vector<std::pair<double, double>> points, double rx, double ry) {
    std::sort(points.begin(), points.end());
    double total = 0, lowest_y = ry;
    for (const auto &[x, y] : points) {
        if (y >= lowest_y) continue; // dominated by a point with smaller x
        total += (rx - x) * (lowest_y - y);
        lowest_y = y;
    }
    return total;
}

} // namespace

double hypervolume(const std::vector<std::vector<double>> &points,
                   const std::vector<double> &reference) {
    const std::size_t m = reference.size();
    if (m != 2 && m != 3)
        throw std::invalid_argument("hypervolume: exact for 2 or 3 objectives, not " +
                                    std::to_string(m));
    std::vector<std::vector<double>> inside;
    for (const auto &p : points) {
        if (p.size() != m)
            throw std::invalid_argument("hypervolume: a point of " + std::to_string(p.size()) +
                                        " objectives beside a reference of " + std::to_string(m));
        bool below = true;
        for (std::size_t k = 0; k < m; ++k) below = below && p[k] < reference[k];
        if (below) inside.push_back(p);
    }
    if (m == 2) {
        std::vector<std::pair<double, double>> flat;
        for (const auto &p : inside) flat.emplace_back(p[0], p[1]);
        return area(std::move(flat), reference[0], reference[1]);
    }
    std::sort(inside.begin(), inside.end(),
              [](const auto &a, const auto &b) { return a[2] < b[2]; });
    double total = 0;
    std::vector<std::pair<double, double>> seen;
    for (std::size_t i = 0; i < inside.size(); ++i) {
        seen.emplace_back(inside[i][0], inside[i][1]);
        const double top = i + 1 < inside.size() ? inside[i + 1][2] : reference[2];
        if (top > inside[i][2]) total += area(seen, reference[0], reference[1]) * (top - inside[i][2]);
    }
    return total;
}

} // namespace hpo::bench
