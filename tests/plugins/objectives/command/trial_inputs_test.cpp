// argv templates and the trial's environment: placeholders filled, braces escaped, mistakes
// named, parameter text passed as it is.
#include "trial_inputs.hpp"

#include <doctest/doctest.h>

#include <algorithm>

namespace {

using namespace hpo::command;
using json = nlohmann::json;

bool has(const std::vector<std::string> &environment, const std::string &entry) {
    return std::find(environment.begin(), environment.end(), entry) != environment.end();
}

}  // namespace

TEST_CASE("placeholders are replaced inside elements, and {{ }} are braces") {
    const Placeholders values{{"lr", "0.01"}, {"layers", "3"}, {"trial_dir", "/t/trial-2"}};
    const auto argv = expand_argv({"train", "--lr={lr}", "{layers}x{layers}", "{{lr}}", "{trial_dir}/out"}, values);
    CHECK(argv == std::vector<std::string>{"train", "--lr=0.01", "3x3", "{lr}", "/t/trial-2/out"});
}

TEST_CASE("a parameter's text is one argv element whatever it holds") {
    const std::string hostile = "a b; rm -rf / $(touch x) `id` \"'\n";
    const auto argv = expand_argv({"prog", "{choice}"}, {{"choice", hostile}});
    REQUIRE(argv.size() == 2);
    CHECK(argv[1] == hostile);
}

TEST_CASE("template mistakes name the element") {
    CHECK_THROWS_WITH_AS(check_template({"prog", "--lr={lr"}), doctest::Contains("argv[1] \"--lr={lr\""),
                         std::invalid_argument);
    CHECK_THROWS_WITH_AS(check_template({"prog}"}), doctest::Contains("a '}' closes nothing"), std::invalid_argument);
    CHECK_THROWS_AS(check_template({"{}"}), std::invalid_argument);
    CHECK_THROWS_WITH_AS(expand_argv({"prog", "--x={lrr}"}, {{"lr", "1"}}),
                         doctest::Contains("{lrr} is not a parameter of this trial"), std::invalid_argument);
}

TEST_CASE("parameter values as text") {
    CHECK(parameter_text(json("rbf")) == "rbf");
    CHECK(parameter_text(json(0.001)) == "0.001");
    CHECK(parameter_text(json(3)) == "3");
    CHECK(parameter_text(json(true)) == "true");
    CHECK(parameter_text(json(nullptr)).empty());
    CHECK(parameter_variable("learning-rate.v2") == "HPO_PARAM_LEARNING_RATE_V2");
}

TEST_CASE("the environment holds the parameters, the trial's own names and its devices") {
    const json params = {{"lr", 0.5}, {"kernel", "rbf"}, {"gamma", nullptr}};
    const Placeholders trial{{"trial_number", "4"}, {"trial_dir", "/d"}, {"params_file", "/d/params.json"}};
    const auto environment = trial_environment({"PATH=/bin", "HPO_PARAM_LR=old"}, params, trial, {2, 3});
    CHECK(has(environment, "PATH=/bin"));
    CHECK(has(environment, "HPO_PARAM_LR=0.5"));
    CHECK_FALSE(has(environment, "HPO_PARAM_LR=old"));
    CHECK(has(environment, "HPO_PARAM_KERNEL=rbf"));
    CHECK(std::none_of(environment.begin(), environment.end(),
                       [](const std::string &entry) { return entry.starts_with("HPO_PARAM_GAMMA="); }));
    CHECK(has(environment, "HPO_TRIAL_NUMBER=4"));
    CHECK(has(environment, "HPO_TRIAL_DIR=/d"));
    CHECK(has(environment, "HPO_PARAMS_FILE=/d/params.json"));
    CHECK(has(environment, "CUDA_VISIBLE_DEVICES=2,3"));
    CHECK(std::count_if(environment.begin(), environment.end(), [](const std::string &entry) {
              return entry.starts_with("HPO_PARAM_LR=");
          }) == 1);
    // In a worker that sees devices 5 and 7 as its 0 and 1, device 1 is the program's 7.
    CHECK(has(trial_environment({"CUDA_VISIBLE_DEVICES=5,7"}, params, trial, {1}), "CUDA_VISIBLE_DEVICES=7"));
    CHECK(has(trial_environment({"CUDA_VISIBLE_DEVICES=5"}, params, trial, {0, 3}), "CUDA_VISIBLE_DEVICES=0,3"));
    const auto no_devices = trial_environment({}, params, trial, {});
    CHECK(std::none_of(no_devices.begin(), no_devices.end(),
                       [](const std::string &entry) { return entry.starts_with("CUDA_VISIBLE_DEVICES="); }));
}
