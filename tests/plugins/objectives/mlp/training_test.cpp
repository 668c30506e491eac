// Training the network: it learns, it is deterministic for a seed, every option trains.
#include <hpo_test/make_plugin.hpp>
#include <mlp_objective.hpp>
#include <trainer.hpp>

#include <doctest/doctest.h>

#include <vector>

using hpo::mlp::Activation;
using hpo::mlp::breast_cancer;
using hpo::mlp::OptimizerKind;
using hpo::mlp::Split;
using hpo::mlp::stratified_split;
using hpo::mlp::TrainConfig;
using hpo::mlp::Trainer;

namespace {

const Split &split() {
    static const Split split = stratified_split(breast_cancer(), 0.2, 0);
    return split;
}

std::vector<double> validation_losses(const TrainConfig &config, uint64_t seed, int epochs) {
    Trainer trainer(split(), config, seed);
    std::vector<double> losses;
    for (int epoch = 0; epoch < epochs; ++epoch) {
        trainer.train_epoch();
        losses.push_back(trainer.evaluate_validation().loss);
    }
    return losses;
}

} // namespace

TEST_CASE("with sane hyperparameters the validation loss falls and few examples are wrong") {
    TrainConfig config;
    config.hidden_units = {16};
    config.learning_rate = 3e-3;
    SUBCASE("adam, relu") {}
    SUBCASE("sgd with momentum, tanh, two layers, dropout, weight decay") {
        config.optimizer = OptimizerKind::sgd;
        config.learning_rate = 1e-2;
        config.activation = Activation::tanh;
        config.hidden_units = {16, 8};
        config.dropout = 0.2;
        config.weight_decay = 1e-4;
    }
    Trainer trainer(split(), config, 1);
    trainer.train_epoch();
    const double first = trainer.evaluate_validation().loss;
    for (int epoch = 1; epoch < 10; ++epoch) trainer.train_epoch();
    const auto last = trainer.evaluate_validation();
    CHECK(last.loss < 0.6 * first);
    CHECK(last.loss < 0.2);
    CHECK(last.error < 0.08); // about 96% accuracy is what a small network reaches here
}

TEST_CASE("training is deterministic for a seed and differs across seeds") {
    TrainConfig config;
    config.hidden_units = {8, 8};
    config.dropout = 0.3; // dropout draws from the seeded stream too
    const auto once = validation_losses(config, 42, 3);
    CHECK(validation_losses(config, 42, 3) == once);
    CHECK(validation_losses(config, 43, 3) != once);
}

TEST_CASE("a very large learning rate is stopped as divergence, not reported as a value") {
    const auto objective = hpo::test::make_plugin<hpo::mlp::MlpObjective>(R"({"max_epochs": 5})");
    TrainConfig config;
    config.optimizer = OptimizerKind::sgd;
    config.learning_rate = 1e300;
    CHECK_THROWS_WITH_AS((void)objective.train(config, 0, [](int64_t, double) { return false; }),
                         doctest::Contains("training diverged"), std::runtime_error);
}
