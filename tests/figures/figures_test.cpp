#include "figures.hpp"

#include "error.hpp"

#include <doctest/doctest.h>

#include <string>

using hpo::figures::json;
using hpo::figures::make_figure;
using hpo::figures::read_study;

namespace {

// A trial as hpo_study_trials_json writes it.
json trial(int64_t number, const std::string &state, json values, json params, json more = json::object()) {
    json out = {{"number", number}, {"state", state}, {"values", std::move(values)}, {"params", std::move(params)},
                {"intermediate_values", json::object()}, {"datetime_start", nullptr},
                {"datetime_complete", nullptr}, {"message", nullptr}, {"worker", nullptr}};
    for (const auto &[key, value] : more.items()) out[key] = value;
    return out;
}

const json space = {{"x", {{"type", "float"}, {"low", 0}, {"high", 10}}},
                    {"kind", {{"type", "categorical"}, {"choices", {"a", "b"}}}},
                    {"lr", {{"type", "float"}, {"low", 1e-4}, {"high", 1}, {"log", true}, {"condition", {{"kind", {"b"}}}}}}};

json info(json directions = {"minimize"}) {
    return {{"name", "s"}, {"directions", std::move(directions)}, {"space", space}};
}

// Four trials: two complete (one with the conditional lr), one failed, one pruned.
json four_trials() {
    return json::array({trial(0, "COMPLETE", {3.0}, {{"x", 1.0}, {"kind", "a"}}),
                        trial(1, "FAIL", nullptr, {{"x", 2.0}, {"kind", "a"}}, {{"message", "boom"}}),
                        trial(2, "COMPLETE", {1.0}, {{"x", 4.0}, {"kind", "b"}, {"lr", 0.01}}),
                        trial(3, "PRUNED", {5.0}, {{"x", 6.0}, {"kind", "b"}, {"lr", 0.1}})});
}

json figure_of(const std::string &kind, const json &trials, const json &options = nullptr,
               const json &directions = {"minimize"}, const json &front = json::array()) {
    return make_figure(kind, read_study(info(directions), trials, front), options);
}

std::string error_of(const std::string &kind, const json &options, const json &trials = four_trials()) {
    try {
        figure_of(kind, trials, options);
    } catch (const hpo::Error &error) {
        CHECK(error.status() == HPO_EINVAL);
        return error.what();
    }
    return "";
}

}  // namespace

TEST_CASE("the history draws completed trials and the best value so far as steps") {
    const json figure = figure_of("history", four_trials());
    CHECK(figure["data"][0]["x"] == json({0, 2}));
    CHECK(figure["data"][0]["y"] == json({3.0, 1.0}));
    CHECK(figure["data"][1]["x"] == json({0, 2, 2}));
    CHECK(figure["data"][1]["y"] == json({3.0, 1.0, 1.0}));
    SUBCASE("maximizing, the best is the largest") {
        const json maximized = figure_of("history", four_trials(), nullptr, {"maximize"});
        CHECK(maximized["data"][1]["y"] == json({3.0, 3.0}));
    }
}

TEST_CASE("the slice plot has a panel per parameter holding the trials where it was active") {
    const json figure = figure_of("slice", four_trials());
    REQUIRE(figure["data"].size() == 3);
    CHECK(figure["data"][0]["x"] == json({1.0, 4.0}));
    CHECK(figure["data"][1]["x"] == json({"a", "b"}));
    CHECK(figure["layout"]["xaxis2"]["type"] == "category");
    CHECK(figure["data"][2]["x"] == json({0.01}));  // lr: only where kind was b, and completed
    CHECK(figure["data"][2]["marker"]["color"] == json({2}));
    CHECK(figure["layout"]["xaxis3"]["type"] == "log");
    CHECK(figure_of("slice", four_trials(), {{"params", {"lr"}}})["data"].size() == 1);
}

TEST_CASE("the contour averages the values on the grid of values tried") {
    json trials = json::array();
    for (int i = 0; i < 4; ++i) trials.push_back(trial(i, "COMPLETE", {double(i)}, {{"x", double(i % 2)}, {"kind", "a"}}));
    const json figure = figure_of("contour", trials);
    CHECK(figure["data"][0]["x"] == json({0.0, 1.0}));
    CHECK(figure["data"][0]["y"] == json({"a", "b"}));
    CHECK(figure["data"][0]["z"] == json({{1.0, 2.0}, {nullptr, nullptr}}));  // (0+2)/2 and (1+3)/2
    SUBCASE("past 50 distinct values an axis is binned, and the title says so") {
        json many = json::array();
        for (int i = 0; i < 200; ++i) many.push_back(trial(i, "COMPLETE", {double(i)}, {{"x", i / 20.0}, {"kind", "b"}}));
        const json binned = figure_of("contour", many);
        CHECK(binned["data"][0]["x"].size() == 40);
        CHECK(binned["layout"]["title"]["text"].get<std::string>().find("averaged in 40 bins") != std::string::npos);
    }
    CHECK(error_of("contour", {{"params", {"x"}}}).find("two parameters") != std::string::npos);
}

