// Studies over the build tree's plugins, for the engine's tests.
#pragma once

#include "error.hpp"
#include "live_trial.hpp"
#include "registry.hpp"
#include "study.hpp"

#include <doctest/doctest.h>

#include <chrono>
#include <condition_variable>
#include <functional>
#include <memory>
#include <mutex>
#include <string>

namespace hpo::test {

inline std::shared_ptr<Registry> registry() {
    static const auto shared = [] {
        auto r = std::make_shared<Registry>(false);
        r->add_path(HPO_TEST_PLUGIN_DIR);
#ifdef ENGINE_TEST_PLUGIN_DIR
        r->add_path(ENGINE_TEST_PLUGIN_DIR);  // plugins written for the engine's tests
#endif
        return r;
    }();
    return shared;
}

inline std::shared_ptr<Study> make_study(const json &config) {
    return std::make_shared<Study>(registry(), StudyConfig::from_json(config));
}

// An objective whose value is the trial's parameter "x0": the values are the sampler's draws.
inline int32_t first_param(hpo_trial *trial, double *values, std::size_t) {
    values[0] = trial->study->param(trial->number, "x0");
    return HPO_OK;
}

// The message of the error `call` throws, whose status must be `expected`; a call that
// throws nothing fails the test case.
inline std::string error_of(const std::function<void()> &call, hpo_status expected = HPO_EINVAL) {
    try {
        call();
    } catch (const Error &e) {
        CHECK(e.status() == expected);
        return e.what();
    }
    FAIL("no error was thrown");
    return {};
}

// Where `parties` threads wait for each other: proof that they ran at once, with no timing
// assumption. meet() returns false when the others did not all come within a generous time
// (the code under test serialized them).
class Rendezvous {
public:
    explicit Rendezvous(int parties) : waiting_for_(parties) {}
    bool meet() {
        std::unique_lock lock(mutex_);
        if (--waiting_for_ <= 0) all_here_.notify_all();
        return all_here_.wait_for(lock, std::chrono::seconds(20), [this] { return waiting_for_ <= 0; });
    }

private:
    std::mutex mutex_;
    std::condition_variable all_here_;
    int waiting_for_;
};

// A declared space of n floats x0, x1, ... in [0, 1].
inline json unit_floats(int n) {
    json space = json::object();
    for (int i = 0; i < n; ++i) space["x" + std::to_string(i)] = {{"type", "float"}, {"low", 0}, {"high", 1}};
    return space;
}

}  // namespace hpo::test
