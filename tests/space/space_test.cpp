// The search space: parsing and validation of its JSON form, parents-first ordering,
// conditions, value conversions, define-by-run additions and the plugin ABI's view.
#include "error.hpp"
#include "space.hpp"

#include <doctest/doctest.h>

#include <cmath>
#include <limits>
#include <string>
#include <vector>

using hpo::json;
using hpo::Param;
using hpo::Space;

namespace {

const double kNaN = std::numeric_limits<double>::quiet_NaN();

Space parse(const char *text) { return Space::from_json(json::parse(text)); }

Param param(const char *name, const char *spec) { return Param::from_json(name, json::parse(spec)); }

// Parses `text` as the spec of parameter "p" and returns the HPO_EINVAL message it fails with.
std::string param_error(const char *spec) {
    try {
        param("p", spec);
    } catch (const hpo::Error &e) {
        CHECK(e.status() == HPO_EINVAL);
        return e.what();
    }
    FAIL("parsed without an error: " << spec);
    return "";
}

std::vector<std::string> names(const Space &space) {
    std::vector<std::string> out;
    for (std::size_t i = 0; i < space.size(); ++i) out.push_back(space[i].name);
    return out;
}

}  // namespace

TEST_CASE("each kind of parameter parses with its defaults") {
    Space space = parse(R"({"x": {"type": "float", "low": -1, "high": 2.5},
                            "n": {"type": "int", "low": 1, "high": 8},
                            "k": {"type": "categorical", "choices": ["rbf", 3, null]}})");
    REQUIRE(space.size() == 3);
    CHECK(names(space) == std::vector<std::string>{"x", "n", "k"});
    const Param &x = space[0], &n = space[1], &k = space[2];
    CHECK(x.kind == HPO_PARAM_FLOAT);
    CHECK(x.low == -1);
    CHECK(x.high == 2.5);
    CHECK(x.step == 0);
    CHECK_FALSE(x.log);
    CHECK(x.prior == HPO_PRIOR_UNIFORM);
    CHECK(n.kind == HPO_PARAM_INT);
    CHECK(n.step == 1);
    CHECK(k.kind == HPO_PARAM_CATEGORICAL);
    CHECK(k.choices == std::vector<json>{"rbf", 3, nullptr});
    CHECK(space.index_of("n") == 1);
    CHECK(space.index_of("missing") == -1);
}

TEST_CASE("log, step, priors and conditions are read") {
    Param lr = param("lr", R"({"type": "float", "low": 1e-5, "high": 0.1, "log": true, "step": null,
                              "prior": {"type": "normal", "mu": -5, "sigma": 2}})");
    CHECK(lr.log);
    CHECK(lr.step == 0);
    CHECK(lr.prior == HPO_PRIOR_NORMAL);
    CHECK(lr.prior_mu == -5);
    CHECK(lr.prior_sigma == 2);
    Param units = param("units", R"({"type": "int", "low": 16, "high": 256, "step": 16,
                                    "prior": {"type": "uniform"}, "condition": {"layers": [2, 3]}})");
    CHECK(units.step == 16);
    CHECK(units.prior == HPO_PRIOR_UNIFORM);
    CHECK(units.parent == "layers");
    CHECK(units.parent_choices == std::vector<json>{2, 3});
    CHECK(param("f", R"({"type": "float", "low": 0, "high": 1, "step": 0.25})").step == 0.25);
}

TEST_CASE("to_json writes the canonical form and round trips") {
    const json spec = json::parse(R"({
        "kernel": {"type": "categorical", "choices": ["rbf", "linear", 1.5, [1, 2], {"a": null}]},
        "lr": {"type": "float", "low": 1e-05, "high": 0.1, "log": true,
               "prior": {"type": "normal", "mu": -4.0, "sigma": 1.5}},
        "x": {"type": "float", "low": 0.0, "high": 1.0, "step": 0.1},
        "layers": {"type": "int", "low": 1, "high": 3},
        "units": {"type": "int", "low": 8, "high": 64, "step": 8, "condition": {"layers": [2, 3]}},
        "batch": {"type": "int", "low": 16, "high": 512, "log": true},
        "gamma": {"type": "float", "low": 0.001, "high": 10.0, "log": true,
                  "condition": {"kernel": ["rbf"]}}})");
    CHECK(Space::from_json(spec).to_json() == spec);

    SUBCASE("default fields are left out") {
        Space space = parse(R"({"n": {"type": "int", "low": 0, "high": 4, "log": false, "step": 1,
                                      "prior": {"type": "uniform"}}})");
        CHECK(space.to_json().dump() == R"({"n":{"type":"int","low":0,"high":4}})");
    }
}

