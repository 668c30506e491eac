// Generations kept in the study: who joins which, when the next opens, which parents it gets
// (elitism across generations), and what a restart or a second worker finds.
#include <evolution_options.hpp>
#include <generations.hpp>

#include <hpo_test/fake_study.hpp>

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <cstring>

using namespace hpo::samplers;
using hpo::test::FakeStudy;
using json = nlohmann::json;

namespace {

// Survival by the first objective's value alone: the smallest first.
std::vector<int64_t> smallest(const hpo_study_view &study, const std::vector<int64_t> &candidates,
                              std::size_t keep, int64_t) {
    std::vector<int64_t> ranked = candidates;
    std::sort(ranked.begin(), ranked.end(), [&](int64_t a, int64_t b) {
        return HPO_STUDY_TRIAL(&study, a)->values[0] < HPO_STUDY_TRIAL(&study, b)->values[0];
    });
    ranked.resize(std::min(keep, ranked.size()));
    return ranked;
}

// Starts a trial, merges what assign returns, and returns the trial's index.
int64_t start(FakeStudy &study, const Generations &generations) {
    const int64_t index = study.start_trial();
    const AttributeUpdate update = generations.assign(study.view(), index, smallest);
    if (update.trial) study.trial(index).system_attrs = update.trial->dump();
    if (update.study) {
        json attrs = json::parse(study.view().system_attrs_json);
        attrs.update(*update.study);
        study.set_system_attrs(attrs.dump());
    }
    return index;
}

int64_t generation(FakeStudy &study, const Generations &generations, int64_t index) {
    return generations.generation_of(*HPO_STUDY_TRIAL(&study.view(), index)).value();
}

} // namespace

TEST_CASE("a generation fills with completed trials, then its best open the next") {
    FakeStudy study;
    study.add_float("x", 0, 1);
    const Generations generations("ga:", 3);
    // Four trials start before any completes: none waits, all join generation 0.
    for (int i = 0; i < 4; ++i) CHECK(generation(study, generations, start(study, generations)) == 0);
    const double values[] = {5.0, 1.0, 3.0, 4.0};
    for (int64_t i = 0; i < 2; ++i) study.complete(i, {values[i]});
    CHECK(generation(study, generations, start(study, generations)) == 0); // 2 of 3 completed
    study.complete(2, {values[2]});
    study.complete(3, {values[3]});
    const int64_t opener = start(study, generations);
    CHECK(generation(study, generations, opener) == 1);
    // Every completed trial of generation 0 competed: trial 0, the worst, is out.
    CHECK(json::parse(study.view().system_attrs_json)["ga:parents:1"] == json{1, 2, 3});
    const auto parents = generations.parents(study.view(), 1);
    CHECK(parents == std::vector<int64_t>{1, 2, 3});
    CHECK(generations.parents(study.view(), 0).empty());
}

TEST_CASE("parents survive into the next generation until better children replace them") {
    FakeStudy study;
    study.add_float("x", 0, 1);
    const Generations generations("ga:", 2);
    for (int i = 0; i < 2; ++i) study.complete(start(study, generations), {10.0 + i});
    // Generation 1: one child better than every parent, one worse.
    const int64_t better = start(study, generations), worse = start(study, generations);
    study.complete(better, {1.0});
    study.complete(worse, {50.0});
    start(study, generations);
    CHECK(json::parse(study.view().system_attrs_json)["ga:parents:2"] == json{better, 0});
}

