#include "optimize.hpp"
#include "study_fixture.hpp"

#include <doctest/doctest.h>

#include <oneapi/tbb/global_control.h>
#include <oneapi/tbb/task_arena.h>

#include <atomic>
#include <chrono>
#include <cmath>
#include <thread>
#include <functional>
#include <map>
#include <string>

using namespace hpo;
using hpo::test::error_of;
using hpo::test::make_study;

namespace {

using Values = std::function<std::vector<double>(const json &params)>;

// A random-sampler study over `space` with n trials told `objective`'s values.
std::shared_ptr<Study> filled(const json &space, int n, const Values &objective, json config = json::object()) {
    config["space"] = space;
    if (!config.contains("seed")) config["seed"] = 11;
    auto study = make_study(config);
    for (int i = 0; i < n; ++i) {
        const int64_t number = *study->ask();
        study->tell(number, HPO_TRIAL_COMPLETE, objective(study->params_json(number)), "");
    }
    return study;
}

// name -> importance of one objective's entry.
std::map<std::string, double> shares(const json &answer, std::size_t objective = 0) {
    std::map<std::string, double> out;
    for (const auto &item : answer["objectives"][objective]["importances"]) {
        out[item["param"].get<std::string>()] = item["importance"].get<double>();
    }
    return out;
}

const json three_floats = json::parse(R"({
  "x": {"type": "float", "low": 0, "high": 1},
  "y": {"type": "float", "low": 0, "high": 1},
  "z": {"type": "float", "low": 0, "high": 1}
})");

double at(const json &params, const char *name) { return params[name].get<double>(); }

}  // namespace

TEST_CASE("a parameter that alone moves the objective takes nearly all the importance") {
    auto study = filled(three_floats, 200, [](const json &p) {
        return std::vector<double>{std::sin(6 * at(p, "x")) + 2 * at(p, "x")};
    });
    const json answer = study->param_importances(nullptr);
    const auto s = shares(answer);
    CHECK(s.at("x") > 0.9);
    CHECK(s.at("y") < 0.05);
    CHECK(s.at("z") < 0.05);
    CHECK(answer["objectives"][0]["importances"][0]["param"] == "x");
    CHECK(answer["objectives"][0]["n_trials"] == 200);
    CHECK(answer["objectives"][0]["direction"] == "minimize");
    CHECK(answer["params"] == json({"x", "y", "z"}));
    double total = 0;
    for (const auto &[name, share] : s) total += share;
    CHECK(total == doctest::Approx(1.0));
}

TEST_CASE("an additive objective ranks its terms by their variance") {
    // 10x + y: x carries 100/101 of the variance.
    auto study = filled(three_floats, 300, [](const json &p) {
        return std::vector<double>{10 * at(p, "x") + at(p, "y")};
    });
    const auto s = shares(study->param_importances(nullptr));
    CHECK(s.at("x") > 0.9);
    CHECK(s.at("y") > s.at("z"));
    CHECK(s.at("y") < 0.1);
    SUBCASE("unnormalized, the shares of the variance are themselves") {
        const auto raw = shares(study->param_importances({{"normalize", false}}));
        CHECK(raw.at("x") > 0.85);
        CHECK(raw.at("x") < 1.0);
    }
}

TEST_CASE("a categorical parameter that matters is found, with log and int parameters beside it") {
    const json space = json::parse(R"({
      "optimizer": {"type": "categorical", "choices": ["sgd", "adam", "rmsprop"]},
      "lr": {"type": "float", "low": 1e-5, "high": 1e-1, "log": true},
      "layers": {"type": "int", "low": 1, "high": 8}
    })");
    auto study = filled(space, 300, [](const json &p) {
        const std::string optimizer = p["optimizer"].get<std::string>();
        const double offset = optimizer == "sgd" ? 0 : optimizer == "adam" ? 10 : 5;
        return std::vector<double>{offset + 0.3 * std::log10(at(p, "lr")) + 0.01 * at(p, "layers")};
    });
    const json answer = study->param_importances(nullptr);
    const auto s = shares(answer);
    CHECK(answer["objectives"][0]["importances"][0]["param"] == "optimizer");
    CHECK(s.at("optimizer") > 0.8);
    CHECK(s.at("lr") > s.at("layers"));
}

TEST_CASE("a log parameter is assessed in log space") {
    // The objective is linear in log10(lr): in log space its marginal is a straight line, so
    // lr takes the variance; a parameter that does nothing takes none.
    const json space = json::parse(R"({
      "lr": {"type": "float", "low": 1e-6, "high": 1, "log": true},
      "noise": {"type": "float", "low": 0, "high": 1}
    })");
    auto study = filled(space, 200, [](const json &p) { return std::vector<double>{std::log10(at(p, "lr"))}; });
    CHECK(shares(study->param_importances(nullptr)).at("lr") > 0.95);
}

