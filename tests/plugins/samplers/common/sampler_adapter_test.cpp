// The sampler adapter's C side, once for every sampler: the table it builds, the slots of the
// operations a class has and NULL for the others, arguments refused with a message that names
// them, exceptions become statuses, HPO_DONE, and attributes handed over as host strings.
#include <sampler_adapter.hpp>

#include <hpo_test/fake_study.hpp>
#include <hpo_test/test_host.hpp>

#include <doctest/doctest.h>

#include <cmath>
#include <cstdlib>
#include <stdexcept>
#include <string>

namespace {

using hpo::plugin_kit::About;
using hpo::plugin_kit::Host;
using hpo::plugin_kit::Options;
using hpo::samplers::AttributeUpdate;
using hpo::samplers::SamplerAdapter;
using hpo::test::FakeStudy;
using hpo::test::TestHost;
using nlohmann::json;

// Only what a sampler must have.
class Minimal {
public:
    static constexpr About about{"minimal", "samples the parameter's low bound", "{}", 0};
    Minimal(const Options &, const Host &) {}
    double sample_independent(const hpo_study_view &study, int64_t, int32_t param) const {
        return hpo::plugin_kit::param_at(study, param).low;
    }
};

// Every operation, with answers that tell the test what the adapter handed over: values from
// the trial's number and the parameter, `budget` relative proposals before HPO_DONE, a
// parameter named after the exception it throws, attributes that name the trial.
class Everything {
public:
    static constexpr About about{
        "everything", "every operation a sampler may have",
        R"({"budget": {"type": "integer", "default": 2, "minimum": 0}})", HPO_PLUGIN_THREAD_SAFE};
    Everything(const Options &options, const Host &host)
        : budget_(options.integer("budget")), host_(host) {}

    double sample_independent(const hpo_study_view &study, int64_t trial, int32_t param) const {
        const std::string name = hpo::plugin_kit::param_at(study, param).name;
        if (name == "invalid") throw std::invalid_argument("invalid: a bad argument");
        if (name == "busy") throw hpo::plugin_kit::StatusError(HPO_EBUSY, "busy: try again");
        if (name == "broken") throw std::runtime_error("broken: a plain failure");
        return 10.0 * static_cast<double>(hpo::plugin_kit::trial_at(study, trial).number) + param;
    }
    bool sample_relative(const hpo_study_view &study, int64_t trial,
                         std::span<const int32_t> subspace, std::span<double> out) {
        if (budget_ == 0) {
            host_.error("everything: the budget is spent");
            return false;
        }
        --budget_;
        for (std::size_t i = 0; i < subspace.size(); ++i)
            out[i] = sample_independent(study, trial, subspace[i]);
        return true;
    }
    AttributeUpdate before_trial(const hpo_study_view &study, int64_t trial) const {
        const std::string number = std::to_string(hpo::plugin_kit::trial_at(study, trial).number);
        if (number == "2") return {json::array({1}), std::nullopt}; // not an object: refused
        return {json{{"started", number}}, std::nullopt};
    }
    AttributeUpdate after_trial(const hpo_study_view &study, int64_t trial) const {
        const std::string number = std::to_string(hpo::plugin_kit::trial_at(study, trial).number);
        return {json{{"ended", number}}, json{{"last_ended", number}}};
    }

private:
    int64_t budget_;
    Host host_;
};

using MinimalAdapter = SamplerAdapter<Minimal>;
using EverythingAdapter = SamplerAdapter<Everything>;

// An instance of a sampler made through its ops, destroyed at the end of the scope.
template <class Adapter>
struct Made {
    explicit Made(const TestHost &host, const char *options = "{}") {
        REQUIRE_MESSAGE(Adapter::ops.create(options, host.get(), &self) == HPO_OK, host.last_error());
    }
    ~Made() { Adapter::ops.destroy(self); }
    Made(const Made &) = delete;
    Made &operator=(const Made &) = delete;
    void *self = nullptr;
};

// A study of three parameters and `n` RUNNING trials.
void fill(FakeStudy &study, int n) {
    study.add_float("x", 0, 1);
    study.add_int("n", 3, 9);
    study.add_categorical("c", 2);
    for (int i = 0; i < n; ++i) study.start_trial();
}

bool says(const TestHost &host, const std::string &part) {
    return host.last_error().find(part) != std::string::npos;
}

// A host string taken back: its text, freed as the engine frees it.
std::string take(const TestHost &host, char *text) {
    if (text == nullptr) return "(none)";
    std::string copy = text;
    host.get()->free(host.get()->engine, text);
    return copy;
}

// The sampler with every operation, made through the ops, over a study of three parameters
// and three RUNNING trials.
struct Everyday {
    Everyday() { fill(study, 3); }
    TestHost host;
    Made<EverythingAdapter> sampler{host};
    FakeStudy study;
};

} // namespace

