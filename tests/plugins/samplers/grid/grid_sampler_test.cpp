// The grid sampler: exhaustion, conditional collapse, no duplicates among running trials,
// the values option, and what it refuses.
#include "grid_sampler.hpp"

#include <sampler_adapter.hpp>

#include <hpo_test/fake_study.hpp>
#include <hpo_test/test_host.hpp>

#include <doctest/doctest.h>

#include <cmath>
#include <set>
#include <string>
#include <vector>

namespace {

using hpo::test::FakeStudy;

const hpo_sampler_ops &ops() { return hpo::samplers::SamplerAdapter<hpo::grid::GridSampler>::ops; }

struct Grid {
    explicit Grid(const char *options = "{}", uint64_t seed = 42) : host(seed) {
        REQUIRE(ops().create(options, host.get(), &self) == HPO_OK);
    }
    ~Grid() { ops().destroy(self); }

    // Starts a trial in `state` and lets the grid choose its values; returns the status.
    int32_t ask(FakeStudy &study, const std::vector<int32_t> &subspace, std::vector<double> &values,
                int32_t state = HPO_TRIAL_RUNNING) {
        const int64_t trial = study.start_trial();
        values.assign(subspace.size(), 0.0);
        const int32_t status = ops().sample_relative(self, &study.view(), trial, subspace.data(),
                                                     static_cast<int32_t>(subspace.size()), values.data());
        for (std::size_t j = 0; j < subspace.size() && status == HPO_OK; ++j)
            study.trial(trial).params[static_cast<std::size_t>(subspace[j])] = values[j];
        study.trial(trial).state = state;
        return status;
    }

    // Asks until the grid is done; every point it handed out, in order.
    std::vector<std::vector<double>> exhaust(FakeStudy &study, const std::vector<int32_t> &subspace,
                                             int32_t state = HPO_TRIAL_COMPLETE) {
        std::vector<std::vector<double>> points;
        std::vector<double> values;
        while (ask(study, subspace, values, state) == HPO_OK) points.push_back(values);
        return points;
    }

    hpo::test::TestHost host;
    void *self = nullptr;
};

// NaN compares unequal to itself; a set of points needs it equal.
std::set<std::vector<double>> distinct(const std::vector<std::vector<double>> &points) {
    std::set<std::vector<double>> out;
    for (auto point : points) {
        for (double &v : point)
            if (std::isnan(v)) v = -1e300;
        out.insert(point);
    }
    return out;
}

bool contains(const std::string &text, const std::string &part) { return text.find(part) != std::string::npos; }

}  // namespace

TEST_CASE("grid hands out every point of the cartesian product once, then HPO_DONE") {
    FakeStudy study;
    const int32_t n = study.add_int("n", 0, 2);
    const int32_t kernel = study.add_categorical("kernel", {"\"rbf\"", "\"linear\"", "\"poly\""});
    const int32_t x = study.add_float("x", 0, 1, false, 0.5);
    Grid grid;
    const auto points = grid.exhaust(study, {n, kernel, x});
    CHECK(points.size() == 27);
    CHECK(distinct(points).size() == 27);
    CHECK(grid.host.last_error() == "grid of 27 points exhausted");
    std::vector<double> values;
    CHECK(grid.ask(study, {n, kernel, x}, values) == HPO_DONE);
}

TEST_CASE("grid enumerates only the distinct active configurations of a conditional space") {
    FakeStudy study;
    const int32_t kind = study.add_categorical("kind", {"\"svm\"", "\"tree\""});
    const int32_t c = study.add_int("c", 1, 5);
    study.set_condition(c, kind, {0});
    const int32_t depth = study.add_int("depth", 1, 3);
    study.set_condition(depth, kind, {1});
    const int32_t leaf = study.add_int("leaf", 1, 2);
    study.set_condition(leaf, depth, {3});
    Grid grid;
    const auto points = grid.exhaust(study, {kind, c, depth, leaf});
    // svm: 5 values of c; tree: depth 1 or 2 (no leaf), or depth 3 with 2 leaves.
    CHECK(points.size() == 5 + 2 + 2);
    CHECK(distinct(points).size() == points.size());
    for (const auto &point : points) {
        CHECK(std::isnan(point[1]) == (point[0] != 0));
        CHECK(std::isnan(point[2]) == (point[0] != 1));
        CHECK(std::isnan(point[3]) == (point[2] != 3));
    }
}

TEST_CASE("grid never hands out a point another trial holds, whatever its state") {
    FakeStudy study;
    const int32_t a = study.add_int("a", 0, 3);
    const int32_t b = study.add_int("b", 0, 3);
    SUBCASE("running trials") {
        Grid grid;
        CHECK(distinct(grid.exhaust(study, {a, b}, HPO_TRIAL_RUNNING)).size() == 16);
    }
    SUBCASE("a mix of states, with points written by someone else") {
        study.add_trial(HPO_TRIAL_WAITING, {0, 0});
        study.add_trial(HPO_TRIAL_FAIL, {1, 1});
        study.add_trial(HPO_TRIAL_PRUNED, {2, 2});
        study.add_trial(HPO_TRIAL_COMPLETE, {3, 3}, {0});
        study.add_trial(HPO_TRIAL_COMPLETE, {0.5, 3}, {0});  // off the grid: holds nothing
        Grid grid;
        const auto points = distinct(grid.exhaust(study, {a, b}, HPO_TRIAL_RUNNING));
        CHECK(points.size() == 12);
        for (double v : {0.0, 1.0, 2.0, 3.0}) CHECK(points.count({v, v}) == 0);
    }
}

