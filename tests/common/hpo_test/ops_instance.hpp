// A plugin instance created through its kind's ops table, as the engine creates one, from
// options that must be valid, with a test host of its own; destroyed with the test.
#pragma once

#include "test_host.hpp"

#include <doctest/doctest.h>

namespace hpo::test {

template <class Ops>
class OpsInstance {
public:
    OpsInstance(const Ops &ops, const char *options_json) : ops_(ops) {
        REQUIRE_MESSAGE(ops_.create(options_json, host.get(), &self) == HPO_OK, host.last_error());
    }
    ~OpsInstance() { ops_.destroy(self); }
    OpsInstance(const OpsInstance &) = delete;
    OpsInstance &operator=(const OpsInstance &) = delete;

    TestHost host;
    void *self = nullptr;

private:
    const Ops &ops_;
};

} // namespace hpo::test