TEST_CASE("parallel coordinates leave out trials without every parameter, and say so") {
    const json figure = figure_of("parallel", four_trials());
    const json &dimensions = figure["data"][0]["dimensions"];
    CHECK(dimensions[0]["values"] == json({1.0}));  // trial 2 alone has lr
    CHECK(dimensions[2]["ticktext"] == json({"a", "b"}));
    CHECK(dimensions[2]["values"] == json({1}));
    CHECK(dimensions[3]["values"][0].get<double>() == doctest::Approx(-2));  // log10(0.01)
    CHECK(figure["layout"]["title"]["text"].get<std::string>().find("1 trials without every parameter") !=
          std::string::npos);
}

TEST_CASE("intermediate values mark pruned trials, and many curves are sampled") {
    json trials = four_trials();
    trials[2]["intermediate_values"] = {{"1", 2.0}, {"0", 4.0}};
    trials[3]["intermediate_values"] = {{"0", 5.0}};
    const json figure = figure_of("intermediate", trials);
    REQUIRE(figure["data"].size() == 2);
    CHECK(figure["data"][0]["x"] == json({0, 1}));  // by step
    CHECK(figure["data"][0]["y"] == json({4.0, 2.0}));
    CHECK(figure["data"][1]["name"] == "PRUNED");
    CHECK(figure["data"][1]["marker"]["symbol"] == "x");
    const json sampled = figure_of("intermediate", trials, {{"max_points", 1}});
    CHECK(sampled["data"].size() == 1);
    CHECK(sampled["layout"]["title"]["text"].get<std::string>().find("showing 1 of 2 trials") != std::string::npos);
}

TEST_CASE("the Pareto front splits the engine's front from the other trials") {
    const json trials = json::array({trial(0, "COMPLETE", {1.0, 2.0}, {{"x", 1.0}}), trial(1, "COMPLETE", {2.0, 3.0}, {{"x", 2.0}}),
                                     trial(2, "FAIL", nullptr, {{"x", 3.0}})});
    const json front = json::array({{{"number", 0}}});
    const json figure = figure_of("pareto", trials, nullptr, {"minimize", "minimize"}, front);
    CHECK(figure["data"][0]["x"] == json({2.0}));
    CHECK(figure["data"][1]["name"] == "Best trial");
    CHECK(figure["data"][1]["y"] == json({2.0}));
    CHECK(error_of("pareto", nullptr).find("several objectives") != std::string::npos);
}

TEST_CASE("the EDF rises by one share per completed trial") {
    const json figure = figure_of("edf", four_trials());
    CHECK(figure["data"][0]["x"] == json({1.0, 3.0}));
    CHECK(figure["data"][0]["y"] == json({0.5, 1.0}));
}

TEST_CASE("the timeline puts overlapping trials of one worker on slots of their own") {
    const auto at = [](int second) { return "2026-01-02T03:04:0" + std::to_string(second) + ".000000Z"; };
    json trials = json::array(
        {trial(0, "COMPLETE", {1.0}, {{"x", 1.0}}, {{"datetime_start", at(0)}, {"datetime_complete", at(4)}, {"worker", "w"}}),
         trial(1, "FAIL", nullptr, {{"x", 1.0}}, {{"datetime_start", at(1)}, {"datetime_complete", at(2)}, {"worker", "w"}}),
         trial(2, "COMPLETE", {1.0}, {{"x", 1.0}}, {{"datetime_start", at(3)}, {"datetime_complete", at(5)}, {"worker", "w"}}),
         trial(3, "WAITING", nullptr, json::object())});
    const json figure = figure_of("timeline", trials);
    REQUIRE(figure["data"].size() == 2);  // COMPLETE and FAIL; the waiting trial never started
    const json &complete = figure["data"][0];
    CHECK(complete["y"] == json({"worker 1 slot 1", "worker 1 slot 2"}));  // trial 2 starts while 0 runs
    CHECK(complete["x"] == json({4000.0, 2000.0}));
    CHECK(complete["base"][0] == "2026-01-02 03:04:00.000");
    CHECK(figure["data"][1]["y"] == json({"worker 1 slot 2"}));
}

TEST_CASE("bad figure requests name what is wrong") {
    CHECK(error_of("histogram", nullptr).find("unknown figure 'histogram'") != std::string::npos);
    CHECK(error_of("history", {{"bins", 3}}).find("unknown option 'bins'") != std::string::npos);
    CHECK(error_of("history", {{"objective", 1}}).find("'objective' must be an index below 1") != std::string::npos);
    CHECK(error_of("slice", {{"params", {"y"}}}).find("no parameter 'y' (it has: x, kind, lr)") != std::string::npos);
    CHECK(error_of("edf", {{"max_points", 0}}).find("'max_points'") != std::string::npos);
}

TEST_CASE("a large study is sampled evenly and the title says how") {
    json trials = json::array();
    for (int i = 0; i < 10000; ++i) trials.push_back(trial(i, "COMPLETE", {double(10000 - i)}, {{"x", i / 1000.0}, {"kind", "a"}}));
    const json figure = figure_of("history", trials);
    CHECK(figure["data"][0]["x"].size() == 5000);
    CHECK(figure["data"][0]["x"][1] == 2);
    CHECK(figure["data"][1]["y"].back() == 1.0);  // the best so far still sees every trial
    CHECK(figure["layout"]["title"]["text"].get<std::string>().find("showing 5000 of 10000 trials") != std::string::npos);
}