TEST_CASE("grid takes a parameter's values from the values option") {
    FakeStudy study;
    const int32_t x = study.add_float("x", 0, 1);
    const int32_t kernel = study.add_categorical("kernel", {"\"rbf\"", "\"linear\""});
    SUBCASE("a float without step, and a categorical narrowed to one choice") {
        Grid grid(R"({"values": {"x": [0.1, 0.5, 0.9, 0.5], "kernel": ["linear"]}})");
        const auto points = distinct(grid.exhaust(study, {x, kernel}));
        CHECK(points == std::set<std::vector<double>>{{0.1, 1}, {0.5, 1}, {0.9, 1}});
    }
    SUBCASE("a value outside the domain is refused, naming the parameter") {
        Grid grid(R"({"values": {"x": [0.5, 2]}})");
        std::vector<double> values;
        CHECK(grid.ask(study, {x}, values) == HPO_EINVAL);
        CHECK(contains(grid.host.last_error(), "'x': 2 is outside"));
    }
    SUBCASE("a value that is not a choice is refused") {
        Grid grid(R"({"values": {"x": [0.5], "kernel": ["poly"]}})");
        std::vector<double> values;
        CHECK(grid.ask(study, {x, kernel}, values) == HPO_EINVAL);
        CHECK(contains(grid.host.last_error(), "'kernel': \"poly\" is not one of its choices"));
    }
}

TEST_CASE("grid refuses a float without step and says how to fix it") {
    FakeStudy study;
    const int32_t lr = study.add_float("lr", 1e-4, 1e-1, true);
    Grid grid;
    std::vector<double> values;
    CHECK(grid.ask(study, {lr}, values) == HPO_EINVAL);
    CHECK(contains(grid.host.last_error(), "'lr' is a float without step"));
    CHECK(contains(grid.host.last_error(), R"("values": {"lr": [...]})"));
}

TEST_CASE("grid refuses to sample a parameter outside the declared space") {
    FakeStudy study;
    study.add_int("n", 0, 3);
    study.start_trial();
    Grid grid;
    double value;
    CHECK(ops().sample_independent(grid.self, &study.view(), 0, 0, &value) == HPO_EINVAL);
    CHECK(contains(grid.host.last_error(), "'n' is not in the grid"));
}

TEST_CASE("grid refuses a grid larger than max_points") {
    FakeStudy study;
    const int32_t a = study.add_int("a", 1, 10);
    const int32_t b = study.add_int("b", 1, 10);
    Grid grid(R"({"max_points": 50})");
    std::vector<double> values;
    CHECK(grid.ask(study, {a, b}, values) == HPO_EINVAL);
    CHECK(contains(grid.host.last_error(), "more than 50 points"));
}

TEST_CASE("grid visits points in a seeded shuffle, or in order when shuffle is off") {
    const auto order = [](const char *options, uint64_t seed) {
        FakeStudy study;
        const int32_t a = study.add_int("a", 0, 9);
        Grid grid(options, seed);
        return grid.exhaust(study, {a});
    };
    std::vector<std::vector<double>> ascending;
    for (double v = 0; v <= 9; ++v) ascending.push_back({v});
    CHECK(order(R"({"shuffle": false})", 1) == ascending);
    CHECK(order("{}", 1) == order("{}", 1));
    CHECK(order("{}", 1) != order("{}", 2));
    CHECK(order("{}", 1) != ascending);
}

TEST_CASE("grid builds its grid again when the space changes") {
    FakeStudy study;
    const int32_t a = study.add_int("a", 0, 1);
    Grid grid;
    CHECK(grid.exhaust(study, {a}).size() == 2);
    const int32_t b = study.add_int("b", 0, 2);
    // The two trials hold a = 0 and a = 1 with b unset: off this grid, so all 6 points remain.
    CHECK(grid.exhaust(study, {a, b}).size() == 6);
}

TEST_CASE("grid refuses unknown or ill-typed options, naming them") {
    hpo::test::TestHost host;
    void *self = nullptr;
    CHECK(ops().create(R"({"shufle": true})", host.get(), &self) == HPO_EINVAL);
    CHECK(contains(host.last_error(), R"("shufle")"));
    CHECK(ops().create(R"({"max_points": 0})", host.get(), &self) == HPO_EINVAL);
    CHECK(contains(host.last_error(), "max_points"));
    CHECK(ops().create(R"({"values": {"x": []}})", host.get(), &self) == HPO_EINVAL);
    CHECK(contains(host.last_error(), "'x'"));
}
