// The hpo_runner_ops of a runner written in the kit's one plugin shape
// (hpo_kit/plugin_library.hpp):
//
//   class ThreadsRunner {
//   public:
//       static constexpr plugin_kit::About about{"threads", "...", R"json({...})json",
//                                                HPO_PLUGIN_THREAD_SAFE};
//       ThreadsRunner(const plugin_kit::Options &options, const plugin_kit::Host &host);
//       // Drives trials through the engine's runner host until next_trial gives none, and
//       // returns once every trial it started is evaluated or finished.
//       void run(const hpo_runner_host &host) const;
//   };
//
// The runner host's required slots (next_trial, evaluate) are checked before run is called.
// A failed run throws: plugin_kit::StatusError with the status to return (a runner host
// call's), or any exception the kit maps.
#pragma once

#include <hpo_kit/plugin_library.hpp>

#include <hpo/plugin.h>

#include <stdexcept>

namespace hpo::runners {

template <plugin_kit::PluginClass Runner>
struct RunnerAdapter {
    using Life = plugin_kit::Lifecycle<Runner>;

    static int32_t run(void *self, const hpo_runner_host *host) {
        return Life::call(self, [&](const Runner &runner, const plugin_kit::Host &) {
            if (host == nullptr || host->next_trial == nullptr || host->evaluate == nullptr) {
                throw std::invalid_argument("run: a runner host with next_trial and evaluate is required");
            }
            runner.run(*host);
            return int32_t{HPO_OK};
        });
    }

    static constexpr hpo_runner_ops ops{sizeof(hpo_runner_ops), &Life::create, &Life::destroy, &run};
    static constexpr hpo_plugin_info info = plugin_kit::plugin_info<Runner>(HPO_PLUGIN_RUNNER, ops);
};

} // namespace hpo::runners