TEST_CASE("same_distribution tells distributions apart by every field but the name") {
    const char *base = R"({"type": "int", "low": 1, "high": 9, "condition": {"k": [1]}})";
    CHECK(param("a", base).same_distribution(param("b", base)));
    for (const char *other : {R"({"type": "int", "low": 0, "high": 9, "condition": {"k": [1]}})",
                              R"({"type": "int", "low": 1, "high": 8, "condition": {"k": [1]}})",
                              R"({"type": "int", "low": 1, "high": 9, "log": true, "condition": {"k": [1]}})",
                              R"({"type": "int", "low": 1, "high": 9, "step": 2, "condition": {"k": [1]}})",
                              R"({"type": "int", "low": 1, "high": 9, "condition": {"k": [1]},
                                  "prior": {"type": "normal", "mu": 5, "sigma": 1}})",
                              R"({"type": "int", "low": 1, "high": 9, "condition": {"k": [2]}})",
                              R"({"type": "int", "low": 1, "high": 9, "condition": {"j": [1]}})",
                              R"({"type": "int", "low": 1, "high": 9})",
                              R"({"type": "float", "low": 1, "high": 9, "condition": {"k": [1]}})"}) {
        INFO(other);
        CHECK_FALSE(param("a", base).same_distribution(param("a", other)));
    }
    const char *choices = R"({"type": "categorical", "choices": ["a", 1]})";
    CHECK(param("c", choices).same_distribution(param("c", R"({"type": "categorical", "choices": ["a", 1.0]})")));
    CHECK_FALSE(param("c", choices).same_distribution(param("c", R"({"type": "categorical", "choices": [1, "a"]})")));
}