TEST_CASE("conditional parameters take part, inactive as a value of their own") {
    const json space = json::parse(R"({
      "kernel": {"type": "categorical", "choices": ["rbf", "linear"]},
      "gamma": {"type": "float", "low": 0, "high": 1, "condition": {"kernel": ["rbf"]}},
      "c": {"type": "float", "low": 0, "high": 1}
    })");
    // Only gamma moves the objective, and only when active.
    auto study = filled(space, 300, [](const json &p) {
        return std::vector<double>{p["kernel"] == "rbf" ? 10 * at(p, "gamma") : 5.0};
    });
    const json answer = study->param_importances(nullptr);
    const auto s = shares(answer);
    REQUIRE(s.count("gamma") == 1);
    CHECK(answer["objectives"][0]["importances"][0]["param"] == "gamma");
    CHECK(s.at("gamma") > s.at("kernel"));
    CHECK(s.at("c") < 0.05);
    SUBCASE("only the trials where it is active") {
        // Trials where gamma is active, chosen by number: kernel is constant there.
        json numbers = json::array();
        for (const auto &trial : study->trials_json()) {
            if (trial["params"].contains("gamma")) numbers.push_back(trial["number"]);
        }
        const auto active = shares(study->param_importances({{"trials", numbers}}));
        CHECK(active.at("gamma") > 0.9);
    }
}

TEST_CASE("define-by-run parameters absent from some trials are handled") {
    auto study = make_study({{"seed", 4}});
    for (int i = 0; i < 120; ++i) {
        const int64_t number = *study->ask();
        const double x = study->suggest(number, "x", json{{"type", "float"}, {"low", 0}, {"high", 1}});
        double value = x;
        if (i >= 20) value += 3 * study->suggest(number, "late", json{{"type", "int"}, {"low", 0}, {"high", 4}});
        study->tell(number, HPO_TRIAL_COMPLETE, {value}, "");
    }
    const auto s = shares(study->param_importances(nullptr));
    CHECK(s.at("late") > s.at("x"));
}

TEST_CASE("the same seed gives the same importances, whatever the threads") {
    auto study = filled(three_floats, 150, [](const json &p) {
        return std::vector<double>{at(p, "x") * at(p, "y") + 0.5 * at(p, "z")};
    });
    const json options = {{"seed", 5}, {"n_trees", 32}};
    const std::string first = study->param_importances(options).dump();
    CHECK(study->param_importances(options).dump() == first);
    std::string serial;
    tbb::task_arena one(1);
    one.execute([&] { serial = study->param_importances(options).dump(); });
    CHECK(serial == first);
    CHECK(study->param_importances({{"seed", 6}, {"n_trees", 32}}).dump() != first);
    // Without a seed, the study's.
    CHECK(study->param_importances({{"n_trees", 32}})["seed"] == 11);
}

TEST_CASE("a subset of the parameters is assessed alone") {
    auto study = filled(three_floats, 100, [](const json &p) {
        return std::vector<double>{at(p, "x") + 2 * at(p, "y")};
    });
    const json answer = study->param_importances({{"params", {"y", "z"}}});
    CHECK(answer["params"] == json({"y", "z"}));
    const auto s = shares(answer);
    CHECK(s.size() == 2);
    CHECK(s.at("y") > 0.9);
    CHECK(study->param_importances({{"params", json::array()}})["objectives"][0]["importances"].empty());
}

TEST_CASE("several objectives get importances each, or the one asked") {
    auto study = filled(three_floats, 200, [](const json &p) {
        return std::vector<double>{at(p, "x"), 5 * at(p, "z")};
    }, {{"directions", {"minimize", "maximize"}}});
    const json answer = study->param_importances(nullptr);
    REQUIRE(answer["objectives"].size() == 2);
    CHECK(answer["objectives"][0]["importances"][0]["param"] == "x");
    CHECK(answer["objectives"][1]["importances"][0]["param"] == "z");
    CHECK(answer["objectives"][1]["direction"] == "maximize");
    const json second = study->param_importances({{"objective", 1}});
    REQUIRE(second["objectives"].size() == 1);
    CHECK(second["objectives"][0]["objective"] == 1);
    CHECK(second["objectives"][0]["importances"][0]["param"] == "z");
}

TEST_CASE("target values given per trial replace the objectives") {
    auto study = filled(three_floats, 100, [](const json &p) { return std::vector<double>{at(p, "x")}; });
    json values = json::object();
    for (const auto &trial : study->trials_json()) {
        values[std::to_string(trial["number"].get<int64_t>())] = trial["params"]["y"];
    }
    const json answer = study->param_importances({{"values", values}});
    CHECK(answer["objectives"][0]["objective"].is_null());
    CHECK(answer["objectives"][0]["target"] == "values");
    CHECK(answer["objectives"][0]["importances"][0]["param"] == "y");
}

TEST_CASE("pruned, failed and infinite trials are left out unless asked for") {
    auto study = filled(three_floats, 60, [](const json &p) { return std::vector<double>{at(p, "x")}; });
    for (int i = 0; i < 5; ++i) {
        const int64_t number = *study->ask();
        study->tell(number, i % 2 ? HPO_TRIAL_FAIL : HPO_TRIAL_COMPLETE,
                    {i % 2 ? 0.0 : INFINITY}, "");
    }
    const int64_t pruned = *study->ask();
    study->report(pruned, 1, 0.5);
    study->tell(pruned, HPO_TRIAL_PRUNED, {}, "");
    CHECK(study->param_importances(nullptr)["objectives"][0]["n_trials"] == 60);
    CHECK(study->param_importances({{"states", {"COMPLETE", "PRUNED"}}})["objectives"][0]["n_trials"] == 61);
}

