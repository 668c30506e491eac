// A relative sampler's "fallback" option: the sampler plugin it names draws what the relative
// sampler leaves (cmaes leaves categorical and conditional parameters), and its before_trial
// and after_trial_v2 run beside the sampler's, from 4 threads on one study. A name no plugin
// has, a malformed choice, and a sampler that leaves nothing are refused, naming the option.
#include "optimize.hpp"
#include "study_fixture.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <string>

using namespace hpo;
using hpo::test::error_of;
using hpo::test::make_study;

namespace {

// cmaes searches x and n; "act" and the conditional "decay" are left to the fallback.
json fallback_config(const json &sampler) {
    const json space = {
        {"x", {{"type", "float"}, {"low", -2}, {"high", 2}}},
        {"n", {{"type", "int"}, {"low", 0}, {"high", 10}}},
        {"act", {{"type", "categorical"}, {"choices", {"relu", "tanh", "gelu"}}}},
        {"decay", {{"type", "float"}, {"low", 0}, {"high", 1}, {"condition", {{"act", {"relu"}}}}}},
    };
    return {{"name", "fallback"}, {"seed", 5}, {"space", space}, {"sampler", sampler}};
}

json cmaes_with(const json &fallback) {
    return {{"name", "cmaes"}, {"options", {{"popsize", 4}, {"fallback", fallback}}}};
}

int32_t distance(hpo_trial *trial, double *values, std::size_t) {
    const double x = trial->study->param(trial->number, "x"), n = trial->study->param(trial->number, "n");
    values[0] = (x - 0.5) * (x - 0.5) + (n - 3) * (n - 3);
    return HPO_OK;
}

}  // namespace

TEST_CASE("the fallback a cmaes study names draws what cmaes leaves, from 4 threads") {
    auto study = make_study(fallback_config(cmaes_with("attrs_sampler")));
    optimize(study, distance, OptimizeOptions::from_json({{"n_trials", 40}, {"n_jobs", 4}}));
    const json trials = study->trials_json();
    REQUIRE(trials.size() == 40);
    const json study_attrs = study->info_json()["system_attrs"];
    int64_t newest_generation = 0;
    for (const json &trial : trials) {
        CAPTURE(trial.dump());
        const int64_t number = trial["number"].get<int64_t>();
        // attrs_sampler draws low + (high - low) * number / 1000: under 250 trials the
        // categorical rounds to its first choice, which three choices drawn from the prior
        // would give all 40 trials with chance 3^-40.
        CHECK(trial["params"]["act"] == "relu");
        CHECK(trial["params"]["decay"] == static_cast<double>(number) / 1000);
        // Its hooks ran too: its sample_independent refuses a trial its before_trial missed.
        CHECK(trial["system_attrs"]["told_state"] == HPO_TRIAL_COMPLETE);
        CHECK(study_attrs["told_" + std::to_string(number)] == HPO_TRIAL_COMPLETE);
        // And cmaes kept its own distribution over the numeric parameters.
        CHECK(trial["system_attrs"].contains("cmaes:x"));
        newest_generation = std::max(newest_generation, trial["system_attrs"]["cmaes:generation"].get<int64_t>());
    }
    CHECK(newest_generation >= 3);
}

TEST_CASE("a fallback is refused, naming the option, when it cannot be made or has nothing to do") {
    SUBCASE("a name no sampler plugin has") {
        const std::string message =
            error_of([] { make_study(fallback_config(cmaes_with("no_such_sampler"))); }, HPO_ENOTFOUND);
        CHECK(message.find("\"sampler.options.fallback\"") != std::string::npos);
        CHECK(message.find("no sampler plugin named \"no_such_sampler\"") != std::string::npos);
    }
    SUBCASE("a choice that is neither a name nor {name, options}") {
        const std::string message = error_of([] { make_study(fallback_config(cmaes_with(3))); });
        CHECK(message.find("\"sampler.options.fallback\" must be a plugin name") != std::string::npos);
    }
    SUBCASE("options the fallback does not take") {
        const json fallback = {{"name", "tpe"}, {"options", {{"no_such_option", 1}}}};
        const std::string message = error_of([&] { make_study(fallback_config(cmaes_with(fallback))); });
        CHECK(message.find("\"sampler.options.fallback\"") != std::string::npos);
        CHECK(message.find("no_such_option") != std::string::npos);
    }
    SUBCASE("a sampler that samples one parameter at a time") {
        const json sampler = {{"name", "attrs_sampler"}, {"options", {{"fallback", "random"}}}};
        const std::string message = error_of([&] { make_study(fallback_config(sampler)); });
        CHECK(message.find("\"sampler.options.fallback\"") != std::string::npos);
        CHECK(message.find("leaves nothing to a fallback") != std::string::npos);
    }
}

TEST_CASE("the plugin listing shows the fallback option on each relative sampler, and on no other") {
    const json loaded = hpo::test::registry()->to_json()["loaded"];
    const auto options_of = [&](const std::string &name) {
        for (const json &plugin : loaded) {
            if (plugin["kind"] == "sampler" && plugin["name"] == name) return plugin["options"];
        }
        FAIL("no sampler named " << name << " in " << loaded.dump());
        return json();
    };
    const json cmaes = options_of("cmaes");
    REQUIRE(cmaes.contains("fallback"));
    CHECK(cmaes["fallback"]["description"].get<std::string>().find("taken by the engine") != std::string::npos);
    CHECK(cmaes.contains("popsize"));  // beside cmaes's own
    CHECK_FALSE(options_of("attrs_sampler").contains("fallback"));
}