TEST_CASE("malformed parameters are refused naming the parameter and the field") {
    auto refused = [](const char *spec, const char *message) {
        INFO(spec);
        const std::string error = param_error(spec);
        CHECK(error.find(R"(parameter "p": )") == 0);
        CHECK_MESSAGE(error.find(message) != std::string::npos, error);
    };
    refused("[1, 2]", "must be an object");
    refused(R"({"low": 0, "high": 1})", R"(missing "type")");
    refused(R"({"type": "uniform"})", R"("type" "uniform" is not one of "float", "int", "categorical")");
    refused(R"({"type": "float", "lo": 0, "high": 1})",
            R"(unknown field "lo" (allowed: "type", "low", "high", "log", "step", "prior", "condition"))");
    refused(R"({"type": "categorical", "choice": [1]})", R"(unknown field "choice")");
    refused(R"({"type": "float", "high": 1})", R"(missing "low")");
    refused(R"({"type": "float", "low": "0", "high": 1})", R"("low" must be a number, got "0")");
    refused(R"({"type": "float", "low": 2, "high": 1})", R"("low" (2) must be <= "high" (1))");
    refused(R"({"type": "float", "low": 0, "high": 1, "log": true})",
            R"("low" (0) must be > 0 when "log" is true)");
    refused(R"({"type": "float", "low": 1, "high": 1, "log": 1})", R"("log" must be true or false)");
    refused(R"({"type": "float", "low": 1, "high": 8, "log": true, "step": 1})",
            R"("step" cannot be combined with "log")");
    refused(R"({"type": "float", "low": 0, "high": 1, "step": 0})", R"("step" (0) must be > 0)");
    refused(R"({"type": "int", "low": 0, "high": 4, "step": -2})", R"("step" (-2) must be > 0)");
    refused(R"({"type": "int", "low": 0.5, "high": 4})", R"("low" (0.5) must be an integer)");
    refused(R"({"type": "int", "low": 0, "high": 4, "step": 1.5})", R"("step" (1.5) must be an integer)");
    refused(R"({"type": "int", "low": 1, "high": 9, "step": 2, "log": true})",
            R"("step" (2) must be 1 when "log" is true)");
    refused(R"({"type": "int", "low": 0, "high": 10, "step": 3})", R"("step" (3) must divide "high" - "low" (10))");
    refused(R"({"type": "float", "low": 0, "high": 1, "step": 0.3})", R"("step" (0.3) must divide)");
    refused(R"({"type": "categorical", "choices": []})", R"("choices" must not be empty)");
    refused(R"({"type": "categorical"})", R"(missing "choices")");
    refused(R"({"type": "categorical", "choices": [1, "a", 1.0]})", R"("choices" lists 1.0 twice)");
    refused(R"({"type": "categorical", "choices": [1], "prior": {"type": "normal", "mu": 0, "sigma": 1}})",
            R"("prior" applies to float and int parameters)");
    refused(R"({"type": "float", "low": 0, "high": 1, "prior": {"type": "normal", "mu": 0, "sigma": 0}})",
            R"("sigma" in "prior" (0) must be a finite number > 0)");
    refused(R"({"type": "float", "low": 0, "high": 1, "prior": {"type": "normal", "mu": 0}})",
            R"(missing "sigma" in "prior")");
    refused(R"({"type": "float", "low": 0, "high": 1, "prior": {"type": "normal", "mu": 0, "sd": 1}})",
            R"(unknown field "sd" in "prior" (allowed: "type", "mu", "sigma"))");
    refused(R"({"type": "float", "low": 0, "high": 1, "prior": {"type": "cauchy"}})",
            R"("type" in "prior" "cauchy" is not one of "uniform", "normal")");
    refused(R"({"type": "int", "low": 0, "high": 1, "condition": {"a": [1], "b": [2]}})",
            R"("condition" must name exactly one parent)");
    refused(R"({"type": "int", "low": 0, "high": 1, "condition": {"a": []}})",
            R"("condition" lists no values of "a")");
    refused(R"({"type": "int", "low": 0, "high": 1, "condition": {"a": "x"}})",
            R"("condition" values of "a" must be an array)");
    refused(R"({"type": "int", "low": 0, "high": 1, "condition": {"p": [1]}})",
            R"("condition" is on the parameter itself)");
}

TEST_CASE("int bounds beyond 2^53 are refused for what they are, not as non-integers") {
    auto refused = [](const char *spec, const char *message) {
        INFO(spec);
        const std::string error = param_error(spec);
        CHECK_MESSAGE(error.find(message) != std::string::npos, error);
    };
    const char *beyond = "is beyond ±2^53, the largest integer range a parameter can hold exactly";
    refused(R"({"type": "int", "low": -9223372036854775808, "high": 0})",
            R"("low" (-9223372036854775808) is beyond ±2^53)");
    refused(R"({"type": "int", "low": 0, "high": 9223372036854775807})",
            R"("high" (9223372036854775807) is beyond ±2^53)");
    refused(R"({"type": "int", "low": 0, "high": 18446744073709551615})", beyond);
    // As a double 2^53 + 1 is 2^53: only the written integer shows it is out of reach.
    refused(R"({"type": "int", "low": 0, "high": 9007199254740993})", R"("high" (9007199254740993) is beyond)");
    refused(R"({"type": "int", "low": 0, "high": 1e300})", R"("high" (1e+300) is beyond ±2^53)");
    refused(R"({"type": "int", "low": 0, "high": 4, "step": 9007199254740994})", R"("step" (9007199254740994) is)");
    const Param widest = param("p", R"({"type": "int", "low": -9007199254740992, "high": 9007199254740992})");
    CHECK(widest.contains(9007199254740992.0));
}

TEST_CASE("a float range whose width overflows a double is refused") {
    CHECK(param_error(R"({"type": "float", "low": -1e308, "high": 1e308})")
              .find(R"("high" - "low" (1e+308 - -1e+308) overflows a double)") != std::string::npos);
    CHECK(param("p", R"({"type": "float", "low": -8e307, "high": 8e307})").contains(0));
}

