// The embedded breast-cancer data and its stratified, standardized split.
#include <dataset.hpp>

#include <doctest/doctest.h>

using hpo::mlp::breast_cancer;
using hpo::mlp::Split;
using hpo::mlp::stratified_split;

TEST_CASE("the embedded data set is the Wisconsin breast-cancer table") {
    const auto data = breast_cancer();
    CHECK(data.size() == 569);
    CHECK(data.features.cols() == 30);
    CHECK(data.labels.sum() == 357); // benign
    CHECK(data.features(0, 0) == doctest::Approx(17.99F)); // first row's mean radius
    CHECK(data.features(568, 29) == doctest::Approx(0.07039F)); // last row's last feature
}

TEST_CASE("the split is stratified 80/20 and standardized on the training part") {
    const Split split = stratified_split(breast_cancer(), 0.2, 0);
    CHECK(split.validation.size() == 113); // round(0.2 * 212) + round(0.2 * 357)
    CHECK(split.train.size() == 456);
    CHECK(split.validation.labels.sum() == 71);
    CHECK(split.train.labels.sum() == 286);

    const hpo::mlp::RowVector mean = split.train.features.colwise().mean();
    const hpo::mlp::RowVector mean_square = split.train.features.array().square().colwise().mean();
    CHECK(mean.cwiseAbs().maxCoeff() < 1e-5);
    CHECK((mean_square.array() - 1).abs().maxCoeff() < 1e-5);
    // The validation part is scaled with the training statistics: near, not exactly, 0 and 1.
    CHECK(split.validation.features.colwise().mean().cwiseAbs().maxCoeff() > 1e-6);
}

TEST_CASE("the split depends on its seed alone") {
    const Split once = stratified_split(breast_cancer(), 0.2, 5);
    const Split again = stratified_split(breast_cancer(), 0.2, 5);
    const Split other = stratified_split(breast_cancer(), 0.2, 6);
    CHECK(once.validation.features == again.validation.features);
    CHECK(once.validation.features != other.validation.features);
}
