#include "threads_runner.hpp"

#include <hpo_kit/options.hpp>
#include <hpo_kit/plugin_kit.hpp>

#include <oneapi/tbb/global_control.h>
#include <oneapi/tbb/info.h>
#include <oneapi/tbb/task_arena.h>
#include <oneapi/tbb/task_group.h>

#include <atomic>
#include <mutex>
#include <optional>
#include <stdexcept>
#include <string>

namespace hpo::threads_runner {

namespace {

const char *const options_schema = R"json({
  "n_jobs": {"type": "integer", "default": 1, "minimum": -1, "maximum": 4096, "description": "trials at once; -1 for all hardware threads"}
})json";

struct Runner {
    const hpo_host *host;
    int32_t n_jobs;
};

// The schema bounds n_jobs to -1 .. 4096; 0, inside those bounds, is refused here.
int32_t parse_n_jobs(const char *options_json) {
    const plugin_kit::Options options(options_schema, options_json);
    const auto n_jobs = static_cast<int32_t>(options.integer("n_jobs"));
    if (n_jobs == 0)
        throw plugin_kit::InvalidOption("option \"n_jobs\" must be a positive integer up to 4096, "
                                        "or -1 for all hardware threads; got 0");
    return n_jobs == -1 ? tbb::info::default_concurrency() : n_jobs;
}

// The first error any slot met; once set, every slot stops after its current trial.
class FirstError {
public:
    void record(int32_t slot, const char *operation, int32_t status) {
        const std::lock_guard lock(mutex_);
        stop_ = true;
        if (status_ != HPO_OK) return;
        status_ = status;
        message_ = "slot " + std::to_string(slot) + ": " + operation + " failed with status " +
                   std::to_string(status);
    }
    bool stopped() const { return stop_; }
    int32_t status() const { return status_; }
    const std::string &message() const { return message_; }

private:
    std::mutex mutex_;
    std::atomic<bool> stop_{false};
    int32_t status_ = HPO_OK;
    std::string message_;
};

void drive_slot(const hpo_runner_host &host, int32_t slot, FirstError &error) {
    while (!error.stopped()) {
        hpo_trial_ref *trial = nullptr;
        int32_t status = host.next_trial(host.ctx, slot, &trial);
        if (status < 0) return error.record(slot, "next_trial", status);
        if (!trial) return;
        status = host.evaluate(host.ctx, trial);
        if (status < 0) return error.record(slot, "evaluate", status);
    }
}

using plugin_kit::guarded;

int32_t create(const char *options_json, const hpo_host *host, void **out_self) {
    return guarded(host, [&] {
        *out_self = new Runner{host, parse_n_jobs(options_json)};
        return HPO_OK;
    });
}

void destroy(void *self) { delete static_cast<Runner *>(self); }

int32_t run(void *self, const hpo_runner_host *runner_host) {
    const auto &runner = *static_cast<const Runner *>(self);
    return guarded(runner.host, [&] {
        // Trials block (on I/O, a subprocess, a GPU), so n_jobs of them should run at once even
        // beyond the cores TBB would use by default; raise its limit for this run.
        std::optional<tbb::global_control> allow;
        using tbb::global_control;
        if (static_cast<std::size_t>(runner.n_jobs) >
            global_control::active_value(global_control::max_allowed_parallelism))
            allow.emplace(global_control::max_allowed_parallelism, runner.n_jobs);
        FirstError error;
        tbb::task_arena arena(runner.n_jobs);
        arena.execute([&] {
            tbb::task_group slots;
            for (int32_t slot = 0; slot < runner.n_jobs; ++slot)
                slots.run([&, slot] { drive_slot(*runner_host, slot, error); });
            slots.wait();
        });
        if (error.status() != HPO_OK) plugin_kit::report_error(runner.host, error.message().c_str());
        return error.status();
    });
}

const hpo_runner_ops ops = {sizeof(hpo_runner_ops), create, destroy, run};

}  // namespace

const hpo_plugin_info &plugin_info() {
    static const hpo_plugin_info info = {
        sizeof(hpo_plugin_info),
        HPO_PLUGIN_RUNNER,
        "threads",
        "Runs trials on n_jobs threads of this process (oneTBB)",
        HPO_PLUGIN_THREAD_SAFE,
        options_schema,
        &ops,
    };
    return info;
}

}  // namespace hpo::threads_runner