TEST_CASE("non-finite fields are refused with their value wherever a parameter comes from") {
    const double inf = std::numeric_limits<double>::infinity();
    auto refused = [](double Param::*field, double value, const char *message) {
        Param bad = param("p", R"({"type": "float", "low": 0, "high": 1,
                                   "prior": {"type": "normal", "mu": 0.5, "sigma": 1}})");
        bad.*field = value;
        CHECK_THROWS_WITH_AS(bad.validate(), doctest::Contains(message), hpo::Error);
    };
    refused(&Param::low, kNaN, R"(parameter "p": "low" (nan) must be a finite number)");
    refused(&Param::high, inf, R"("high" (inf) must be a finite number)");
    refused(&Param::step, kNaN, R"("step" (nan) must be a finite number)");
    refused(&Param::step, -inf, R"("step" (-inf) must be a finite number)");
    refused(&Param::prior_mu, kNaN, R"("mu" in "prior" (nan) must be a finite number)");
    refused(&Param::prior_sigma, inf, R"("sigma" in "prior" (inf) must be a finite number > 0)");
    refused(&Param::prior_sigma, -1, R"("sigma" in "prior" (-1) must be a finite number > 0)");
}

TEST_CASE("a name must be non-empty UTF-8 without NUL bytes, which C strings would cut") {
    const char *unit = R"({"type": "float", "low": 0, "high": 1})";
    CHECK_THROWS_WITH_AS(parse(R"({"a\u0000b": {"type": "float", "low": 0, "high": 1}})"),
                         doctest::Contains(R"(parameter "a\u0000b": the name holds a NUL byte (at offset 1))"),
                         hpo::Error);
    CHECK_THROWS_WITH_AS(parse(R"({"": {"type": "float", "low": 0, "high": 1}})"),
                         doctest::Contains("a parameter's name must not be empty"), hpo::Error);
    CHECK_THROWS_WITH_AS(Param::from_json("lr\xff", json::parse(unit)),
                         doctest::Contains("a parameter's name is not valid UTF-8 (byte 0xff at offset 2"),
                         hpo::Error);
}

TEST_CASE("a low equal to high is a valid single-value range") {
    CHECK(param("p", R"({"type": "int", "low": 3, "high": 3})").contains(3));
    CHECK(param("p", R"({"type": "float", "low": 0.5, "high": 0.5, "step": 0.1})").contains(0.5));
}

TEST_CASE("conditions are refused when their parent cannot carry them") {
    auto refused = [](const char *text, const char *message) {
        INFO(text);
        CHECK_THROWS_WITH_AS(parse(text), doctest::Contains(message), hpo::Error);
    };
    refused("[]", "a space must be an object of parameters by name, got array");
    refused(R"({"g": {"type": "float", "low": 0, "high": 1, "condition": {"kernal": ["rbf"]}}})",
            R"(parameter "g": condition on unknown parameter "kernal")");
    refused(R"({"x": {"type": "float", "low": 0, "high": 1},
                "g": {"type": "float", "low": 0, "high": 1, "condition": {"x": [0.5]}}})",
            R"(parameter "g": condition on the float "x")");
    refused(R"({"k": {"type": "categorical", "choices": ["rbf", "poly"]},
                "g": {"type": "float", "low": 0, "high": 1, "condition": {"k": ["linear"]}}})",
            R"(parameter "g": condition value "linear" is not a value "k" can take)");
    refused(R"({"n": {"type": "int", "low": 1, "high": 5, "step": 2},
                "u": {"type": "int", "low": 1, "high": 5, "condition": {"n": [2]}}})",
            R"(parameter "u": condition value 2 is not a value "n" can take)");
    refused(R"({"a": {"type": "int", "low": 0, "high": 1, "condition": {"b": [1]}},
                "b": {"type": "int", "low": 0, "high": 1, "condition": {"c": [0]}},
                "c": {"type": "int", "low": 0, "high": 1, "condition": {"a": [1]}}})",
            R"(conditions form a cycle: "a" -> "b" -> "c" -> "a")");
}