TEST_CASE("a trial that holds a generation keeps it, and an opened generation is not reopened") {
    FakeStudy study;
    study.add_float("x", 0, 1);
    const Generations generations("ga:", 1);
    study.complete(start(study, generations), {2.0});
    const int64_t index = study.start_trial();
    study.trial(index).system_attrs = R"({"other": 1, "ga:generation" : 7})";
    CHECK(!generations.assign(study.view(), index, smallest).trial);
    CHECK(generations.generation_of(*HPO_STUDY_TRIAL(&study.view(), index)) == 7);
    // Another worker opened generation 1 with its own parents: they are kept. (A worker of
    // its own, as in the engine: one instance serves one study, and remembers its trials.)
    FakeStudy other;
    other.add_float("x", 0, 1);
    const Generations other_worker("ga:", 1);
    other.complete(start(other, other_worker), {2.0});
    other.set_system_attrs(R"({"ga:parents:1": [0]})");
    const int64_t next = other.start_trial();
    const AttributeUpdate update = other_worker.assign(other.view(), next, smallest);
    CHECK(update.trial == json{{"ga:generation", 1}});
    CHECK(!update.study);
}

TEST_CASE("attributes that are not a generation or a list of trials are reported by name") {
    FakeStudy study;
    study.add_float("x", 0, 1);
    const Generations generations("ga:", 2);
    const int64_t index = study.start_trial();
    study.trial(index).system_attrs = R"({"ga:generation": "first"})";
    CHECK_THROWS_WITH(generations.generation_of(*HPO_STUDY_TRIAL(&study.view(), index)),
                      doctest::Contains("\"ga:generation\" is not an integer"));
    study.set_system_attrs(R"({"ga:parents:1": {"a": 1}})");
    CHECK_THROWS_WITH(generations.parents(study.view(), 1),
                      doctest::Contains("\"ga:parents:1\" is not a list of trial numbers"));
    study.set_system_attrs(R"({"ga:parents:1": [0, 99]})");
    CHECK_THROWS_WITH(generations.parents(study.view(), 1),
                      doctest::Contains("parent trial number 99"));
}

TEST_CASE("the shared option entries make a schema that checks options") {
    constexpr auto schema = join_schema("{", kEvolutionSchemaEntries, "\n}");
    CHECK(std::strlen(schema.data()) == schema.size() - 1);
    const auto parsed = json::parse(schema.data());
    CHECK(parsed.contains("population_size"));
    const hpo::plugin_kit::Options given(schema.data(), R"({"crossover": "blx_alpha", "mutation_rates": {"lr": 0.25}})");
    const EvolutionOptions options = EvolutionOptions::from(given);
    CHECK(options.variation.crossover == CrossoverKind::BlxAlpha);
    CHECK(options.mutation_rates.at("lr") == 0.25);
    CHECK(!options.mutation_prob);
    const hpo::plugin_kit::Options bad(schema.data(), R"({"mutation_rates": {"lr": 2}})");
    CHECK_THROWS_WITH(EvolutionOptions::from(bad),
                      doctest::Contains("mutation_rates: the rate of \"lr\" must be a number in [0, 1]"));
}

TEST_CASE("a trial's attribute is read by its key alone, whatever else the attributes hold") {
    FakeStudy study;
    study.add_float("x", 0, 1);
    const int64_t index = study.start_trial();
    const auto trial = [&]() -> const hpo_trial_view & { return *HPO_STUDY_TRIAL(&study.view(), index); };
    // A key that ends another key, and a value that names the key, are not the key.
    study.trial(index).system_attrs =
        R"({"old:x": [9], "note": "x", "x": [0.5, -1e-05, 3],  "g" : -12})";
    CHECK(numbers_attr(trial(), "x") == std::vector<double>{0.5, -1e-05, 3});
    CHECK(integer_attr(trial(), "g") == -12);
    CHECK_FALSE(numbers_attr(trial(), "y"));
    CHECK_FALSE(integer_attr(trial(), "y"));
    study.trial(index).system_attrs = R"({"x": [ ], "y": [1, "two"], "z": {"a": 1}})";
    CHECK(numbers_attr(trial(), "x") == std::vector<double>{});
    CHECK_THROWS_WITH(numbers_attr(trial(), "y"), doctest::Contains("\"y\" is not a list of numbers"));
    CHECK_THROWS_WITH(numbers_attr(trial(), "z"), doctest::Contains("\"z\" is not a list of numbers"));
}
