#include "problems.hpp"

#include "test_functions.hpp"

#include <cmath>
#include <numbers>
#include <stdexcept>

namespace hpo::benchmarks {

namespace {

using json = nlohmann::ordered_json;
using Bounds = std::vector<std::array<double, 2>>;

// A function of floats x{first}, x{first + 1}, ... over a box, with one known minimizer.
Problem box(const Bounds &bounds, int first, double (*f)(std::span<const double>), double optimum,
            const std::vector<double> &argmin) {
    Problem problem;
    problem.space = json::object();
    problem.extra = {{"optimum", {optimum}}, {"optimum_params", json::object()}};
    for (std::size_t i = 0; i < bounds.size(); ++i) {
        const std::string name = "x" + std::to_string(first + static_cast<int>(i));
        problem.names.push_back(name);
        problem.space[name] = {{"type", "float"}, {"low", bounds[i][0]}, {"high", bounds[i][1]}};
        problem.extra["optimum_params"][name] = argmin[i];
    }
    problem.directions = {"minimize"};
    problem.evaluate = [f](std::span<const double> x) { return std::vector<double>{f(x)}; };
    return problem;
}

Bounds cube(int dim, double low, double high) { return Bounds(static_cast<std::size_t>(dim), {low, high}); }

std::vector<double> filled(int dim, double value) { return std::vector<double>(static_cast<std::size_t>(dim), value); }

// Several objectives over [0, 1]^dim: a front, not a point, is optimal, so the description
// gives the ideal point (each objective's own minimum over the front) instead of an optimum.
template <std::size_t M>
Problem front_problem(int dim, std::array<double, M> (*f)(std::span<const double>),
                      std::vector<double> ideal) {
    Problem problem = box(cube(dim, 0, 1), 0, nullptr, 0, filled(dim, 0));
    // A json named, not a bare braced list: in a function template clang 15 never destroys the
    // by-value argument of json's operator= built from a braced list, leaking box()'s extra.
    problem.extra = json{{"ideal_point", ideal}};
    problem.directions = std::vector<std::string>(M, "minimize");
    problem.evaluate = [f](std::span<const double> x) {
        const auto values = f(x);
        return std::vector<double>(values.begin(), values.end());
    };
    return problem;
}

// A mixed space with a categorical branch, conditional children, a shared int and a log float:
//   quadratic: (x - 1.5)^2 + 0.5 (n - 3)^2 + 1                      (best 1 at x = 1.5, n = 3)
//   ackley:    ackley(a, b) + 0.25 |n - 7|                           (best 0 at a = b = 0, n = 7)
//   plus (log10(lr) + 2)^2 on both branches                          (best 0 at lr = 0.01)
// so the optimum is 0 at kind = "ackley", lr = 0.01, n = 7, a = 0, b = 0.
Problem mixed_problem(int) {
    Problem problem;
    problem.space = {
        {"kind", {{"type", "categorical"}, {"choices", {"quadratic", "ackley"}}}},
        {"lr", {{"type", "float"}, {"low", 1e-4}, {"high", 1.0}, {"log", true}}},
        {"n", {{"type", "int"}, {"low", 0}, {"high", 10}}},
        {"x", {{"type", "float"}, {"low", -5}, {"high", 5}, {"condition", {{"kind", {"quadratic"}}}}}},
        {"a", {{"type", "float"}, {"low", -2}, {"high", 2}, {"condition", {{"kind", {"ackley"}}}}}},
        {"b", {{"type", "int"}, {"low", -3}, {"high", 3}, {"condition", {{"kind", {"ackley"}}}}}},
    };
    problem.names = {"kind", "lr", "n", "x", "a", "b"};
    problem.directions = {"minimize"};
    problem.extra = {{"optimum", {0.0}},
                     {"optimum_params", {{"kind", "ackley"}, {"lr", 0.01}, {"n", 7}, {"a", 0.0}, {"b", 0}}}};
    problem.evaluate = [](std::span<const double> v) {
        const double kind = v[0], lr = v[1], n = v[2];
        const double shared = std::pow(std::log10(lr) + 2, 2);
        if (kind == 0) return std::vector<double>{std::pow(v[3] - 1.5, 2) + 0.5 * std::pow(n - 3, 2) + 1 + shared};
        const double ab[2] = {v[4], v[5]};
        return std::vector<double>{ackley(ab) + 0.25 * std::abs(n - 7) + shared};
    };
    return problem;
}

struct Entry {
    const char *name;
    int default_dim;  // 0: the function has a fixed dimension and takes no "dim"
    int min_dim;
    Problem (*make)(int dim);
};

const Entry catalog[] = {
    {"branin", 0, 0, [](int) { return box({{-5, 10}, {0, 15}}, 1, branin, 0.397887, {std::numbers::pi, 2.275}); }},
    {"hartmann6", 0, 0, [](int) {
         return box(cube(6, 0, 1), 0, hartmann6, -3.32237, {hartmann6_argmin.begin(), hartmann6_argmin.end()});
     }},
    {"rosenbrock", 5, 2, [](int d) { return box(cube(d, -5, 10), 0, rosenbrock, 0, filled(d, 1)); }},
    {"ackley", 10, 1, [](int d) { return box(cube(d, -32.768, 32.768), 0, ackley, 0, filled(d, 0)); }},
    {"sphere", 5, 1, [](int d) { return box(cube(d, -5.12, 5.12), 0, sphere, 0, filled(d, 0)); }},
    {"rastrigin", 5, 1, [](int d) { return box(cube(d, -5.12, 5.12), 0, rastrigin, 0, filled(d, 0)); }},
    {"levy", 5, 1, [](int d) { return box(cube(d, -10, 10), 0, levy, 0, filled(d, 1)); }},
    {"zdt1", 5, 2, [](int d) { return front_problem(d, zdt1, {0.0, 0.0}); }},
    {"zdt2", 5, 2, [](int d) { return front_problem(d, zdt2, {0.0, 0.0}); }},
    // ZDT3's f2 is smallest at the right end of its fourth piece, f1 = 0.85233: -0.77336.
    {"zdt3", 5, 2, [](int d) { return front_problem(d, zdt3, {0.0, -0.7733}); }},
    {"dtlz2", 6, 3, [](int d) { return front_problem(d, dtlz2, {0.0, 0.0, 0.0}); }},
    {"mixed", 0, 0, mixed_problem},
};

constexpr int max_dim = 1000;

}  // namespace

json Problem::describe() const {
    json out = {{"space", space}, {"directions", directions}};
    out.update(extra);
    return out;
}

std::string function_names() {
    std::string names;
    for (const Entry &entry : catalog) names += (names.empty() ? "" : ", ") + std::string(entry.name);
    return names;
}

Problem make_problem(const std::string &function, std::optional<int> dim) {
    for (const Entry &entry : catalog) {
        if (function != entry.name) continue;
        if (entry.default_dim == 0 && dim)
            throw std::invalid_argument("option \"dim\": function " + function + " has a fixed dimension");
        if (dim && (*dim < entry.min_dim || *dim > max_dim))
            throw std::invalid_argument("option \"dim\" of " + function + " must be from " +
                                        std::to_string(entry.min_dim) + " to " + std::to_string(max_dim) +
                                        ", got " + std::to_string(*dim));
        return entry.make(dim.value_or(entry.default_dim));
    }
    throw std::invalid_argument("option \"function\": unknown function \"" + function +
                                "\" (available: " + function_names() + ")");
}

}  // namespace hpo::benchmarks