TEST_CASE("parents come before their children, otherwise in the written order") {
    Space space = parse(R"({"gamma": {"type": "float", "low": 0.1, "high": 1, "condition": {"kernel": ["rbf"]}},
                            "lr": {"type": "float", "low": 0.1, "high": 1},
                            "units": {"type": "int", "low": 1, "high": 4, "condition": {"layers": [2]}},
                            "kernel": {"type": "categorical", "choices": ["rbf", "linear"],
                                       "condition": {"layers": [1]}},
                            "layers": {"type": "int", "low": 1, "high": 2},
                            "seed": {"type": "int", "low": 0, "high": 9}})");
    CHECK(names(space) == std::vector<std::string>{"lr", "layers", "units", "kernel", "gamma", "seed"});
    for (std::size_t i = 0; i < space.size(); ++i) CHECK(space.infos()[i].parent < static_cast<int32_t>(i));
}

TEST_CASE("a parameter is active only when its parent is active and takes a listed value") {
    Space space = parse(R"({"model": {"type": "categorical", "choices": ["svm", "mlp"]},
                            "kernel": {"type": "categorical", "choices": ["rbf", "linear"], "condition": {"model": ["svm"]}},
                            "gamma": {"type": "float", "low": 0.1, "high": 1, "condition": {"kernel": ["rbf"]}},
                            "layers": {"type": "int", "low": 1, "high": 3, "condition": {"model": ["mlp"]}},
                            "units2": {"type": "int", "low": 1, "high": 8, "condition": {"layers": [2, 3]}}})");
    REQUIRE(names(space) == std::vector<std::string>{"model", "kernel", "gamma", "layers", "units2"});
    CHECK(space.is_active(0, nullptr));

    SUBCASE("the svm branch") {
        const double values[] = {0, 0, 0.5, kNaN, kNaN};
        CHECK(space.is_active(1, values));
        CHECK(space.is_active(2, values));
        CHECK_FALSE(space.is_active(3, values));
        CHECK_FALSE(space.is_active(4, values));
        const double linear[] = {0, 1, kNaN, kNaN, kNaN};
        CHECK_FALSE(space.is_active(2, linear));
    }
    SUBCASE("the mlp branch, where the grandchild follows its inactive kernel") {
        const double values[] = {1, kNaN, kNaN, 2, 4};
        CHECK_FALSE(space.is_active(1, values));
        CHECK_FALSE(space.is_active(2, values));
        CHECK(space.is_active(3, values));
        CHECK(space.is_active(4, values));
        const double one_layer[] = {1, kNaN, kNaN, 1, kNaN};
        CHECK_FALSE(space.is_active(4, one_layer));
    }
}

TEST_CASE("values convert between their JSON and internal forms") {
    Space space = parse(R"({"x": {"type": "float", "low": 0, "high": 1, "step": 0.1},
                            "n": {"type": "int", "low": -4, "high": 4, "step": 2},
                            "k": {"type": "categorical", "choices": ["a", 1, null, [1, "b"], true]},
                            "lr": {"type": "float", "low": 1e-4, "high": 1, "log": true}})");
    SUBCASE("floats") {
        CHECK(space.to_internal(0, 0.3) == 0.3);
        CHECK(space.to_internal(0, 1) == 1);
        CHECK(space.to_external(0, 0.7) == json(0.7));
        CHECK(space.to_internal(3, 1e-4) == 1e-4);
    }
    SUBCASE("ints come back as integer JSON numbers") {
        CHECK(space.to_internal(1, -2) == -2);
        CHECK(space.to_internal(1, 2.0) == 2);
        CHECK(space.to_external(1, 4).is_number_integer());
        CHECK(space.to_external(1, 4) == 4);
    }
    SUBCASE("a categorical's choices are matched by JSON equality") {
        CHECK(space.to_internal(2, "a") == 0);
        CHECK(space.to_internal(2, 1.0) == 1);
        CHECK(space.to_internal(2, nullptr) == 2);
        CHECK(space.to_internal(2, json::parse(R"([1.0, "b"])")) == 3);
        CHECK(space.to_internal(2, true) == 4);
        CHECK(space.to_external(2, 3) == json::parse(R"([1, "b"])"));
        CHECK(space.to_external(2, 2).is_null());
    }
    SUBCASE("NaN and null stand for inactive") {
        CHECK(space.to_external(0, kNaN).is_null());
        CHECK(std::isnan(space.to_internal(0, nullptr)));
    }
    SUBCASE("values outside the domain are refused naming the parameter and the value") {
        CHECK_THROWS_WITH_AS(space.to_internal(0, 1.5), doctest::Contains(R"(parameter "x": value 1.5 is outside)"),
                             hpo::Error);
        CHECK_THROWS_WITH_AS(space.to_internal(0, 0.35), doctest::Contains("value 0.35"), hpo::Error);
        CHECK_THROWS_WITH_AS(space.to_internal(1, 1), doctest::Contains(R"(parameter "n": value 1)"), hpo::Error);
        CHECK_THROWS_WITH_AS(space.to_internal(1, 2.5), doctest::Contains("value 2.5"), hpo::Error);
        CHECK_THROWS_WITH_AS(space.to_internal(1, "2"), doctest::Contains(R"(value "2")"), hpo::Error);
        CHECK_THROWS_WITH_AS(space.to_internal(2, "b"), doctest::Contains(R"(parameter "k": value "b")"),
                             hpo::Error);
        CHECK_THROWS_WITH_AS(space.to_internal(3, 0), doctest::Contains(R"(parameter "lr": value 0)"), hpo::Error);
        CHECK_THROWS_WITH_AS(space.to_external(2, 5), doctest::Contains(R"(parameter "k": internal value 5.0)"),
                             hpo::Error);
    }
}