TEST_CASE("mistakes are refused naming the field") {
    auto study = filled(three_floats, 10, [](const json &p) { return std::vector<double>{at(p, "x")}; });
    CHECK(error_of([&] { study->param_importances({{"params", {"x", "w"}}}); }).find("unknown parameter \"w\"") !=
          std::string::npos);
    CHECK(error_of([&] { study->param_importances({{"n_trees", 0}}); }).find("\"n_trees\"") != std::string::npos);
    CHECK(error_of([&] { study->param_importances({{"max_depth", "deep"}}); }).find("\"max_depth\"") != std::string::npos);
    CHECK(error_of([&] { study->param_importances({{"objective", 1}}); }).find("1 objective") != std::string::npos);
    CHECK(error_of([&] { study->param_importances({{"trials", {3, 99}}}); }).find("\"trials\" has 99") !=
          std::string::npos);
    CHECK(error_of([&] { study->param_importances({{"states", {"DONE"}}}); }).find("\"states\"") != std::string::npos);
    CHECK(error_of([&] { study->param_importances({{"max_features", 1.5}}); }).find("\"max_features\"") !=
          std::string::npos);
    CHECK(error_of([&] { study->param_importances({{"seed", -1}}); }).find("\"seed\"") != std::string::npos);
    CHECK(error_of([&] { study->param_importances({{"values", {{"x", 1}}}}); }).find("\"values\"") != std::string::npos);
    CHECK(error_of([&] { study->param_importances({{"trees", 3}}); }).find("unknown option \"trees\"") !=
          std::string::npos);
    CHECK(error_of([&] { study->param_importances({{"trials", {4}}}); }).find("at least 2 trials") != std::string::npos);
    auto empty = make_study({{"space", three_floats}});
    CHECK(error_of([&] { empty->param_importances(nullptr); }).find("at least 2 trials") != std::string::npos);
}

TEST_CASE("a parameter with a single value and a constant objective are handled") {
    const json space = json::parse(R"({
      "x": {"type": "float", "low": 0, "high": 1},
      "fixed": {"type": "int", "low": 3, "high": 3},
      "only": {"type": "categorical", "choices": ["a"]}
    })");
    auto study = filled(space, 50, [](const json &p) { return std::vector<double>{at(p, "x")}; });
    const auto s = shares(study->param_importances(nullptr));
    CHECK(s.at("fixed") == 0);
    CHECK(s.at("only") == 0);
    CHECK(s.at("x") == doctest::Approx(1.0));
    auto flat = filled(three_floats, 20, [](const json &) { return std::vector<double>{1.0}; });
    const json answer = flat->param_importances(nullptr);
    CHECK(answer["objectives"][0]["n_trees_used"] == 0);
    CHECK(shares(answer).at("x") == doctest::Approx(1.0 / 3));  // no variance: equal shares
}

TEST_CASE("importances of a study that four threads filled") {
    auto study = make_study({{"space", three_floats}, {"seed", 9}});
    const Values f = [](const json &p) { return std::vector<double>{3 * at(p, "y") + 0.2 * at(p, "x")}; };
    optimize(study, [&](hpo_trial *trial, double *values, std::size_t) {
        values[0] = f(trial->study->params_json(trial->number))[0];
        return HPO_OK;
    }, OptimizeOptions::from_json({{"n_trials", 200}, {"n_jobs", 4}}));
    const json answer = study->param_importances(nullptr);
    CHECK(answer["objectives"][0]["n_trials"] == 200);
    CHECK(answer["objectives"][0]["importances"][0]["param"] == "y");
}

TEST_CASE("importances are read while four threads still write the study") {
    auto study = make_study({{"space", three_floats}, {"seed", 10}});
    std::atomic<int> read{0};
    std::thread reader([&] {
        while (read < 20) {
            if (study->n_trials() < 10) {
                std::this_thread::yield();
                continue;
            }
            try {
                const json answer = study->param_importances({{"n_trees", 8}});
                CHECK(answer["objectives"][0]["importances"].size() == 3);
                ++read;
            } catch (const Error &e) {
                // Early on, fewer than 2 trials may have completed.
                CHECK(std::string(e.what()).find("at least 2 trials") != std::string::npos);
            }
        }
    });
    optimize(study, [](hpo_trial *trial, double *values, std::size_t) {
        values[0] = trial->study->param(trial->number, "x");
        std::this_thread::sleep_for(std::chrono::milliseconds(1));
        return HPO_OK;
    }, OptimizeOptions::from_json({{"n_trials", 300}, {"n_jobs", 4}}));
    reader.join();
    CHECK(read == 20);
    CHECK(study->param_importances(nullptr)["objectives"][0]["importances"][0]["param"] == "x");
}
