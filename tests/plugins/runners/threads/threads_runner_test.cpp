// The threads runner against a fake engine: every trial evaluated exactly once, n_jobs trials
// really running at once (met at a barrier, not guessed from sleeps), and the first error
// stopping the run.
#include "threads_runner.hpp"

#include <hpo_test/make_plugin.hpp>

#include <doctest/doctest.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <mutex>
#include <string>
#include <vector>

using hpo::plugin_kit::InvalidOption;
using hpo::plugin_kit::StatusError;
using hpo::runners::ThreadsRunner;
using hpo::test::make_plugin;

namespace {

// The first `parties` evaluations wait for each other: they pass only once all of them are
// in flight at the same time, which a runner that evaluates fewer at once never achieves.
// The wait is bounded so that such a runner fails the test instead of hanging it.
class Rendezvous {
public:
    explicit Rendezvous(int parties) : parties_(parties) {}

    void arrive() {
        std::unique_lock lock(mutex_);
        if (arrived_ >= parties_) return; // past the first `parties` evaluations
        ++arrived_;
        all_arrived_.notify_all();
        met_ = all_arrived_.wait_for(lock, std::chrono::seconds(60), [&] { return arrived_ == parties_; }) && met_;
    }
    [[nodiscard]] bool met() const { return met_; }

private:
    std::mutex mutex_;
    std::condition_variable all_arrived_;
    int parties_;
    int arrived_ = 0;
    bool met_ = true;
};

// The engine's side of a run: hands out n_trials trials, counts evaluations and how many run
// at once, and fails on request.
class FakeEngine {
public:
    FakeEngine(int n_trials, int parties) : rendezvous_(parties), evaluations_(static_cast<size_t>(n_trials)) {
        host_.struct_size = sizeof(hpo_runner_host);
        host_.ctx = this;
        host_.next_trial = [](void *ctx, int32_t slot, hpo_trial_ref **out) {
            return static_cast<FakeEngine *>(ctx)->next_trial(slot, out);
        };
        host_.evaluate = [](void *ctx, hpo_trial_ref *trial) {
            return static_cast<FakeEngine *>(ctx)->evaluate(trial);
        };
    }

    const hpo_runner_host &host() const { return host_; }
    int fail_next_trial_at = -1; // the trial number whose start fails
    int fail_evaluate_at = -1;   // the trial number whose evaluation fails
    std::atomic<int> started{0};
    std::atomic<int> max_in_flight{0};
    std::atomic<int> max_slot{-1};

    int evaluated() const {
        return static_cast<int>(std::count_if(evaluations_.begin(), evaluations_.end(),
                                              [](const std::atomic<int> &count) { return count > 0; }));
    }
    bool each_at_most_once() const {
        return std::all_of(evaluations_.begin(), evaluations_.end(),
                           [](const std::atomic<int> &count) { return count <= 1; });
    }
    bool all_parties_met() const { return rendezvous_.met(); }

private:
    static void raise(std::atomic<int> &maximum, int value) {
        for (int seen = maximum; value > seen && !maximum.compare_exchange_weak(seen, value);) {
        }
    }

    // A trial ref is the address of its evaluation counter: opaque to the runner.
    int32_t next_trial(int32_t slot, hpo_trial_ref **out) {
        raise(max_slot, slot);
        const int number = next_.fetch_add(1);
        if (number == fail_next_trial_at) return HPO_EIO;
        const bool more = number < static_cast<int>(evaluations_.size());
        *out = more ? reinterpret_cast<hpo_trial_ref *>(&evaluations_[static_cast<size_t>(number)]) : nullptr;
        if (more) ++started;
        return HPO_OK;
    }

    int32_t evaluate(hpo_trial_ref *trial) {
        auto *counter = reinterpret_cast<std::atomic<int> *>(trial);
        raise(max_in_flight, ++in_flight_);
        rendezvous_.arrive();
        ++*counter;
        --in_flight_;
        return counter - evaluations_.data() == fail_evaluate_at ? HPO_ERROR : HPO_OK;
    }

    Rendezvous rendezvous_;
    std::vector<std::atomic<int>> evaluations_;
    std::atomic<int> next_{0};
    std::atomic<int> in_flight_{0};
    hpo_runner_host host_{};
};

} // namespace

TEST_CASE("threads evaluates every trial exactly once, n_jobs at a time") {
    FakeEngine engine(200, 4);
    make_plugin<ThreadsRunner>(R"({"n_jobs": 4})").run(engine.host());
    CHECK(engine.all_parties_met());
    CHECK(engine.evaluated() == 200);
    CHECK(engine.each_at_most_once());
    CHECK(engine.max_in_flight == 4);
    CHECK(engine.max_slot == 3);
}

TEST_CASE("threads with one job evaluates one trial at a time") {
    FakeEngine engine(50, 1);
    make_plugin<ThreadsRunner>("{}").run(engine.host());
    CHECK(engine.evaluated() == 50);
    CHECK(engine.max_in_flight == 1);
}

TEST_CASE("threads stops at the first error and throws it once every slot has finished") {
    // Far more trials than slots could start between the error and its being recorded.
    constexpr int n_trials = 1000000;
    FakeEngine engine(n_trials, 4);
    const ThreadsRunner runner = make_plugin<ThreadsRunner>(R"({"n_jobs": 4})");
    SUBCASE("an evaluation fails") {
        engine.fail_evaluate_at = 20;
        CHECK_THROWS_WITH_AS(runner.run(engine.host()), doctest::Contains("evaluate failed with status -1"),
                             StatusError);
    }
    SUBCASE("starting a trial fails") {
        engine.fail_next_trial_at = 20;
        try {
            runner.run(engine.host());
            FAIL("the run did not fail");
        } catch (const StatusError &error) {
            CHECK(error.status() == HPO_EIO);
            CHECK(std::string(error.what()).find("next_trial failed with status -8") != std::string::npos);
        }
    }
    CHECK(engine.started < n_trials);
    CHECK(engine.evaluated() == engine.started);
    CHECK(engine.each_at_most_once());
}

TEST_CASE("threads takes -1 for all hardware threads and refuses 0") {
    CHECK(make_plugin<ThreadsRunner>(R"({"n_jobs": -1})").n_jobs() >= 1);
    CHECK_THROWS_WITH_AS(make_plugin<ThreadsRunner>(R"({"n_jobs": 0})"), doctest::Contains("\"n_jobs\""),
                         InvalidOption);
}
