// The anneal sampler inside whole studies run by the engine through hpo.hpp: reproducibly for
// a seed, and on the benchmarks' mixed space with its conditional parameters.
#include <hpo/hpo.hpp>

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include <string>

using json = nlohmann::json;

namespace {

// The trials of a seeded study of anneal on the benchmark `function`.
json anneal_trials(const char *function, int n_trials) {
    hpo::Engine engine;
    hpo::Study study(engine, json{{"seed", 2}, {"sampler", "anneal"}}.dump());
    const json objective = {{"name", "benchmarks"}, {"options", {{"function", function}}}};
    study.optimize_plugin(objective.dump(), json{{"n_trials", n_trials}}.dump());
    return json::parse(study.trials_json());
}

} // namespace

TEST_CASE("a seeded anneal study proposes the same trials again") {
    const json first = anneal_trials("branin", 25), again = anneal_trials("branin", 25);
    REQUIRE(first.size() == 25);
    for (std::size_t i = 0; i < first.size(); ++i) CHECK(first[i]["params"] == again[i]["params"]);
}

TEST_CASE("anneal handles the conditional mixed benchmark through the engine") {
    const json trials = anneal_trials("mixed", 30);
    REQUIRE(trials.size() == 30);
    for (const json &t : trials) {
        CHECK(t["state"] == "COMPLETE");
        const json &p = t["params"];
        // The branch decides which children exist.
        CHECK(p.contains("x") == (p["kind"] == "quadratic"));
        CHECK(p.contains("a") == (p["kind"] == "ackley"));
    }
}
