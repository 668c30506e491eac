// A sampler class built as the adapter builds it (options text checked against the class's
// schema, a host with the given seed) and called directly, without the C ops: what the
// samplers' unit tests drive.
#pragma once

#include <hpo_kit/plugin_library.hpp>
#include <hpo_test/test_host.hpp>

#include <cstdint>

namespace hpo::test {

template <class Sampler>
class SamplerUnderTest {
public:
    explicit SamplerUnderTest(const char *options_json = "{}", uint64_t seed = 42)
        : host_(seed), sampler_(plugin_kit::Options(Sampler::about.options_schema, options_json),
                                plugin_kit::Host(*host_.get())) {}

    Sampler &operator*() { return sampler_; }
    const Sampler &operator*() const { return sampler_; }
    Sampler *operator->() { return &sampler_; }
    const Sampler *operator->() const { return &sampler_; }

private:
    TestHost host_; // declared first: it outlives the sampler, which may keep it
    Sampler sampler_;
};

} // namespace hpo::test