TEST_CASE("the adapter describes the class and leaves the slots of absent operations NULL") {
    const hpo_plugin_info &info = EverythingAdapter::info;
    CHECK(info.kind == HPO_PLUGIN_SAMPLER);
    CHECK(std::string(info.name) == "everything");
    CHECK(info.flags == HPO_PLUGIN_THREAD_SAFE);
    CHECK(std::string(info.options_schema_json) == Everything::about.options_schema);
    CHECK(info.ops == &EverythingAdapter::ops);
    CHECK(EverythingAdapter::ops.struct_size == sizeof(hpo_sampler_ops));
    CHECK(static_cast<bool>(EverythingAdapter::ops.sample_relative));
    CHECK(static_cast<bool>(EverythingAdapter::ops.before_trial));
    CHECK(static_cast<bool>(EverythingAdapter::ops.after_trial_v2));
    CHECK_FALSE(static_cast<bool>(EverythingAdapter::ops.after_trial)); // ABI 1.0's, replaced by after_trial_v2

    CHECK(MinimalAdapter::info.flags == 0);
    CHECK(static_cast<bool>(MinimalAdapter::ops.sample_independent));
    CHECK_FALSE(static_cast<bool>(MinimalAdapter::ops.sample_relative));
    CHECK_FALSE(static_cast<bool>(MinimalAdapter::ops.before_trial));
    CHECK_FALSE(static_cast<bool>(MinimalAdapter::ops.after_trial_v2));
}

TEST_CASE("create checks the options against the schema and names a bad one") {
    const TestHost host;
    void *self = nullptr;
    CHECK(EverythingAdapter::ops.create(R"({"budget": -1})", host.get(), &self) == HPO_EINVAL);
    CHECK(says(host, R"("budget")"));
    CHECK(EverythingAdapter::ops.create(R"({"budgte": 1})", host.get(), &self) == HPO_EINVAL);
    CHECK(says(host, R"("budgte")"));
    CHECK(MinimalAdapter::ops.create(R"({"any": 1})", host.get(), &self) == HPO_EINVAL);
    CHECK(says(host, "takes no options"));
    CHECK(self == nullptr);
    CHECK(EverythingAdapter::ops.create("{}", nullptr, &self) == HPO_EINVAL);
}

TEST_CASE_FIXTURE(Everyday, "the adapter refuses bad arguments before the class sees them, saying which") {
    const hpo_sampler_ops &ops = EverythingAdapter::ops;
    const hpo_study_view &view = study.view();
    double value = 0;
    double values[3] = {};
    char *trial_attrs = nullptr, *study_attrs = nullptr;

    CHECK(ops.sample_independent(sampler.self, nullptr, 0, 0, &value) == HPO_EINVAL);
    CHECK(says(host, "sample_independent: the study view is NULL"));
    CHECK(ops.sample_independent(sampler.self, &view, 0, 0, nullptr) == HPO_EINVAL);
    CHECK(says(host, "out_value is NULL"));
    CHECK(ops.sample_independent(sampler.self, &view, 3, 0, &value) == HPO_EINVAL);
    CHECK(says(host, "trial index 3 is not in the study's 3 trials"));
    CHECK(ops.sample_independent(sampler.self, &view, -1, 0, &value) == HPO_EINVAL);
    CHECK(ops.sample_independent(sampler.self, &view, 0, 3, &value) == HPO_EINVAL);
    CHECK(says(host, "parameter index 3 is not in the study's 3 parameters"));
    CHECK(ops.sample_independent(nullptr, &view, 0, 0, &value) == HPO_EINVAL);

    const int32_t out_of_range[] = {0, 7};
    CHECK(ops.sample_relative(sampler.self, &view, 0, out_of_range, 2, values) == HPO_EINVAL);
    CHECK(says(host, "sample_relative: parameter index 7"));
    const int32_t decreasing[] = {2, 1};
    CHECK(ops.sample_relative(sampler.self, &view, 0, decreasing, 2, values) == HPO_EINVAL);
    CHECK(says(host, "not in increasing order"));
    CHECK(ops.sample_relative(sampler.self, &view, 0, nullptr, 2, values) == HPO_EINVAL);
    CHECK(ops.sample_relative(sampler.self, &view, 0, out_of_range, -1, values) == HPO_EINVAL);
    CHECK(says(host, "negative"));

    CHECK(ops.before_trial(sampler.self, &view, 0, nullptr, &study_attrs) == HPO_EINVAL);
    CHECK(says(host, "before_trial: an attributes output is NULL"));
    CHECK(ops.after_trial_v2(sampler.self, &view, 5, &trial_attrs, &study_attrs) == HPO_EINVAL);
    CHECK(says(host, "after_trial: trial index 5"));
    CHECK(trial_attrs == nullptr);
    CHECK(study_attrs == nullptr);

    SUBCASE("a view without strides, as ABI 1.0 made them, is refused") {
        hpo_study_view old = view;
        old.struct_size = offsetof(hpo_study_view, trial_stride);
        CHECK(ops.sample_independent(sampler.self, &old, 0, 0, &value) == HPO_EINVAL);
        CHECK(says(host, "no strides"));
    }
}

