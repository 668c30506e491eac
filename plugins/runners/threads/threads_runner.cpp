#include "threads_runner.hpp"

#include <first_error.hpp>

#include <oneapi/tbb/global_control.h>
#include <oneapi/tbb/info.h>
#include <oneapi/tbb/task_arena.h>
#include <oneapi/tbb/task_group.h>

#include <optional>
#include <string>

namespace hpo::runners {

namespace {

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

}  // namespace

// The schema bounds n_jobs to -1 .. 4096; 0, inside those bounds, is refused here.
ThreadsRunner::ThreadsRunner(const plugin_kit::Options &options, const plugin_kit::Host &)
    : n_jobs_(static_cast<int32_t>(options.integer("n_jobs"))) {
    if (n_jobs_ == 0)
        throw plugin_kit::InvalidOption("option \"n_jobs\" must be a positive integer up to 4096, "
                                        "or -1 for all hardware threads; got 0");
    if (n_jobs_ == -1) n_jobs_ = tbb::info::default_concurrency();
}

void ThreadsRunner::run(const hpo_runner_host &host) const {
    // Trials block (on I/O, a subprocess, a GPU), so n_jobs of them should run at once even
    // beyond the cores TBB would use by default; raise its limit for this run.
    std::optional<tbb::global_control> allow;
    using tbb::global_control;
    if (static_cast<std::size_t>(n_jobs_) > global_control::active_value(global_control::max_allowed_parallelism))
        allow.emplace(global_control::max_allowed_parallelism, n_jobs_);
    FirstError error;
    tbb::task_arena arena(n_jobs_);
    arena.execute([&] {
        tbb::task_group slots;
        for (int32_t slot = 0; slot < n_jobs_; ++slot) slots.run([&, slot] { drive_slot(host, slot, error); });
        slots.wait();
    });
    if (error.status() != HPO_OK) throw plugin_kit::StatusError(error.status(), error.message());
}

}  // namespace hpo::runners
