// The random sampler as the engine drives it, through its ops: reproducibility per (seed,
// trial number), relative and independent draws agreeing, and what it refuses.
#include "random_sampler.hpp"

#include <sampler_adapter.hpp>

#include <hpo_test/fake_study.hpp>
#include <hpo_test/test_host.hpp>

#include <doctest/doctest.h>

#include <string>
#include <vector>

namespace {

using hpo::test::FakeStudy;
using hpo::test::TestHost;

const hpo_sampler_ops &ops = hpo::samplers::SamplerAdapter<hpo::random_sampler::RandomSampler>::ops;

struct Instance {
    explicit Instance(const TestHost &host) { REQUIRE(ops.create("{}", host.get(), &self) == HPO_OK); }
    ~Instance() { ops.destroy(self); }
    Instance(const Instance &) = delete;
    Instance &operator=(const Instance &) = delete;
    void *self = nullptr;
};

} // namespace

TEST_CASE("random gives the same values for the same seed and trial number, others for others") {
    FakeStudy study;
    const int32_t x = study.add_float("x", 0, 1);
    const int32_t n = study.add_int("n", 0, 1000000);
    for (int i = 0; i < 3; ++i) study.start_trial();
    const auto sample = [&](uint64_t seed, int64_t trial) {
        const TestHost host(seed);
        const Instance sampler(host);
        const int32_t subspace[] = {x, n};
        double values[2];
        REQUIRE(ops.sample_relative(sampler.self, &study.view(), trial, subspace, 2, values) == HPO_OK);
        double alone;
        REQUIRE(ops.sample_independent(sampler.self, &study.view(), trial, n, &alone) == HPO_OK);
        CHECK(alone == values[1]);
        return std::vector<double>{values[0], values[1]};
    };
    CHECK(sample(1, 0) == sample(1, 0));
    CHECK(sample(1, 2) == sample(1, 2));
    CHECK(sample(1, 0)[0] != sample(1, 1)[0]);
    CHECK(sample(1, 0)[1] != sample(1, 1)[1]);
    CHECK(sample(1, 0)[0] != sample(2, 0)[0]);
}

TEST_CASE("random refuses options, and a parameter it cannot draw, with a message") {
    const TestHost host;
    void *self = nullptr;
    SUBCASE("an unknown option is named") {
        CHECK(ops.create(R"({"seed": 3})", host.get(), &self) == HPO_EINVAL);
        CHECK(host.last_error().find(R"("seed")") != std::string::npos);
    }
    SUBCASE("options that are not an object") {
        CHECK(ops.create("[]", host.get(), &self) == HPO_EINVAL);
        CHECK(ops.create("{", host.get(), &self) == HPO_EINVAL);
        CHECK(host.last_error().find("JSON") != std::string::npos);
    }
    SUBCASE("a parameter whose bounds are reversed is named") {
        FakeStudy study;
        study.add_float("broken", 2, 1);
        study.start_trial();
        const Instance sampler(host);
        double value;
        CHECK(ops.sample_independent(sampler.self, &study.view(), 0, 0, &value) == HPO_EINVAL);
        CHECK(host.last_error().find("'broken'") != std::string::npos);
    }
}
