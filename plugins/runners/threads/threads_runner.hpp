// The `threads` runner: n_jobs slots, each a thread of this process asking for a trial and
// evaluating it until the engine has no more. Thread-safe: a run keeps its state on its
// own stack, so one instance may drive several runs at once.
#pragma once

#include <hpo_kit/plugin_library.hpp>

#include <hpo/plugin.h>

#include <cstdint>

namespace hpo::runners {

class ThreadsRunner {
public:
    static constexpr plugin_kit::About about{
        "threads", "Runs trials on n_jobs threads of this process",
        R"json({
  "n_jobs": {"type": "integer", "default": 1, "minimum": -1, "maximum": 4096, "description": "trials at once; -1 for all hardware threads"}
})json",
        HPO_PLUGIN_THREAD_SAFE};

    // plugin_kit::InvalidOption for an n_jobs of 0, which the schema's bounds let through.
    ThreadsRunner(const plugin_kit::Options &options, const plugin_kit::Host &host);

    // Stops every slot after its current trial at the first error, and throws
    // plugin_kit::StatusError with that error's status once all have stopped.
    void run(const hpo_runner_host &host) const;

    [[nodiscard]] int32_t n_jobs() const { return n_jobs_; }

private:
    int32_t n_jobs_;
};

}  // namespace hpo::runners