TEST_CASE_FIXTURE(Everyday, "the class reads the view through its strides and proposes through the ops") {
    const hpo_study_view &view = study.view();
    double value = NAN;
    REQUIRE(EverythingAdapter::ops.sample_independent(sampler.self, &view, 2, 1, &value) == HPO_OK);
    CHECK(value == 21.0);
    const int32_t subspace[] = {0, 2};
    double values[2] = {NAN, NAN};
    REQUIRE(EverythingAdapter::ops.sample_relative(sampler.self, &view, 1, subspace, 2, values) ==
            HPO_OK);
    CHECK(values[0] == 10.0);
    CHECK(values[1] == 12.0);
    CHECK(EverythingAdapter::ops.sample_relative(sampler.self, &view, 1, nullptr, 0, nullptr) ==
          HPO_OK);

    Made<MinimalAdapter> minimal(host);
    REQUIRE(MinimalAdapter::ops.sample_independent(minimal.self, &view, 0, 1, &value) == HPO_OK);
    CHECK(value == 3.0);
}

TEST_CASE("an exception from the class becomes its status and message") {
    const TestHost host;
    Made<EverythingAdapter> sampler(host);
    FakeStudy study;
    study.add_float("invalid", 0, 1);
    study.add_float("busy", 0, 1);
    study.add_float("broken", 0, 1);
    study.start_trial();
    const hpo_study_view &view = study.view();
    double value = 0;
    CHECK(EverythingAdapter::ops.sample_independent(sampler.self, &view, 0, 0, &value) == HPO_EINVAL);
    CHECK(host.last_error() == "invalid: a bad argument");
    CHECK(EverythingAdapter::ops.sample_independent(sampler.self, &view, 0, 1, &value) == HPO_EBUSY);
    CHECK(host.last_error() == "busy: try again");
    CHECK(EverythingAdapter::ops.sample_independent(sampler.self, &view, 0, 2, &value) == HPO_ERROR);
    CHECK(host.last_error() == "broken: a plain failure");
    const int32_t all[] = {0, 1, 2};
    double values[3];
    CHECK(EverythingAdapter::ops.sample_relative(sampler.self, &view, 0, all, 3, values) == HPO_EINVAL);
}

TEST_CASE("sample_relative returning false is HPO_DONE, with the class's own message") {
    const TestHost host;
    Made<EverythingAdapter> sampler(host, R"({"budget": 1})");
    FakeStudy study;
    fill(study, 2);
    const int32_t subspace[] = {0};
    double value = NAN;
    CHECK(EverythingAdapter::ops.sample_relative(sampler.self, &study.view(), 0, subspace, 1, &value) ==
          HPO_OK);
    CHECK(EverythingAdapter::ops.sample_relative(sampler.self, &study.view(), 1, subspace, 1, &value) ==
          HPO_DONE);
    CHECK(host.last_error() == "everything: the budget is spent");
}

TEST_CASE_FIXTURE(Everyday, "before and after a trial, attributes reach the engine as host strings") {
    const hpo_study_view &view = study.view();
    char *trial_attrs = nullptr, *study_attrs = nullptr;
    REQUIRE(EverythingAdapter::ops.before_trial(sampler.self, &view, 1, &trial_attrs, &study_attrs) ==
            HPO_OK);
    CHECK(take(host, trial_attrs) == R"({"started":"1"})");
    CHECK(take(host, study_attrs) == "(none)");
    REQUIRE(EverythingAdapter::ops.after_trial_v2(sampler.self, &view, 0, &trial_attrs, &study_attrs) ==
            HPO_OK);
    CHECK(take(host, trial_attrs) == R"({"ended":"0"})");
    CHECK(take(host, study_attrs) == R"({"last_ended":"0"})");

    SUBCASE("attributes that are not an object are refused and nothing is handed over") {
        CHECK(EverythingAdapter::ops.before_trial(sampler.self, &view, 2, &trial_attrs,
                                                  &study_attrs) == HPO_ERROR);
        CHECK(says(host, "trial attributes must be a JSON object, got [1]"));
        CHECK(trial_attrs == nullptr);
        CHECK(study_attrs == nullptr);
    }
}