TEST_CASE("contains and snap respect bounds, steps and integrality") {
    Space space = parse(R"({"x": {"type": "float", "low": 0.1, "high": 0.9, "step": 0.2},
                            "y": {"type": "float", "low": -1, "high": 1},
                            "n": {"type": "int", "low": 1, "high": 9, "step": 4},
                            "b": {"type": "int", "low": 1, "high": 1000, "log": true},
                            "k": {"type": "categorical", "choices": ["a", "b", "c"]}})");
    SUBCASE("floats on a step grid anchored at low") {
        CHECK(space.contains(0, 0.5));
        CHECK(space.contains(0, 0.1 + 3 * 0.2));
        CHECK_FALSE(space.contains(0, 0.4));
        CHECK(space.snap(0, 0.41) == doctest::Approx(0.5));
        CHECK(space.snap(0, 5) == 0.9);
        CHECK(space.snap(0, -5) == 0.1);
        CHECK(space.contains(0, space.snap(0, 0.77)));
    }
    SUBCASE("continuous floats are clamped alone") {
        CHECK(space.contains(1, 0.123));
        CHECK_FALSE(space.contains(1, 1.001));
        CHECK(space.snap(1, 0.123) == 0.123);
        CHECK(space.snap(1, 3) == 1);
        CHECK_FALSE(space.contains(1, kNaN));
        CHECK(std::isnan(space.snap(1, kNaN)));
    }
    SUBCASE("ints with a step") {
        CHECK(space.contains(2, 5));
        CHECK_FALSE(space.contains(2, 3));
        CHECK_FALSE(space.contains(2, 5.5));
        CHECK(space.snap(2, 6.9) == 5);
        CHECK(space.snap(2, 7.1) == 9);
        CHECK(space.snap(2, 100) == 9);
    }
    SUBCASE("log ints round in the natural domain") {
        CHECK(space.contains(3, 37));
        CHECK(space.snap(3, 2.4) == 2);
        CHECK(space.snap(3, 2.6) == 3);
        CHECK(space.snap(3, 999.7) == 1000);
        CHECK(space.snap(3, 0.2) == 1);
    }
    SUBCASE("categorical indices") {
        CHECK(space.contains(4, 2));
        CHECK_FALSE(space.contains(4, 3));
        CHECK_FALSE(space.contains(4, 0.5));
        CHECK(space.snap(4, 1.6) == 2);
        CHECK(space.snap(4, -3) == 0);
        CHECK(space.snap(4, 7) == 2);
    }
}

