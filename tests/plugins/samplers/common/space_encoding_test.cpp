// The map between parameter values and the unit cube.
#include <space_encoding.hpp>

#include <hpo_test/fake_study.hpp>

#include <doctest/doctest.h>

#include <cmath>
#include <stdexcept>

using namespace hpo::samplers;
using hpo::test::FakeStudy;

TEST_CASE("values round-trip through the encoding, in log space when log is set") {
    FakeStudy study;
    study.add_float("lr", 1e-4, 1, true);
    study.add_int("depth", 2, 12);
    study.add_categorical("act", 3);
    const int32_t subspace[] = {0, 1, 2};
    const SpaceEncoding encoding(study.view(), subspace, {});
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
    FakeStudy study;
    study.add_int("n", 0, 4);
    study.add_categorical("k", 3);
    const int32_t subspace[] = {0, 1};
    const SpaceEncoding encoding(study.view(), subspace, {});
    Eigen::VectorXd x(4);
    x << 0.4, 0.2, 0.7, 0.1;
    encoding.canonicalize(x);
    CHECK(x[0] == doctest::Approx(0.5));  // 0.4 * 4 = 1.6 snaps to 2
    CHECK(x.tail(3) == Eigen::Vector3d(0, 1, 0));
}

TEST_CASE("an inactive conditional parameter sits at its neutral place") {
    FakeStudy study;
    const int32_t kernel = study.add_categorical("kernel", 2);
    study.set_condition(study.add_float("gamma", 0, 1), kernel, {0.0}); // active for rbf
    const int32_t subspace[] = {0, 1};
    const SpaceEncoding encoding(study.view(), subspace, {});
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
    FakeStudy study;
    study.add_float("a", 0, 10);
    study.add_int("n", 0, 4);
    const int32_t subspace[] = {0, 1};
    const double fixed[] = {2.5, std::nan("")};
    const SpaceEncoding encoding(study.view(), subspace, fixed);
    const double u[] = {0.9, 0.9};
    const Eigen::VectorXd x = encoding.from_unit(u);
    CHECK(encoding.decode(x)[0] == doctest::Approx(2.5));
    CHECK(encoding.decode(x)[1] == 4.0);
    CHECK(encoding.continuous_columns(x).empty());
    CHECK(encoding.discrete_neighbours(x).size() == 1);  // n can only go down from 4
}

TEST_CASE("a bad parameter is refused with its name") {
    FakeStudy study;
    study.add_float("lr", 0, 1, true);
    const int32_t subspace[] = {0};
    CHECK_THROWS_WITH_AS(SpaceEncoding(study.view(), subspace, {}), doctest::Contains("'lr'"),
                         std::invalid_argument);
}
