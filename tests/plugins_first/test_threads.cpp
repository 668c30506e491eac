// The threads runner against a fake engine: every trial evaluated exactly once, trials really
// running at once, and the first error stopping the run.
#include "fake_study.hpp"
#include "threads_runner.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <mutex>
#include <thread>
#include <vector>

namespace {

const hpo_runner_ops &ops() { return *static_cast<const hpo_runner_ops *>(hpo::threads_runner::plugin_info().ops); }

// The engine's side of a run: hands out n_trials trial numbers, counts evaluations and how
// many run at once, and fails on request.
class FakeEngine {
public:
    FakeEngine(int n_trials, int sleep_ms) : n_trials_(n_trials), sleep_ms_(sleep_ms), evaluations_(n_trials) {
        host_.struct_size = sizeof(hpo_runner_host);
        host_.ctx = this;
        host_.next_trial = [](void *ctx, int32_t slot, hpo_trial_ref **out) {
            return static_cast<FakeEngine *>(ctx)->next_trial(slot, out);
        };
        host_.evaluate = [](void *ctx, hpo_trial_ref *trial) {
            return static_cast<FakeEngine *>(ctx)->evaluate(trial);
        };
    }

    const hpo_runner_host *host() const { return &host_; }
    int fail_next_trial_at = -1;  // the trial number whose start fails
    int fail_evaluate_at = -1;    // the trial number whose evaluation fails
    std::atomic<int> started{0};
    std::atomic<int> started_after_failure{0};
    std::atomic<int> max_in_flight{0};
    std::atomic<int> max_slot{-1};
    std::vector<std::atomic<int>> &evaluations() { return evaluations_; }

private:
    // A trial ref is the address of its evaluation counter: opaque to the runner.
    int32_t next_trial(int32_t slot, hpo_trial_ref **out) {
        int seen = max_slot.load();
        while (slot > seen && !max_slot.compare_exchange_weak(seen, slot)) {}
        const int number = next_.fetch_add(1);
        if (number == fail_next_trial_at) return fail(HPO_EIO);
        *out = number < n_trials_ ? reinterpret_cast<hpo_trial_ref *>(&evaluations_[number]) : nullptr;
        if (*out) ++started;
        if (*out && failed_) ++started_after_failure;
        return HPO_OK;
    }

    int32_t evaluate(hpo_trial_ref *trial) {
        auto *counter = reinterpret_cast<std::atomic<int> *>(trial);
        const int now = ++in_flight_;
        int seen = max_in_flight.load();
        while (now > seen && !max_in_flight.compare_exchange_weak(seen, now)) {}
        if (sleep_ms_) std::this_thread::sleep_for(std::chrono::milliseconds(sleep_ms_));
        ++*counter;
        --in_flight_;
        return counter - evaluations_.data() == fail_evaluate_at ? fail(HPO_ERROR) : HPO_OK;
    }

    int32_t fail(int32_t status) {
        failed_ = true;
        return status;
    }

    int n_trials_, sleep_ms_;
    std::vector<std::atomic<int>> evaluations_;
    std::atomic<int> next_{0};
    std::atomic<int> in_flight_{0};
    std::atomic<bool> failed_{false};
    hpo_runner_host host_{};
};

struct Runner {
    explicit Runner(const char *options) { REQUIRE(ops().create(options, host.get(), &self) == HPO_OK); }
    ~Runner() { ops().destroy(self); }
    fake::Host host;
    void *self = nullptr;
};

int evaluated(FakeEngine &engine) {
    auto &counts = engine.evaluations();
    return static_cast<int>(std::count_if(counts.begin(), counts.end(), [](auto &c) { return c.load() > 0; }));
}

bool each_at_most_once(FakeEngine &engine) {
    auto &counts = engine.evaluations();
    return std::all_of(counts.begin(), counts.end(), [](auto &c) { return c.load() <= 1; });
}

}  // namespace

TEST_CASE("threads evaluates every trial exactly once, several at a time") {
    FakeEngine engine(200, 1);
    Runner runner(R"({"n_jobs": 4})");
    CHECK(ops().run(runner.self, engine.host()) == HPO_OK);
    CHECK(evaluated(engine) == 200);
    CHECK(each_at_most_once(engine));
    CHECK(engine.max_in_flight > 1);
    CHECK(engine.max_in_flight <= 4);
    CHECK(engine.max_slot == 3);
}

TEST_CASE("threads with one job evaluates one trial at a time") {
    FakeEngine engine(50, 0);
    Runner runner("{}");
    CHECK(ops().run(runner.self, engine.host()) == HPO_OK);
    CHECK(evaluated(engine) == 50);
    CHECK(engine.max_in_flight == 1);
}

TEST_CASE("threads stops at the first error and returns it once every slot has finished") {
    FakeEngine engine(200, 1);
    Runner runner(R"({"n_jobs": 4})");
    SUBCASE("an evaluation fails") {
        engine.fail_evaluate_at = 20;
        CHECK(ops().run(runner.self, engine.host()) == HPO_ERROR);
        CHECK(runner.host.last_error().find("evaluate failed with status -1") != std::string::npos);
    }
    SUBCASE("starting a trial fails") {
        engine.fail_next_trial_at = 20;
        CHECK(ops().run(runner.self, engine.host()) == HPO_EIO);
        CHECK(runner.host.last_error().find("next_trial failed with status -8") != std::string::npos);
    }
    // Each slot stops after the trial it holds; one that was between two trials when the error
    // came may still start one.
    CHECK(engine.started_after_failure <= 3);
    CHECK(engine.started < 40);
    CHECK(evaluated(engine) == engine.started);
    CHECK(each_at_most_once(engine));
}

TEST_CASE("threads refuses a bad n_jobs and unknown options, naming them") {
    fake::Host host;
    void *self = nullptr;
    for (const char *options : {R"({"n_jobs": 0})", R"({"n_jobs": -2})", R"({"n_jobs": "4"})", R"({"n_jobs": 1.5})"}) {
        CAPTURE(options);
        CHECK(ops().create(options, host.get(), &self) == HPO_EINVAL);
        CHECK(host.last_error().find("\"n_jobs\"") != std::string::npos);
    }
    CHECK(ops().create(R"({"jobs": 2})", host.get(), &self) == HPO_EINVAL);
    CHECK(host.last_error().find(R"("jobs")") != std::string::npos);
    REQUIRE(ops().create(R"({"n_jobs": -1})", host.get(), &self) == HPO_OK);
    ops().destroy(self);
}