TEST_CASE("add returns the existing index for the same distribution and refuses another") {
    Space space;
    CHECK(space.add(param("lr", R"({"type": "float", "low": 0.001, "high": 0.1, "log": true})")) == 0);
    CHECK(space.add(param("k", R"({"type": "categorical", "choices": ["a", "b"]})")) == 1);
    CHECK(space.add(param("lr", R"({"type": "float", "low": 0.001, "high": 0.1, "log": true})")) == 0);
    CHECK(space.size() == 2);
    CHECK_THROWS_WITH_AS(
        space.add(param("lr", R"({"type": "float", "low": 0.001, "high": 0.2, "log": true})")),
        doctest::Contains(R"(parameter "lr": already in the space as {"type":"float","low":0.001,"high":0.1,)"
                          R"("log":true}, cannot be redefined as {"type":"float","low":0.001,"high":0.2,"log":true})"),
        hpo::Error);

    SUBCASE("a child needs its parent already present") {
        CHECK_THROWS_WITH_AS(
            space.add(param("u", R"({"type": "int", "low": 1, "high": 4, "condition": {"layers": [2]}})")),
            doctest::Contains(R"(parameter "u": condition on "layers", which is not in the space before it)"),
            hpo::Error);
        CHECK(space.add(param("g", R"({"type": "int", "low": 1, "high": 4, "condition": {"k": ["b"]}})")) == 2);
        const double values[] = {0.01, 1, 3};
        CHECK(space.is_active(2, values));
    }
    SUBCASE("a parameter built by hand is validated") {
        Param bad;
        bad.name = "n";
        bad.kind = HPO_PARAM_INT;
        bad.low = 5;
        bad.high = 1;
        bad.step = 1;
        CHECK_THROWS_WITH_AS(space.add(bad), doctest::Contains(R"(parameter "n": "low" (5) must be <= "high" (1))"),
                             hpo::Error);
        CHECK(space.size() == 2);
    }
}

TEST_CASE("infos describe every parameter and follow additions and copies") {
    Space space = parse(R"({"lr": {"type": "float", "low": 0.001, "high": 1, "log": true,
                                   "prior": {"type": "normal", "mu": -3, "sigma": 0.5}},
                            "k": {"type": "categorical", "choices": ["rbf", 2, null]},
                            "n": {"type": "int", "low": 0, "high": 10, "step": 5, "condition": {"k": [2, null]}}})");
    auto check_infos = [](const Space &s) {
        const hpo_param_info *infos = s.infos();
        const hpo_param_info &lr = infos[0], &k = infos[1], &n = infos[2];
        CHECK(lr.struct_size == sizeof(hpo_param_info));
        CHECK(std::string(lr.name) == "lr");
        CHECK(lr.kind == HPO_PARAM_FLOAT);
        CHECK(lr.low == 0.001);
        CHECK(lr.log == 1);
        CHECK(lr.prior == HPO_PRIOR_NORMAL);
        CHECK(lr.prior_mu == -3);
        CHECK(lr.prior_sigma == 0.5);
        CHECK(lr.parent == -1);
        CHECK(lr.n_choices == 0);
        CHECK(std::string(k.name) == "k");
        CHECK(k.low == 0);
        CHECK(k.high == 2);
        REQUIRE(k.n_choices == 3);
        CHECK(std::string(k.choices_json[0]) == R"("rbf")");
        CHECK(std::string(k.choices_json[1]) == "2");
        CHECK(std::string(k.choices_json[2]) == "null");
        CHECK(n.step == 5);
        CHECK(n.parent == 1);
        REQUIRE(n.n_parent_values == 2);
        CHECK(n.parent_values[0] == 1);
        CHECK(n.parent_values[1] == 2);
    };
    check_infos(space);

    SUBCASE("after many additions") {
        for (int i = 0; i < 40; ++i)
            space.add(param(("p" + std::to_string(i)).c_str(), R"({"type": "categorical", "choices": ["x"]})"));
        check_infos(space);
        CHECK(std::string(space.infos()[42].name) == "p39");
        CHECK(std::string(space.infos()[42].choices_json[0]) == R"("x")");
    }
    SUBCASE("in a copy that outlives the original") {
        Space copy = Space(space);
        space = Space();
        check_infos(copy);
        CHECK(copy.infos()[0].name == copy[0].name.c_str());
    }
}
