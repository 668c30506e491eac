#include "threads_runner.hpp"

#include <first_error.hpp>

#include <oneapi/tbb/info.h>

#include <string>
#include <system_error>
#include <thread>
#include <vector>

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
    // Trials block (on I/O, a subprocess, a GPU), so each slot is a thread of its own rather
    // than a oneTBB task: a worker blocked in a trial is a core oneTBB cannot give to compute,
    // and ThreadSanitizer sees a thread's start and join, where it cannot see the hand-off
    // inside Debian's uninstrumented libtbb (it reported the slots' first reads as races).
    FirstError error;
    {
        std::vector<std::jthread> slots;
        slots.reserve(static_cast<std::size_t>(n_jobs_));
        for (int32_t slot = 0; slot < n_jobs_; ++slot) {
            try {
                slots.emplace_back([&, slot] { drive_slot(host, slot, error); });
            } catch (const std::system_error &e) {
                error.record(slot, "starting its thread", HPO_ERROR, e.what());
                break;
            }
        }
    }  // every slot joined
    if (error.status() != HPO_OK) throw plugin_kit::StatusError(error.status(), error.message());
}

}  // namespace hpo::runners
