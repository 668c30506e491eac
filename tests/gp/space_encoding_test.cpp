// The map between parameter values and the unit cube.
#include "fake_study.hpp"
#include "space_encoding.hpp"

#include <doctest/doctest.h>

#include <cmath>
#include <stdexcept>

using namespace hpo::gp;
using namespace hpo::gp::testing;

TEST_CASE("values round-trip through the encoding, in log space when log is set") {
    const hpo_param_info params[] = {float_param("lr", 1e-4, 1, true), int_param("depth", 2, 12),
                                     categorical_param("act", 3)};
    const int32_t subspace[] = {0, 1, 2};
    const SpaceEncoding encoding(params, subspace, {});
    CHECK(encoding.n_features() == 5);
    const double trial[] = {1e-2, 7, 1};
    const Eigen::VectorXd x = encoding.encode_trial(trial);
    CHECK(x[0] == doctest::Approx(0.5));  // 1e-2 is halfway between 1e-4 and 1 in log space
    CHECK(x[1] == doctest::Approx(0.5));
    CHECK(x.tail(3) == Eigen::Vector3d(0, 1, 0));
    const std::vector<double> back = encoding.decode(x);
    CHECK(back[0] == doctest::Approx(1e-2));
    CHECK(back[1] == 7.0);
    CHECK(back[2] == 1.0);
}

TEST_CASE("canonical points hold only values the parameters can take") {
    const hpo_param_info params[] = {int_param("n", 0, 4), categorical_param("k", 3)};
    const int32_t subspace[] = {0, 1};
    const SpaceEncoding encoding(params, subspace, {});
    Eigen::VectorXd x(4);
    x << 0.4, 0.2, 0.7, 0.1;
    encoding.canonicalize(x);
    CHECK(x[0] == doctest::Approx(0.5));  // 0.4 * 4 = 1.6 snaps to 2
    CHECK(x.tail(3) == Eigen::Vector3d(0, 1, 0));
}

TEST_CASE("an inactive conditional parameter sits at its neutral place") {
    const std::vector<double> rbf = {0.0};
    const hpo_param_info params[] = {categorical_param("kernel", 2),
                                     conditional_on(float_param("gamma", 0, 1), 0, rbf)};
    const int32_t subspace[] = {0, 1};
    const SpaceEncoding encoding(params, subspace, {});
    Eigen::VectorXd x(3);
    x << 0.0, 1.0, 0.9;  // kernel = linear: gamma inactive
    encoding.canonicalize(x);
    CHECK(x[2] == 0.5);
    CHECK(std::isnan(encoding.decode(x)[1]));
    const double trial[] = {1.0, std::nan("")};
    CHECK(encoding.encode_trial(trial)[2] == 0.5);
    SUBCASE("and becomes free again when a neighbour activates it") {
        bool activated = false;
        for (const Eigen::VectorXd &n : encoding.discrete_neighbours(x))
            activated = activated || !std::isnan(encoding.decode(n)[1]);
        CHECK(activated);
        CHECK(encoding.continuous_columns(x).empty());
    }
}

TEST_CASE("fixed values stay in every candidate") {
    const hpo_param_info params[] = {float_param("a", 0, 10), int_param("n", 0, 4)};
    const int32_t subspace[] = {0, 1};
    const double fixed[] = {2.5, std::nan("")};
    const SpaceEncoding encoding(params, subspace, fixed);
    const double u[] = {0.9, 0.9};
    const Eigen::VectorXd x = encoding.from_unit(u);
    CHECK(encoding.decode(x)[0] == doctest::Approx(2.5));
    CHECK(encoding.decode(x)[1] == 4.0);
    CHECK(encoding.continuous_columns(x).empty());
    CHECK(encoding.discrete_neighbours(x).size() == 1);  // n can only go down from 4
}

TEST_CASE("a bad parameter is refused with its name") {
    hpo_param_info bad = float_param("lr", 0, 1, true);
    const int32_t subspace[] = {0};
    CHECK_THROWS_WITH_AS(SpaceEncoding(&bad, subspace, {}), doctest::Contains("'lr'"),
                         std::invalid_argument);
}
